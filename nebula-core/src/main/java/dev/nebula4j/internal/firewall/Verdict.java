package dev.nebula4j.internal.firewall;

import dev.nebula4j.firewall.DropReason;

/**
 * The {@code int} the firewall's packet path returns, so that deciding a packet never allocates or
 * boxes: {@link #ACCEPT} ({@code 0}), or a {@link DropReason#code()} in the low byte, with {@link
 * #REJECT_FLAG} set when the direction's action is {@code reject} and the caller should answer the
 * packet with a reject packet (see {@code dev.nebula4j.internal.packet.RejectPackets}).
 *
 * <pre>{@code
 * int v = firewall.inbound(buf, off, len, peer, tuple);
 * if (v == Verdict.ACCEPT) { write to the device }
 * else if (Verdict.isReject(v)) { build a reject and send it back through the tunnel }
 * }</pre>
 */
public final class Verdict {
  private Verdict() {}

  /** The packet is admitted. */
  public static final int ACCEPT = 0;

  /** Set on a drop verdict when the caller should send a reject packet. */
  public static final int REJECT_FLAG = 0x100;

  private static final int REASON_MASK = 0xFF;

  // DropReason codes as compile-time-friendly constants for the packet path
  static final int TOO_SHORT = DropReason.TOO_SHORT.code();
  static final int UNSUPPORTED_IP_VERSION = DropReason.UNSUPPORTED_IP_VERSION.code();
  static final int BAD_HEADER_LENGTH = DropReason.BAD_HEADER_LENGTH.code();
  static final int TRUNCATED = DropReason.TRUNCATED.code();
  static final int REMOTE_ADDRESS_NOT_ALLOWED = DropReason.REMOTE_ADDRESS_NOT_ALLOWED.code();
  static final int REMOTE_NETWORK_NOT_OURS = DropReason.REMOTE_NETWORK_NOT_OURS.code();
  static final int LOCAL_ADDRESS_NOT_OURS = DropReason.LOCAL_ADDRESS_NOT_OURS.code();
  static final int NO_MATCHING_RULE = DropReason.NO_MATCHING_RULE.code();

  /** Whether the caller should answer the dropped packet with a reject packet. */
  public static boolean isReject(int verdict) {
    return (verdict & REJECT_FLAG) != 0;
  }

  /**
   * Why the packet was dropped.
   *
   * @throws IllegalArgumentException for {@link #ACCEPT}
   */
  public static DropReason reason(int verdict) {
    return DropReason.ofCode(verdict & REASON_MASK);
  }

  /** A readable form, e.g. {@code accept}, {@code drop(no_rule)}, {@code reject(no_rule)}. */
  public static String toString(int verdict) {
    if (verdict == ACCEPT) {
      return "accept";
    }
    return (isReject(verdict) ? "reject(" : "drop(") + reason(verdict).name() + ")";
  }
}
