package dev.nebula4j.firewall;

/**
 * What happens to a packet no rule admits ({@code firewall.inbound_action} /
 * {@code outbound_action}): silently dropped, or rejected with a TCP RST or an ICMP
 * destination-unreachable (code 13, administratively prohibited) as Go nebula 1.11 does.
 */
public enum FirewallAction {
  DROP,
  REJECT;

  public String configName() {
    return this == DROP ? "drop" : "reject";
  }

  /** Parses {@code drop} or {@code reject}. */
  public static FirewallAction parse(String value) {
    if ("drop".equals(value)) {
      return DROP;
    }
    if ("reject".equals(value)) {
      return REJECT;
    }
    throw new IllegalArgumentException(
        "unknown firewall action '" + value + "' (expected drop or reject)");
  }
}
