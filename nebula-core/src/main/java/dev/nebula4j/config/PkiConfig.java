package dev.nebula4j.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The pki section: where the CA bundle, this host's certificate and its private key come from,
 * each a file path or inline PEM ({@link PkiSource}), plus the blocklist. Loading a config
 * never reads these files; {@link PkiCheck} does, for {@code nebula -test} and node start.
 *
 * @param ca trusted CA certificates (a bundle may hold several) (YAML pki.ca)
 * @param cert this host's certificate (YAML pki.cert)
 * @param key this host's private key (YAML pki.key)
 * @param blocklist certificate fingerprints (hex) refused as peers (YAML pki.blocklist)
 * @param disconnectInvalid close tunnels whose peer certificate stopped verifying; Go 1.8+
 *     default true (1.6.1 used false, so toYaml always writes it) (YAML pki.disconnect_invalid)
 * @param initiatingVersion certificate version used when initiating handshakes (1.10+; unset
 *     = 1 if a v1 certificate is present) (YAML pki.initiating_version)
 */
public record PkiConfig(
    PkiSource ca,
    PkiSource cert,
    PkiSource key,
    List<String> blocklist,
    boolean disconnectInvalid,
    OptionalInt initiatingVersion) {

  public PkiConfig {
    ca = Checks.req(ca, "pki.ca");
    cert = Checks.req(cert, "pki.cert");
    key = Checks.req(key, "pki.key");
    blocklist = Checks.req(List.copyOf(blocklist), "pki.blocklist");
    disconnectInvalid = disconnectInvalid;
    initiatingVersion = Checks.certVersion(initiatingVersion);
  }

  /** A builder starting from Go nebula's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this value. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.ca = ca;
    b.cert = cert;
    b.key = key;
    b.blocklist = blocklist;
    b.disconnectInvalid = disconnectInvalid;
    b.initiatingVersion = initiatingVersion;
    return b;
  }

  /** Builds a {@link PkiConfig}; every setter validates its argument. */
  public static final class Builder {
    private PkiSource ca = null;
    private PkiSource cert = null;
    private PkiSource key = null;
    private List<String> blocklist = List.of();
    private boolean disconnectInvalid = true;
    private OptionalInt initiatingVersion = OptionalInt.empty();

    private Builder() {}

    /**
     * Trusted CA certificates (a bundle may hold several). YAML {@code pki.ca}.
     */
    public Builder ca(PkiSource ca) {
      this.ca = Checks.req(ca, "pki.ca");
      return this;
    }

    /**
     * This host's certificate. YAML {@code pki.cert}.
     */
    public Builder cert(PkiSource cert) {
      this.cert = Checks.req(cert, "pki.cert");
      return this;
    }

    /**
     * This host's private key. YAML {@code pki.key}.
     */
    public Builder key(PkiSource key) {
      this.key = Checks.req(key, "pki.key");
      return this;
    }

    /**
     * Certificate fingerprints (hex) refused as peers. YAML {@code pki.blocklist}.
     */
    public Builder blocklist(List<String> blocklist) {
      this.blocklist = Checks.req(List.copyOf(blocklist), "pki.blocklist");
      return this;
    }

    /** Appends one entry to {@code pki.blocklist}. */
    public Builder addBlock(String value) {
      List<String> l = new ArrayList<>(this.blocklist);
      l.add(Objects.requireNonNull(value, "pki.blocklist"));
      return blocklist(l);
    }

    /**
     * Close tunnels whose peer certificate stopped verifying; Go 1.8+ default true (1.6.1 used
     * false, so toYaml always writes it). YAML {@code pki.disconnect_invalid}.
     */
    public Builder disconnectInvalid(boolean disconnectInvalid) {
      this.disconnectInvalid = disconnectInvalid;
      return this;
    }

    /**
     * Certificate version used when initiating handshakes (1.10+; unset = 1 if a v1 certificate
     * is present). YAML {@code pki.initiating_version}.
     */
    public Builder initiatingVersion(OptionalInt initiatingVersion) {
      this.initiatingVersion = Checks.certVersion(initiatingVersion);
      return this;
    }

    /** Sets {@code pki.ca} from a path or inline PEM, as Go reads the string. */
    public Builder ca(String pathOrPem) {
      return ca(PkiSource.of(pathOrPem));
    }

    /** Sets {@code pki.cert} from a path or inline PEM. */
    public Builder cert(String pathOrPem) {
      return cert(PkiSource.of(pathOrPem));
    }

    /** Sets {@code pki.key} from a path or inline PEM. */
    public Builder key(String pathOrPem) {
      return key(PkiSource.of(pathOrPem));
    }

    public PkiConfig build() {
      if (ca == null) {
        throw new IllegalStateException("pki.ca is required");
      }
      if (cert == null) {
        throw new IllegalStateException("pki.cert is required");
      }
      if (key == null) {
        throw new IllegalStateException("pki.key is required");
      }
      return new PkiConfig(ca, cert, key, blocklist, disconnectInvalid, initiatingVersion);
    }
  }
}
