package dev.nebula4j.firewall;

/**
 * Why the firewall did not admit a packet. Every dropped packet is counted under exactly one
 * reason (per direction); the first four are malformed packets, the rest are policy decisions.
 *
 * <p>Only policy decisions are answered with a reject packet when the direction's action is
 * {@link FirewallAction#REJECT}; malformed packets are always dropped silently.
 */
public enum DropReason {
  /** Empty, or shorter than a 20-byte IPv4 header. */
  TOO_SHORT(1, "too_short", true, "packet is shorter than an IPv4 header"),
  /**
   * Not IPv4. IPv6 (Go nebula 1.10+) is not classified yet, so it is dropped like Go 1.6.1 does.
   */
  UNSUPPORTED_IP_VERSION(2, "ip_version", true, "packet is not IPv4"),
  /** The IPv4 header length field is below 5 words or points past the end of the packet. */
  BAD_HEADER_LENGTH(3, "header_length", true, "IPv4 header length is invalid"),
  /** A TCP/UDP packet without its 4 port bytes, or an ICMP packet without its identifier. */
  TRUNCATED(4, "truncated", true, "packet ends before its ports or ICMP identifier"),
  /**
   * The remote address (inbound: source; outbound: destination) is neither the peer's exact VPN
   * address nor inside one of its certificate's unsafe networks.
   */
  REMOTE_ADDRESS_NOT_ALLOWED(
      5, "remote_addr", false, "remote address is not in the peer certificate's networks"),
  /**
   * The remote address is a VPN address of the peer that lies outside all of our own VPN
   * networks (Go 1.11's "VPN peer" network type, rejected for now).
   */
  REMOTE_NETWORK_NOT_OURS(
      6, "remote_addr", false, "remote address is outside every network we handle"),
  /**
   * The local address (inbound: destination; outbound: source) is neither one of our VPN
   * addresses nor inside one of our unsafe networks.
   */
  LOCAL_ADDRESS_NOT_OURS(
      7, "local_addr", false, "local address is not one of our addresses or unsafe networks"),
  /** No conntrack entry and no rule of the direction's table admits the packet. */
  NO_MATCHING_RULE(8, "no_rule", false, "no matching rule in the firewall table");

  private static final DropReason[] BY_CODE = new DropReason[9];

  static {
    for (DropReason r : values()) {
      BY_CODE[r.code] = r;
    }
  }

  private final int code;
  private final String metricSuffix;
  private final boolean malformed;
  private final String description;

  DropReason(int code, String metricSuffix, boolean malformed, String description) {
    this.code = code;
    this.metricSuffix = metricSuffix;
    this.malformed = malformed;
    this.description = description;
  }

  /** A small positive number, stable across releases, used in verdict codes. */
  public int code() {
    return code;
  }

  /**
   * The last part of Go nebula's metric name, e.g. {@code no_rule} in {@code
   * firewall.incoming.dropped.no_rule}; the malformed reasons have names of their own.
   */
  public String metricSuffix() {
    return metricSuffix;
  }

  /** Whether the packet could not be classified (never answered with a reject). */
  public boolean malformed() {
    return malformed;
  }

  /** One sentence for logs and users. */
  public String description() {
    return description;
  }

  /**
   * The reason with this {@link #code()}.
   *
   * @throws IllegalArgumentException if no reason has that code
   */
  public static DropReason ofCode(int code) {
    if (code <= 0 || code >= BY_CODE.length) {
      throw new IllegalArgumentException("no firewall drop reason has code " + code);
    }
    return BY_CODE[code];
  }
}
