package dev.nebula4j.config;

import java.time.Duration;

/**
 * The static_map section (Go 1.7+): how DNS names in {@code static_host_map} are re-resolved.
 *
 * @param cadence how often names are resolved again (YAML static_map.cadence)
 * @param network address family looked up (YAML static_map.network)
 * @param lookupTimeout timeout of one lookup (YAML static_map.lookup_timeout)
 */
public record StaticMapConfig(
    Duration cadence,
    LookupNetwork network,
    Duration lookupTimeout) {

  public StaticMapConfig {
    cadence = Checks.positive(cadence, "static_map.cadence");
    network = Checks.req(network, "static_map.network");
    lookupTimeout = Checks.positive(lookupTimeout, "static_map.lookup_timeout");
  }

  /** Go nebula's defaults for this section. */
  public static StaticMapConfig defaults() {
    return builder().build();
  }

  /** A builder starting from Go nebula's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this value. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.cadence = cadence;
    b.network = network;
    b.lookupTimeout = lookupTimeout;
    return b;
  }

  /** Builds a {@link StaticMapConfig}; every setter validates its argument. */
  public static final class Builder {
    private Duration cadence = Duration.ofSeconds(30);
    private LookupNetwork network = LookupNetwork.IP4;
    private Duration lookupTimeout = Duration.ofMillis(250);

    private Builder() {}

    /**
     * How often names are resolved again. YAML {@code static_map.cadence}.
     */
    public Builder cadence(Duration cadence) {
      this.cadence = Checks.positive(cadence, "static_map.cadence");
      return this;
    }

    /**
     * Address family looked up. YAML {@code static_map.network}.
     */
    public Builder network(LookupNetwork network) {
      this.network = Checks.req(network, "static_map.network");
      return this;
    }

    /**
     * Timeout of one lookup. YAML {@code static_map.lookup_timeout}.
     */
    public Builder lookupTimeout(Duration lookupTimeout) {
      this.lookupTimeout = Checks.positive(lookupTimeout, "static_map.lookup_timeout");
      return this;
    }

    public StaticMapConfig build() {
      return new StaticMapConfig(cadence, network, lookupTimeout);
    }
  }
}
