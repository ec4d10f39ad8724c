package dev.nebula4j.node;

/**
 * Why a node dropped a datagram or an IP packet; every drop is counted under one of these in
 * {@link NodeStats#drops()}. The first drop of each reason, and then at most one summary line
 * every few seconds, is logged (at INFO for inputs that hint at an attack or a fault, at DEBUG for
 * the normal ones such as hole punches).
 */
public enum PacketDropReason {
  // ------------------------------------------------------------ outside (UDP) path
  /** A 0- or 1-byte datagram: a hole punch (spec §2.8), ignored by design. */
  HOLE_PUNCH("hole punch (datagram of at most 1 byte)", false),
  /** Shorter than the 16-byte header but not a punch: a truncated or foreign datagram. */
  TOO_SHORT("datagram shorter than the 16-byte header", true),
  /** The header's version is not 1 or its type is unknown. */
  UNKNOWN_TYPE("unknown header version or message type", true),
  /** The UDP source lies inside our own VPN network (no nested tunnels, §2.6). */
  FROM_OWN_NETWORK("underlay source address inside our VPN network", true),
  /** No tunnel has the header's remote index (answered with recv_error per policy, §2.7). */
  UNKNOWN_INDEX("no tunnel for the remote index", true),
  /** The counter was already seen or is older than the replay window (§2.5). */
  REPLAYED("counter replayed or older than the replay window", true),
  /** The AEAD tag did not verify (§2.3). */
  DECRYPT_FAILED("AEAD authentication failed", true),
  /** The inbound firewall dropped or rejected the decrypted packet (§6). */
  FIREWALL_INBOUND("inbound firewall", false),
  /** The device refused the packet (queue full, too large, closed). */
  DEVICE_REFUSED("device refused the packet", false),
  /** A relay frame (§5); relays are not supported yet. */
  RELAY_UNSUPPORTED("relay frames are not supported", false),
  /** A lighthouse message (§4) without a lighthouse handler. */
  LIGHTHOUSE_UNHANDLED("lighthouse message ignored", false),
  /** A control message (§5.1) without a relay handler. */
  CONTROL_UNHANDLED("control message ignored", false),
  /** A handshake packet that matches no pending handshake or has a bad counter (§3). */
  HANDSHAKE_UNMATCHED("handshake packet matches no pending handshake", true),
  /** A recv_error naming no tunnel of ours, or refused by {@code listen.accept_recv_error}. */
  RECV_ERROR_IGNORED("recv_error for no tunnel of ours", false),
  /** A recv_error from another address than the tunnel's remote ("spoofing?", §2.7). */
  RECV_ERROR_WRONG_SOURCE("recv_error from an address other than the tunnel's remote", true),
  // ------------------------------------------------------------ inside (device) path
  /** Not an IPv4 packet, or too malformed to classify (§6.1). */
  INSIDE_MALFORMED("outbound packet is not a well-formed IPv4 packet", false),
  /** Addressed to our own VPN address (Linux drops these too, §7). */
  TO_SELF("outbound packet to our own VPN address", false),
  /** To a broadcast or multicast address dropped by {@code tun.drop_*}. */
  BROADCAST("outbound broadcast or multicast", false),
  /** Outside our VPN networks with no unsafe route (§3.5). */
  NO_ROUTE("no route: destination outside our VPN network and unsafe routes", false),
  /** The outbound firewall dropped or rejected the packet (§6). */
  FIREWALL_OUTBOUND("outbound firewall", false),
  /** The peer's handshake is pending and its 100-packet cache is full (§3.5). */
  CACHE_FULL("handshake pending and its packet cache is full", false),
  /** Cached for a handshake that then failed. */
  HANDSHAKE_FAILED("cached for a handshake that failed", false),
  /** The UDP send failed. */
  SEND_FAILED("UDP send failed", true),
  /** The node is not running (not started yet, or closing). */
  NOT_RUNNING("node not running", false);

  private final String description;
  private final boolean suspicious;

  PacketDropReason(String description, boolean suspicious) {
    this.description = description;
    this.suspicious = suspicious;
  }

  /** A short human-readable explanation, used in log lines. */
  public String description() {
    return description;
  }

  /**
   * Whether drops of this kind hint at an attack, a restart or a fault, and are logged at INFO
   * rather than DEBUG.
   */
  public boolean suspicious() {
    return suspicious;
  }
}
