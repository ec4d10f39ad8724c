package dev.nebula4j.internal.packet;

import static dev.nebula4j.internal.packet.PacketBytes.put16;
import static dev.nebula4j.internal.packet.PacketBytes.u16;
import static dev.nebula4j.internal.packet.PacketBytes.u8;

/**
 * ICMPv4 echo request and reply (RFC 792, what {@code ping} sends) inside IPv4 packets,
 * allocation-free.
 *
 * <pre>
 * +--------+--------+-----------------+
 * |  type  |  code  |    checksum     |   type 8 = request, 0 = reply; code 0
 * |   identifier    | sequence number |   checksum over the whole ICMP message
 * |  data ...                         |
 * +-----------------------------------+
 * </pre>
 */
public final class IcmpEcho {
  private IcmpEcho() {}

  public static final int TYPE_ECHO_REPLY = 0;
  public static final int TYPE_ECHO_REQUEST = 8;
  public static final int HEADER_LENGTH = 8;
  /** IPv4 header (no options) plus ICMP echo header: where the data starts in a built packet. */
  public static final int IPV4_OVERHEAD = Ipv4Packet.MIN_HEADER_LENGTH + HEADER_LENGTH;

  /**
   * Writes a complete IPv4 ICMP echo packet at {@code off} around data that the caller has
   * already placed at {@code off + IPV4_OVERHEAD}: IPv4 header (DF set, TTL 64), echo header and
   * both checksums.
   *
   * @param type {@link #TYPE_ECHO_REQUEST} or {@link #TYPE_ECHO_REPLY}
   * @return the total packet length, {@code IPV4_OVERHEAD + dataLength}
   */
  public static int writeIpv4(
      byte[] buf,
      int off,
      int type,
      int source,
      int destination,
      int identifier,
      int sequence,
      int ipIdentification,
      int dataLength) {
    if (type != TYPE_ECHO_REQUEST && type != TYPE_ECHO_REPLY) {
      throw new IllegalArgumentException("ICMP type " + type + " is not an echo type (0 or 8)");
    }
    if (dataLength < 0 || dataLength > Ipv4Packet.MAX_TOTAL_LENGTH - IPV4_OVERHEAD) {
      throw new IllegalArgumentException(
          "ICMP echo data of " + dataLength + " bytes does not fit an IPv4 packet");
    }
    int total = IPV4_OVERHEAD + dataLength;
    java.util.Objects.checkFromIndexSize(off, total, buf.length);
    Ipv4Packet.writeHeader(
        buf,
        off,
        total,
        ipIdentification,
        Ipv4Packet.FLAG_DONT_FRAGMENT,
        Ipv4Packet.DEFAULT_TTL,
        IpProtocol.ICMP,
        source,
        destination);
    int icmp = off + Ipv4Packet.MIN_HEADER_LENGTH;
    buf[icmp] = (byte) type;
    buf[icmp + 1] = 0;
    put16(buf, icmp + 2, 0);
    put16(buf, icmp + 4, identifier);
    put16(buf, icmp + 6, sequence);
    put16(buf, icmp + 2, InternetChecksum.compute(buf, icmp, HEADER_LENGTH + dataLength));
    return total;
  }

  /**
   * Checks that the bytes at {@code off} are one unfragmented IPv4 ICMP echo message of the given
   * type with code 0 and valid IPv4 header and ICMP checksums.
   *
   * @param type {@link #TYPE_ECHO_REQUEST} or {@link #TYPE_ECHO_REPLY}
   * @return the absolute offset of the ICMP header in {@code buf}, or a negative {@link
   *     PacketCheck} code
   */
  public static int checkIpv4(byte[] buf, int off, int len, int type) {
    int ihl = Ipv4Packet.check(buf, off, len);
    if (ihl < 0) {
      return ihl;
    }
    if (Ipv4Packet.protocol(buf, off) != IpProtocol.ICMP) {
      return PacketCheck.WRONG_PROTOCOL;
    }
    if (Ipv4Packet.isFragment(buf, off)) {
      return PacketCheck.FRAGMENT;
    }
    int icmpLength = Ipv4Packet.totalLength(buf, off) - ihl;
    if (icmpLength < HEADER_LENGTH) {
      return PacketCheck.TRUNCATED;
    }
    int icmp = off + ihl;
    if (u8(buf, icmp) != type || u8(buf, icmp + 1) != 0) {
      return PacketCheck.WRONG_ICMP_TYPE;
    }
    if (!Ipv4Packet.headerChecksumValid(buf, off)
        || InternetChecksum.compute(buf, icmp, icmpLength) != 0) {
      return PacketCheck.BAD_CHECKSUM;
    }
    return icmp;
  }

  public static int type(byte[] buf, int icmpOff) {
    return u8(buf, icmpOff);
  }

  public static int code(byte[] buf, int icmpOff) {
    return u8(buf, icmpOff + 1);
  }

  public static int identifier(byte[] buf, int icmpOff) {
    return u16(buf, icmpOff + 4);
  }

  public static int sequence(byte[] buf, int icmpOff) {
    return u16(buf, icmpOff + 6);
  }

  public static int dataOffset(int icmpOff) {
    return icmpOff + HEADER_LENGTH;
  }

  /** The echo data length, given the IPv4 packet start and its ICMP header offset. */
  public static int dataLength(byte[] buf, int ipOff, int icmpOff) {
    return ipOff + Ipv4Packet.totalLength(buf, ipOff) - icmpOff - HEADER_LENGTH;
  }
}
