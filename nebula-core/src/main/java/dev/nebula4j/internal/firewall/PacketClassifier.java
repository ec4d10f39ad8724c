package dev.nebula4j.internal.firewall;

import static dev.nebula4j.internal.packet.PacketBytes.u16;

import dev.nebula4j.internal.packet.IpProtocol;
import dev.nebula4j.internal.packet.Ipv4Packet;
import java.util.Objects;

/**
 * Turns a raw IP packet into a {@link FlowTuple} (spec §6.1), without allocating.
 *
 * <p>IPv4 rules, as Go nebula 1.11 applies them:
 *
 * <ul>
 *   <li>at least 20 bytes, version 4, header length (IHL) at least 20 bytes and within the packet;
 *   <li>{@code fragment} is set for every fragment but the first (fragment offset ≠ 0); such
 *       packets carry no transport header and get ports 0, and only {@code port: fragment} or
 *       {@code port: any} rules admit them;
 *   <li>TCP and UDP need their 4 port bytes after the IP header;
 *   <li>ICMP needs 6 bytes after the IP header: the remote port is the identifier at bytes 4–5
 *       (for every ICMP type), the local port 0, so each echo identifier is its own flow;
 *   <li>other protocols get ports 0 (Go reads their first four payload bytes as ports; nothing
 *       selects on them but {@code port: any}, so ignoring them admits exactly the same packets and
 *       keeps junk out of flow keys).
 * </ul>
 *
 * <p>IPv6 is not classified yet and is reported as {@link Verdict#UNSUPPORTED_IP_VERSION}, as Go
 * 1.6.1 does; the tuple already has room for IPv6 addresses. The IPv4 total-length field is not
 * checked (Go does not either): the firewall looks only at the header and the first transport bytes.
 */
public final class PacketClassifier {
  private PacketClassifier() {}

  static final int PROTO_ICMP = IpProtocol.ICMP;
  static final int PROTO_TCP = IpProtocol.TCP;
  static final int PROTO_UDP = IpProtocol.UDP;
  static final int PROTO_ICMPV6 = IpProtocol.ICMPV6;

  /**
   * Classifies {@code len} bytes at {@code off}.
   *
   * @param inbound whether the packet came from a tunnel (local = destination) or from our device
   * @param out filled on success; its contents are unspecified after a failure
   * @return {@code 0}, or the {@link dev.nebula4j.firewall.DropReason#code()} of a malformed packet
   * @throws IndexOutOfBoundsException if {@code off}/{@code len} do not lie inside {@code packet}
   */
  public static int classify(byte[] packet, int off, int len, boolean inbound, FlowTuple out) {
    Objects.checkFromIndexSize(off, len, packet.length);
    if (len < 1) {
      return Verdict.TOO_SHORT;
    }
    int b0 = packet[off] & 0xFF;
    if ((b0 >>> 4) != 4) {
      return Verdict.UNSUPPORTED_IP_VERSION;
    }
    if (len < Ipv4Packet.MIN_HEADER_LENGTH) {
      return Verdict.TOO_SHORT;
    }
    int ihl = (b0 & 0x0F) << 2;
    if (ihl < Ipv4Packet.MIN_HEADER_LENGTH || ihl > len) {
      return Verdict.BAD_HEADER_LENGTH;
    }
    boolean fragment = Ipv4Packet.isNonFirstFragment(packet, off);
    int protocol = Ipv4Packet.protocol(packet, off);
    int src = Ipv4Packet.source(packet, off);
    int dst = Ipv4Packet.destination(packet, off);

    int srcPort = 0;
    int dstPort = 0;
    int icmpId = 0;
    boolean icmp = false;
    if (!fragment) {
      int t = off + ihl;
      if (protocol == PROTO_TCP || protocol == PROTO_UDP) {
        if (len < ihl + 4) {
          return Verdict.TRUNCATED;
        }
        srcPort = u16(packet, t);
        dstPort = u16(packet, t + 2);
      } else if (protocol == PROTO_ICMP) {
        if (len < ihl + 6) {
          return Verdict.TRUNCATED;
        }
        icmp = true;
        icmpId = u16(packet, t + 4);
      }
    }

    out.inbound = inbound;
    out.ipHeaderLength = ihl;
    out.protocol = protocol;
    out.fragment = fragment;
    out.localHi = 0;
    out.remoteHi = 0;
    if (inbound) {
      out.localLo = FlowTuple.IPV4_MAPPED_PREFIX | (dst & 0xFFFF_FFFFL);
      out.remoteLo = FlowTuple.IPV4_MAPPED_PREFIX | (src & 0xFFFF_FFFFL);
      out.localPort = dstPort;
      out.remotePort = srcPort;
    } else {
      out.localLo = FlowTuple.IPV4_MAPPED_PREFIX | (src & 0xFFFF_FFFFL);
      out.remoteLo = FlowTuple.IPV4_MAPPED_PREFIX | (dst & 0xFFFF_FFFFL);
      out.localPort = srcPort;
      out.remotePort = dstPort;
    }
    if (icmp) {
      out.localPort = 0;
      out.remotePort = icmpId;
    }
    out.rehash();
    return 0;
  }

  static boolean isIcmp(int protocol) {
    return protocol == PROTO_ICMP || protocol == PROTO_ICMPV6;
  }
}
