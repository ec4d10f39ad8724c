package dev.nebula4j.config;

import java.time.Duration;

/**
 * The tunnels section (Go 1.9.6+): closing idle tunnels.
 *
 * @param dropInactive close tunnels idle for inactivityTimeout (YAML tunnels.drop_inactive)
 * @param inactivityTimeout idle time after which a tunnel is closed (YAML
 *     tunnels.inactivity_timeout)
 */
public record TunnelsConfig(
    boolean dropInactive,
    Duration inactivityTimeout) {

  public TunnelsConfig {
    dropInactive = dropInactive;
    inactivityTimeout = Checks.positive(inactivityTimeout, "tunnels.inactivity_timeout");
  }

  /** Go nebula's defaults for this section. */
  public static TunnelsConfig defaults() {
    return builder().build();
  }

  /** A builder starting from Go nebula's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this value. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.dropInactive = dropInactive;
    b.inactivityTimeout = inactivityTimeout;
    return b;
  }

  /** Builds a {@link TunnelsConfig}; every setter validates its argument. */
  public static final class Builder {
    private boolean dropInactive = false;
    private Duration inactivityTimeout = Duration.ofMinutes(10);

    private Builder() {}

    /**
     * Close tunnels idle for inactivityTimeout. YAML {@code tunnels.drop_inactive}.
     */
    public Builder dropInactive(boolean dropInactive) {
      this.dropInactive = dropInactive;
      return this;
    }

    /**
     * Idle time after which a tunnel is closed. YAML {@code tunnels.inactivity_timeout}.
     */
    public Builder inactivityTimeout(Duration inactivityTimeout) {
      this.inactivityTimeout = Checks.positive(inactivityTimeout, "tunnels.inactivity_timeout");
      return this;
    }

    public TunnelsConfig build() {
      return new TunnelsConfig(dropInactive, inactivityTimeout);
    }
  }
}
