package dev.nebula4j.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The sshd section: Go nebula's debug SSH server. nebula4j does not run it (a warning says so
 * when enabled); the values are kept so configs for Go nodes round-trip.
 *
 * @param enabled run the SSH server (YAML sshd.enabled)
 * @param listen host:port to listen on (port 22 is refused by Go) (YAML sshd.listen)
 * @param hostKey SSH host private key file (1.9+: or inline) (YAML sshd.host_key)
 * @param authorizedUsers users and their public keys (YAML sshd.authorized_users)
 * @param trustedCas trusted SSH CA public keys (1.9+) (YAML sshd.trusted_cas)
 * @param sandboxDir directory for debug files ("" = Go default, 1.11+) (YAML
 *     sshd.sandbox_dir)
 */
public record SshdConfig(
    boolean enabled,
    String listen,
    String hostKey,
    List<SshdConfig.AuthorizedUser> authorizedUsers,
    List<String> trustedCas,
    String sandboxDir) {

  public SshdConfig {
    enabled = enabled;
    listen = Checks.notNull(listen, "sshd.listen");
    hostKey = Checks.notNull(hostKey, "sshd.host_key");
    authorizedUsers = Checks.req(List.copyOf(authorizedUsers), "sshd.authorized_users");
    trustedCas = Checks.req(List.copyOf(trustedCas), "sshd.trusted_cas");
    sandboxDir = Checks.notNull(sandboxDir, "sshd.sandbox_dir");
  }

  /** Go nebula's defaults for this section. */
  public static SshdConfig defaults() {
    return builder().build();
  }

  /** A builder starting from Go nebula's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this value. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.enabled = enabled;
    b.listen = listen;
    b.hostKey = hostKey;
    b.authorizedUsers = authorizedUsers;
    b.trustedCas = trustedCas;
    b.sandboxDir = sandboxDir;
    return b;
  }

  /**
   * One entry of {@code sshd.authorized_users}.
   *
   * @param user user name
   * @param keys SSH public keys in authorized_keys format
   */
  public record AuthorizedUser(String user, List<String> keys) {
    public AuthorizedUser {
      Objects.requireNonNull(user, "user");
      keys = List.copyOf(keys);
    }
  }

  /** Builds a {@link SshdConfig}; every setter validates its argument. */
  public static final class Builder {
    private boolean enabled = false;
    private String listen = "";
    private String hostKey = "";
    private List<SshdConfig.AuthorizedUser> authorizedUsers = List.of();
    private List<String> trustedCas = List.of();
    private String sandboxDir = "";

    private Builder() {}

    /**
     * Run the SSH server. YAML {@code sshd.enabled}.
     */
    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    /**
     * Host:port to listen on (port 22 is refused by Go). YAML {@code sshd.listen}.
     */
    public Builder listen(String listen) {
      this.listen = Checks.notNull(listen, "sshd.listen");
      return this;
    }

    /**
     * SSH host private key file (1.9+: or inline). YAML {@code sshd.host_key}.
     */
    public Builder hostKey(String hostKey) {
      this.hostKey = Checks.notNull(hostKey, "sshd.host_key");
      return this;
    }

    /**
     * Users and their public keys. YAML {@code sshd.authorized_users}.
     */
    public Builder authorizedUsers(List<SshdConfig.AuthorizedUser> authorizedUsers) {
      this.authorizedUsers = Checks.req(List.copyOf(authorizedUsers), "sshd.authorized_users");
      return this;
    }

    /** Appends one entry to {@code sshd.authorized_users}. */
    public Builder addAuthorizedUser(SshdConfig.AuthorizedUser value) {
      List<SshdConfig.AuthorizedUser> l = new ArrayList<>(this.authorizedUsers);
      l.add(Objects.requireNonNull(value, "sshd.authorized_users"));
      return authorizedUsers(l);
    }

    /**
     * Trusted SSH CA public keys (1.9+). YAML {@code sshd.trusted_cas}.
     */
    public Builder trustedCas(List<String> trustedCas) {
      this.trustedCas = Checks.req(List.copyOf(trustedCas), "sshd.trusted_cas");
      return this;
    }

    /** Appends one entry to {@code sshd.trusted_cas}. */
    public Builder addTrustedCa(String value) {
      List<String> l = new ArrayList<>(this.trustedCas);
      l.add(Objects.requireNonNull(value, "sshd.trusted_cas"));
      return trustedCas(l);
    }

    /**
     * Directory for debug files ("" = Go default, 1.11+). YAML {@code sshd.sandbox_dir}.
     */
    public Builder sandboxDir(String sandboxDir) {
      this.sandboxDir = Checks.notNull(sandboxDir, "sshd.sandbox_dir");
      return this;
    }

    public SshdConfig build() {
      return new SshdConfig(enabled, listen, hostKey, authorizedUsers, trustedCas, sandboxDir);
    }
  }
}
