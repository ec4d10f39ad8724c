package dev.nebula4j.internal.packet;

import static dev.nebula4j.internal.packet.PacketBytes.i32;
import static dev.nebula4j.internal.packet.PacketBytes.put16;
import static dev.nebula4j.internal.packet.PacketBytes.put32;

import java.util.Objects;

/**
 * Builds the answer to a packet the firewall rejects ({@code firewall.inbound_action /
 * outbound_action: reject}), as Go nebula 1.11 does: a TCP RST for TCP, otherwise an ICMP
 * destination-unreachable with code 13 (communication administratively prohibited). The answer
 * goes from the rejected packet's destination back to its source: the node writes answers to
 * outbound packets into our device, and sends answers to inbound packets back through the tunnel.
 *
 * <p>IPv4 only for now (IPv6 packets get no answer). No answer is built for non-first fragments,
 * for ICMP error messages (types 3, 4, 5, 11, 12: never an error about an error), or for a TCP RST
 * (Go answers RSTs too; Linux and RFC 793 never do, and two rejecting nodes could otherwise
 * bounce RSTs).
 *
 * <p>The answer's IPv4 header has no options, TTL 64, identification 0, no flags. The RST follows
 * Linux's {@code nf_reject}: if the offending segment carried an ACK, the RST's sequence number is
 * that acknowledgement number; otherwise the RST acknowledges the segment (sequence + SYN + FIN +
 * payload length) with sequence 0. The ICMP answer quotes the offending IP header and the first 8
 * bytes after it. Allocation-free.
 */
public final class RejectPackets {
  private RejectPackets() {}

  /** Bytes an IPv4 answer can take: 20 + 8 (ICMP) + 60 (quoted header) + 8 (quoted data). */
  public static final int MAX_IPV4_LENGTH = 20 + 8 + 60 + 8;

  /** Length of an IPv4 TCP RST answer. */
  public static final int IPV4_TCP_RST_LENGTH = 40;

  /** ICMP type destination unreachable. */
  public static final int ICMP_DESTINATION_UNREACHABLE = 3;

  /** ICMP code "communication administratively prohibited" (RFC 1812). */
  public static final int ICMP_CODE_ADMIN_PROHIBITED = 13;

  private static final int TCP_FIN = 0x01;
  private static final int TCP_SYN = 0x02;
  private static final int TCP_RST = 0x04;
  private static final int TCP_ACK = 0x10;

  /**
   * Writes the answer to the {@code len}-byte IP packet at {@code off} into {@code out} at {@code
   * outOff}.
   *
   * @param out must have at least {@link #MAX_IPV4_LENGTH} bytes from {@code outOff}
   * @return the answer's length, or 0 when the packet gets no answer (see class documentation, or
   *     when it is malformed)
   * @throws IndexOutOfBoundsException if the ranges do not lie inside the arrays
   */
  public static int build(byte[] packet, int off, int len, byte[] out, int outOff) {
    Objects.checkFromIndexSize(off, len, packet.length);
    Objects.checkFromIndexSize(outOff, MAX_IPV4_LENGTH, out.length);
    if (len < 20 || (packet[off] & 0xF0) != 0x40) {
      return 0;
    }
    int ihl = (packet[off] & 0x0F) << 2;
    if (ihl < 20 || ihl > len) {
      return 0;
    }
    if (Ipv4Packet.isNonFirstFragment(packet, off)) {
      return 0;
    }
    int protocol = Ipv4Packet.protocol(packet, off);
    if (protocol == IpProtocol.TCP) {
      return tcpReset(packet, off, len, ihl, out, outOff);
    }
    if (protocol == IpProtocol.ICMP && len > ihl) {
      int type = packet[off + ihl] & 0xFF;
      if (type == 3 || type == 4 || type == 5 || type == 11 || type == 12) {
        return 0;
      }
    }
    return icmpProhibited(packet, off, len, ihl, out, outOff);
  }

  private static int icmpProhibited(
      byte[] packet, int off, int len, int ihl, byte[] out, int outOff) {
    int quoted = Math.min(len, ihl + 8);
    int total = 20 + 8 + quoted;
    writeIpv4Header(packet, off, total, IpProtocol.ICMP, out, outOff);
    int icmp = outOff + 20;
    out[icmp] = (byte) ICMP_DESTINATION_UNREACHABLE;
    out[icmp + 1] = (byte) ICMP_CODE_ADMIN_PROHIBITED;
    for (int i = 2; i < 8; i++) {
      out[icmp + i] = 0; // checksum, then 4 unused bytes
    }
    System.arraycopy(packet, off, out, icmp + 8, quoted);
    put16(out, icmp + 2, InternetChecksum.compute(out, icmp, 8 + quoted));
    return total;
  }

  private static int tcpReset(byte[] packet, int off, int len, int ihl, byte[] out, int outOff) {
    if (len < ihl + 20) {
      return 0;
    }
    int tcpIn = off + ihl;
    int flags = packet[tcpIn + 13] & 0xFF;
    if ((flags & TCP_RST) != 0) {
      return 0;
    }
    int seq;
    int ack;
    int outFlags;
    if ((flags & TCP_ACK) != 0) {
      seq = i32(packet, tcpIn + 8);
      ack = 0;
      outFlags = TCP_RST;
    } else {
      int dataOffset = ((packet[tcpIn + 12] & 0xF0) >>> 4) << 2;
      int payload = Math.max(0, len - ihl - dataOffset);
      seq = 0;
      ack =
          i32(packet, tcpIn + 4)
              + ((flags & TCP_SYN) != 0 ? 1 : 0)
              + ((flags & TCP_FIN) != 0 ? 1 : 0)
              + payload;
      outFlags = TCP_RST | TCP_ACK;
    }
    writeIpv4Header(packet, off, IPV4_TCP_RST_LENGTH, IpProtocol.TCP, out, outOff);
    int tcp = outOff + 20;
    // ports swapped
    out[tcp] = packet[tcpIn + 2];
    out[tcp + 1] = packet[tcpIn + 3];
    out[tcp + 2] = packet[tcpIn];
    out[tcp + 3] = packet[tcpIn + 1];
    put32(out, tcp + 4, seq);
    put32(out, tcp + 8, ack);
    out[tcp + 12] = 5 << 4; // data offset: 20 bytes
    out[tcp + 13] = (byte) outFlags;
    for (int i = 14; i < 20; i++) {
      out[tcp + i] = 0; // window, checksum, urgent pointer
    }
    int src = i32(out, outOff + 12);
    int dst = i32(out, outOff + 16);
    put16(out, tcp + 16, InternetChecksum.ipv4Transport(src, dst, IpProtocol.TCP, out, tcp, 20));
    return IPV4_TCP_RST_LENGTH;
  }

  /** A 20-byte header from the offending packet's destination to its source, checksummed. */
  private static void writeIpv4Header(
      byte[] packet, int off, int totalLength, int protocol, byte[] out, int o) {
    Ipv4Packet.writeHeader(
        out,
        o,
        totalLength,
        0,
        0,
        Ipv4Packet.DEFAULT_TTL,
        protocol,
        Ipv4Packet.destination(packet, off),
        Ipv4Packet.source(packet, off));
  }
}
