package dev.nebula4j.internal.packet;

import static dev.nebula4j.internal.packet.PacketBytes.put16;
import static dev.nebula4j.internal.packet.PacketBytes.u16;

/**
 * Building and parsing UDP datagrams (RFC 768) inside raw IP packets, allocation-free. IPv4 only
 * for now; the methods carry {@code Ipv4} in their names so IPv6 variants (mandatory checksum,
 * 40-byte pseudo-header) can sit beside them.
 *
 * <pre>
 * +----------------+----------------+
 * |  source port   |  dest port     |
 * |  length (8+n)  |  checksum      |   checksum over pseudo-header ‖ UDP header ‖ payload;
 * |  payload (n bytes) ...          |   IPv4: 0 = "none", a computed 0 is sent as 0xFFFF
 * +---------------------------------+
 * </pre>
 */
public final class UdpDatagram {
  private UdpDatagram() {}

  public static final int HEADER_LENGTH = 8;
  /** IPv4 header (no options) plus UDP header: where the payload starts in a built packet. */
  public static final int IPV4_OVERHEAD = Ipv4Packet.MIN_HEADER_LENGTH + HEADER_LENGTH;

  /**
   * Writes a complete IPv4/UDP packet at {@code off} around a payload that the caller has already
   * placed at {@code off + IPV4_OVERHEAD}: the 20-byte IPv4 header (DF set, TTL 64), the UDP
   * header and both checksums.
   *
   * @return the total packet length, {@code IPV4_OVERHEAD + payloadLength}
   * @throws IllegalArgumentException if the packet would exceed 65535 bytes or a port is not
   *     16-bit
   */
  public static int writeIpv4(
      byte[] buf,
      int off,
      int source,
      int sourcePort,
      int destination,
      int destinationPort,
      int identification,
      int payloadLength) {
    if (payloadLength < 0 || payloadLength > Ipv4Packet.MAX_TOTAL_LENGTH - IPV4_OVERHEAD) {
      throw new IllegalArgumentException(
          "UDP payload of " + payloadLength + " bytes does not fit an IPv4 packet");
    }
    checkPort(sourcePort, "source");
    checkPort(destinationPort, "destination");
    int total = IPV4_OVERHEAD + payloadLength;
    java.util.Objects.checkFromIndexSize(off, total, buf.length);
    Ipv4Packet.writeHeader(
        buf,
        off,
        total,
        identification,
        Ipv4Packet.FLAG_DONT_FRAGMENT,
        Ipv4Packet.DEFAULT_TTL,
        IpProtocol.UDP,
        source,
        destination);
    int udp = off + Ipv4Packet.MIN_HEADER_LENGTH;
    int udpLength = HEADER_LENGTH + payloadLength;
    put16(buf, udp, sourcePort);
    put16(buf, udp + 2, destinationPort);
    put16(buf, udp + 4, udpLength);
    put16(buf, udp + 6, 0);
    int sum =
        InternetChecksum.ipv4Transport(source, destination, IpProtocol.UDP, buf, udp, udpLength);
    put16(buf, udp + 6, sum == 0 ? 0xFFFF : sum);
    return total;
  }

  /**
   * Copies {@code payloadLength} bytes from {@code payload} into place and then calls {@link
   * #writeIpv4(byte[], int, int, int, int, int, int, int)}. {@code payload} must not overlap the
   * headers being written.
   */
  public static int writeIpv4(
      byte[] buf,
      int off,
      int source,
      int sourcePort,
      int destination,
      int destinationPort,
      int identification,
      byte[] payload,
      int payloadOff,
      int payloadLength) {
    java.util.Objects.checkFromIndexSize(payloadOff, payloadLength, payload.length);
    java.util.Objects.checkFromIndexSize(off, IPV4_OVERHEAD + payloadLength, buf.length);
    System.arraycopy(payload, payloadOff, buf, off + IPV4_OVERHEAD, payloadLength);
    return writeIpv4(
        buf, off, source, sourcePort, destination, destinationPort, identification, payloadLength);
  }

  /**
   * Checks that the bytes at {@code off} are one unfragmented IPv4/UDP datagram with a valid IPv4
   * header checksum, a UDP length equal to the IP payload length and a valid UDP checksum (or the
   * IPv4 "no checksum" value 0).
   *
   * @return the absolute offset of the UDP header in {@code buf}, or a negative {@link
   *     PacketCheck} code
   */
  public static int checkIpv4(byte[] buf, int off, int len) {
    int ihl = Ipv4Packet.check(buf, off, len);
    if (ihl < 0) {
      return ihl;
    }
    if (Ipv4Packet.protocol(buf, off) != IpProtocol.UDP) {
      return PacketCheck.WRONG_PROTOCOL;
    }
    if (Ipv4Packet.isFragment(buf, off)) {
      return PacketCheck.FRAGMENT;
    }
    if (!Ipv4Packet.headerChecksumValid(buf, off)) {
      return PacketCheck.BAD_CHECKSUM;
    }
    int udp = off + ihl;
    int ipPayload = Ipv4Packet.totalLength(buf, off) - ihl;
    if (ipPayload < HEADER_LENGTH) {
      return PacketCheck.TRUNCATED;
    }
    int udpLength = u16(buf, udp + 4);
    if (udpLength != ipPayload) {
      return PacketCheck.BAD_TRANSPORT_LENGTH;
    }
    if (u16(buf, udp + 6) != 0) {
      int src = Ipv4Packet.source(buf, off);
      int dst = Ipv4Packet.destination(buf, off);
      if (InternetChecksum.ipv4Transport(src, dst, IpProtocol.UDP, buf, udp, udpLength) != 0) {
        return PacketCheck.BAD_CHECKSUM;
      }
    }
    return udp;
  }

  public static int sourcePort(byte[] buf, int udpOff) {
    return u16(buf, udpOff);
  }

  public static int destinationPort(byte[] buf, int udpOff) {
    return u16(buf, udpOff + 2);
  }

  /** The UDP length field: header plus payload. */
  public static int length(byte[] buf, int udpOff) {
    return u16(buf, udpOff + 4);
  }

  public static int checksum(byte[] buf, int udpOff) {
    return u16(buf, udpOff + 6);
  }

  public static int payloadOffset(int udpOff) {
    return udpOff + HEADER_LENGTH;
  }

  public static int payloadLength(byte[] buf, int udpOff) {
    return length(buf, udpOff) - HEADER_LENGTH;
  }

  private static void checkPort(int port, String which) {
    if (port < 0 || port > 0xFFFF) {
      throw new IllegalArgumentException(which + " port " + port + " is not in 0..65535");
    }
  }
}
