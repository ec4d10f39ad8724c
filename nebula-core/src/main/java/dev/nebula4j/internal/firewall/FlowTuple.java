package dev.nebula4j.internal.firewall;

import dev.nebula4j.firewall.Direction;
import dev.nebula4j.net.IpNetwork;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A packet as the firewall sees it: the locally oriented 6-tuple of Go nebula ({@code local
 * address, remote address, local port, remote port, protocol, fragment}) plus its direction.
 * Inbound, "local" is the destination; outbound, it is the source. A reply therefore has the same
 * tuple as the packet it answers, which is what makes it a conntrack key.
 *
 * <p>Instances are mutable scratch objects: an I/O thread owns one and the firewall fills it for
 * every packet ({@link PacketClassifier}), so classification allocates nothing. After a call the
 * node may read the fields (e.g. the remote address to find the tunnel of an outbound packet).
 * Copies stored as conntrack keys ({@link #copyKey()}) are never mutated. Not thread-safe.
 *
 * <p>Addresses are kept as two 64-bit halves so that IPv6 fits the same key; IPv4 addresses are
 * stored in their IPv4-mapped form ({@code ::ffff:a.b.c.d}). Ports are 0 for non-first fragments
 * and for protocols without ports; for ICMP the remote port is the 16-bit identifier (Go 1.11), so
 * echo requests and replies with the same identifier share a flow.
 */
public final class FlowTuple {
  static final long IPV4_MAPPED_PREFIX = 0x0000_FFFF_0000_0000L;

  long localHi;
  long localLo;
  long remoteHi;
  long remoteLo;
  int localPort;
  int remotePort;
  int protocol;
  boolean fragment;
  private int hash;

  // not part of the key
  boolean inbound;
  int ipHeaderLength;

  /** An empty tuple (all zero) to be filled by the classifier. */
  public FlowTuple() {}

  /**
   * Sets an IPv4 tuple directly (tests, benchmarks, and callers that classified the packet
   * themselves).
   */
  public FlowTuple setIpv4(
      Direction direction,
      int localAddress,
      int remoteAddress,
      int localPort,
      int remotePort,
      int protocol,
      boolean fragment) {
    this.inbound = direction == Direction.INBOUND;
    this.localHi = 0;
    this.localLo = IPV4_MAPPED_PREFIX | (localAddress & 0xFFFF_FFFFL);
    this.remoteHi = 0;
    this.remoteLo = IPV4_MAPPED_PREFIX | (remoteAddress & 0xFFFF_FFFFL);
    this.localPort = localPort & 0xFFFF;
    this.remotePort = remotePort & 0xFFFF;
    this.protocol = protocol & 0xFF;
    this.fragment = fragment;
    this.ipHeaderLength = 20;
    rehash();
    return this;
  }

  /** Recomputes the cached hash after the key fields changed. */
  void rehash() {
    long h = localLo * 0x9E37_79B9_7F4A_7C15L;
    h ^= remoteLo * 0xC2B2_AE3D_27D4_EB4FL;
    h ^= (localHi + 31 * remoteHi) * 0x1656_67B1_9E37_79F9L;
    h ^= (((long) localPort << 24) | ((long) remotePort << 8) | protocol) * 0x27D4_EB2F_1656_67C5L;
    if (fragment) {
      h = ~h;
    }
    h ^= h >>> 29;
    hash = (int) (h ^ (h >>> 32));
  }

  /** An immutable-by-convention copy of the key fields, for storing in the conntrack table. */
  FlowTuple copyKey() {
    FlowTuple k = new FlowTuple();
    k.localHi = localHi;
    k.localLo = localLo;
    k.remoteHi = remoteHi;
    k.remoteLo = remoteLo;
    k.localPort = localPort;
    k.remotePort = remotePort;
    k.protocol = protocol;
    k.fragment = fragment;
    k.hash = hash;
    k.inbound = inbound;
    k.ipHeaderLength = ipHeaderLength;
    return k;
  }

  public boolean isIpv4() {
    return localHi == 0 && (localLo & 0xFFFF_FFFF_0000_0000L) == IPV4_MAPPED_PREFIX;
  }

  /** The local address (inbound: destination; outbound: source) of an IPv4 packet. */
  public int localIpv4() {
    return (int) localLo;
  }

  /** The remote address (inbound: source; outbound: destination) of an IPv4 packet. */
  public int remoteIpv4() {
    return (int) remoteLo;
  }

  /** Inbound: the destination port; outbound: the source port; 0 for ICMP and fragments. */
  public int localPort() {
    return localPort;
  }

  /**
   * Inbound: the source port; outbound: the destination port; the ICMP identifier for ICMP; 0 for
   * fragments.
   */
  public int remotePort() {
    return remotePort;
  }

  /** The IP protocol number. */
  public int protocol() {
    return protocol;
  }

  /** Whether this is a non-first fragment (no transport header, ports 0). */
  public boolean fragment() {
    return fragment;
  }

  public Direction direction() {
    return inbound ? Direction.INBOUND : Direction.OUTBOUND;
  }

  /** The length of the IP header (options included) the packet was classified with. */
  public int ipHeaderLength() {
    return ipHeaderLength;
  }

  /** The port rules select on: the destination port (inbound: local; outbound: remote). */
  int rulePort(boolean inboundTable) {
    return inboundTable ? localPort : remotePort;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof FlowTuple t
        && t.hash == hash
        && t.localLo == localLo
        && t.remoteLo == remoteLo
        && t.localPort == localPort
        && t.remotePort == remotePort
        && t.protocol == protocol
        && t.fragment == fragment
        && t.localHi == localHi
        && t.remoteHi == remoteHi;
  }

  /**
   * Readable in packet order, e.g. {@code tcp 10.10.10.6:51544 -> 10.10.10.5:5432}, {@code icmp
   * 10.10.10.6 -> 10.10.10.5 id 7}, {@code udp 10.10.10.6 -> 10.10.10.5 fragment}.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(protocolName(protocol)).append(' ');
    String local = address(localHi, localLo);
    String remote = address(remoteHi, remoteLo);
    boolean ports = !fragment && (protocol == 6 || protocol == 17);
    String src = inbound ? remote : local;
    String dst = inbound ? local : remote;
    int srcPort = inbound ? remotePort : localPort;
    int dstPort = inbound ? localPort : remotePort;
    if (ports) {
      sb.append(src).append(':').append(srcPort).append(" -> ").append(dst).append(':').append(dstPort);
    } else {
      sb.append(src).append(" -> ").append(dst);
      if (fragment) {
        sb.append(" fragment");
      } else if (protocol == 1 || protocol == 58) {
        sb.append(" id ").append(remotePort);
      }
    }
    return sb.toString();
  }

  static String protocolName(int protocol) {
    return switch (protocol) {
      case 1 -> "icmp";
      case 6 -> "tcp";
      case 17 -> "udp";
      case 58 -> "icmpv6";
      default -> "proto " + protocol;
    };
  }

  private static String address(long hi, long lo) {
    if (hi == 0 && (lo & 0xFFFF_FFFF_0000_0000L) == IPV4_MAPPED_PREFIX) {
      return IpNetwork.formatIpv4((int) lo);
    }
    byte[] b = new byte[16];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (hi >>> (56 - 8 * i));
      b[8 + i] = (byte) (lo >>> (56 - 8 * i));
    }
    try {
      return IpNetwork.formatAddress(InetAddress.getByAddress(b));
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
