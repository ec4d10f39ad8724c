package dev.nebula4j.config;

/** {@code static_map.network}: which address family DNS names in static_host_map resolve to. */
public enum LookupNetwork {
  /** IPv4 only (Go's default). */
  IP4("ip4"),
  /** IPv6 only. */
  IP6("ip6"),
  /** Both families. */
  IP("ip");

  private final String configName;

  LookupNetwork(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  /** Parses {@code ip4}, {@code ip6} or {@code ip}. */
  public static LookupNetwork parse(String value) {
    for (LookupNetwork n : values()) {
      if (n.configName.equals(value)) {
        return n;
      }
    }
    throw new IllegalArgumentException(
        "unknown static_map.network '" + value + "' (expected ip4, ip6 or ip)");
  }
}
