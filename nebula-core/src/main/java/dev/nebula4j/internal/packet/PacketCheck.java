package dev.nebula4j.internal.packet;

/**
 * Why a packet failed a structural check. The {@code check...} methods of {@link Ipv4Packet},
 * {@link UdpDatagram}, {@link IcmpEcho} and {@link IcmpEchoResponder} return a non-negative offset
 * on success and one of these negative codes otherwise, so the data path can count the reason
 * without allocating an exception. {@link #describe} turns a code into words for logs and tests.
 */
public final class PacketCheck {
  private PacketCheck() {}

  /** Shorter than the header its own fields announce (or than 20 bytes). */
  public static final int TRUNCATED = -1;
  /** The version nibble is not 4. */
  public static final int NOT_IPV4 = -2;
  /** IHL below 5 (20 bytes). */
  public static final int BAD_HEADER_LENGTH = -3;
  /** IPv4 total length smaller than the header or larger than the bytes at hand. */
  public static final int BAD_TOTAL_LENGTH = -4;
  /** Not the transport protocol asked for. */
  public static final int WRONG_PROTOCOL = -5;
  /** A fragment (more-fragments set or non-zero offset): no reassembly here. */
  public static final int FRAGMENT = -6;
  /** IPv4 header, ICMP or UDP checksum does not verify. */
  public static final int BAD_CHECKSUM = -7;
  /** The transport length field (UDP length) disagrees with the IP payload. */
  public static final int BAD_TRANSPORT_LENGTH = -8;
  /** An ICMP message of another type or code than the one asked for. */
  public static final int WRONG_ICMP_TYPE = -9;
  /** Addressed to some other host. */
  public static final int NOT_FOR_US = -10;
  /** The output buffer cannot hold the result. */
  public static final int NO_ROOM = -11;

  /** A short lower-case reason for {@code code}, {@code "ok"} for non-negative values. */
  public static String describe(int code) {
    switch (code) {
      case TRUNCATED:
        return "truncated";
      case NOT_IPV4:
        return "not IPv4";
      case BAD_HEADER_LENGTH:
        return "bad IPv4 header length";
      case BAD_TOTAL_LENGTH:
        return "bad IPv4 total length";
      case WRONG_PROTOCOL:
        return "wrong protocol";
      case FRAGMENT:
        return "fragment";
      case BAD_CHECKSUM:
        return "bad checksum";
      case BAD_TRANSPORT_LENGTH:
        return "bad transport length";
      case WRONG_ICMP_TYPE:
        return "wrong ICMP type";
      case NOT_FOR_US:
        return "not addressed to us";
      case NO_ROOM:
        return "no room in output buffer";
      default:
        return code >= 0 ? "ok" : "unknown code " + code;
    }
  }
}
