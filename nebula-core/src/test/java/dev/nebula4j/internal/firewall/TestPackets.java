package dev.nebula4j.internal.firewall;

import static dev.nebula4j.internal.packet.PacketBytes.put16;
import static dev.nebula4j.internal.packet.PacketBytes.put32;

import dev.nebula4j.internal.packet.InternetChecksum;
import dev.nebula4j.net.IpNetwork;

/** Builds IPv4 test packets with valid header and transport checksums. */
final class TestPackets {
  private TestPackets() {}

  static final int ICMP = 1;
  static final int TCP = 6;
  static final int UDP = 17;

  static int ip(String dotted) {
    return IpNetwork.parse(dotted + "/32").ipv4Address();
  }

  static byte[] tcp(String src, int sport, String dst, int dport) {
    return tcp(ip(src), sport, ip(dst), dport, 0x02, 1000, 0, 0);
  }

  /** A TCP segment with the given flags, sequence/ack numbers and {@code payload} zero bytes. */
  static byte[] tcp(int src, int sport, int dst, int dport, int flags, int seq, int ack, int payload) {
    byte[] p = new byte[20 + 20 + payload];
    header(p, 20, p.length, TCP, src, dst, 0);
    put16(p, 20, sport);
    put16(p, 22, dport);
    put32(p, 24, seq);
    put32(p, 28, ack);
    p[32] = 5 << 4;
    p[33] = (byte) flags;
    put16(p, 34, 65535);
    put16(p, 36, InternetChecksum.ipv4Transport(src, dst, TCP, p, 20, p.length - 20));
    return p;
  }

  static byte[] udp(String src, int sport, String dst, int dport) {
    return udp(ip(src), sport, ip(dst), dport, 8);
  }

  static byte[] udp(int src, int sport, int dst, int dport, int payload) {
    byte[] p = new byte[20 + 8 + payload];
    header(p, 20, p.length, UDP, src, dst, 0);
    put16(p, 20, sport);
    put16(p, 22, dport);
    put16(p, 24, 8 + payload);
    put16(p, 26, InternetChecksum.ipv4Transport(src, dst, UDP, p, 20, p.length - 20));
    return p;
  }

  /** An ICMP message of {@code type} (8 echo request, 0 echo reply) with identifier {@code id}. */
  static byte[] icmp(String src, String dst, int type, int id) {
    return icmp(ip(src), ip(dst), type, id);
  }

  static byte[] icmp(int src, int dst, int type, int id) {
    byte[] p = new byte[20 + 8 + 16];
    header(p, 20, p.length, ICMP, src, dst, 0);
    p[20] = (byte) type;
    put16(p, 24, id);
    put16(p, 26, 1);
    put16(p, 22, InternetChecksum.compute(p, 20, p.length - 20));
    return p;
  }

  /** A packet of any protocol with {@code payload} zero bytes. */
  static byte[] raw(int protocol, String src, String dst, int payload) {
    byte[] p = new byte[20 + payload];
    header(p, 20, p.length, protocol, ip(src), ip(dst), 0);
    return p;
  }

  /**
   * A non-first fragment (offset {@code offset8} eight-byte units) of a {@code protocol} datagram;
   * its payload is junk, not a transport header.
   */
  static byte[] fragment(int protocol, String src, String dst, int offset8) {
    byte[] p = new byte[20 + 24];
    header(p, 20, p.length, protocol, ip(src), ip(dst), offset8 & 0x1FFF);
    for (int i = 20; i < p.length; i++) {
      p[i] = (byte) (0xA0 + i);
    }
    return p;
  }

  /** The first fragment (more-fragments flag, offset 0) of a TCP segment. */
  static byte[] firstFragmentTcp(String src, int sport, String dst, int dport) {
    byte[] p = tcp(src, sport, dst, dport);
    put16(p, 6, 0x2000);
    put16(p, 10, 0);
    put16(p, 10, InternetChecksum.compute(p, 0, 20));
    return p;
  }

  /** {@code p} with {@code optionBytes} (multiple of 4) of NOP options inserted into the IP header. */
  static byte[] withIpOptions(byte[] p, int optionBytes) {
    byte[] q = new byte[p.length + optionBytes];
    System.arraycopy(p, 0, q, 0, 20);
    for (int i = 0; i < optionBytes; i++) {
      q[20 + i] = 1; // NOP
    }
    System.arraycopy(p, 20, q, 20 + optionBytes, p.length - 20);
    q[0] = (byte) (0x40 | ((20 + optionBytes) >> 2));
    put16(q, 2, q.length);
    put16(q, 10, 0);
    put16(q, 10, InternetChecksum.compute(q, 0, 20 + optionBytes));
    return q;
  }

  static void header(byte[] p, int ihl, int total, int protocol, int src, int dst, int frag) {
    p[0] = (byte) (0x40 | (ihl >> 2));
    put16(p, 2, total);
    put16(p, 4, 0x1234);
    put16(p, 6, frag);
    p[8] = 64;
    p[9] = (byte) protocol;
    put32(p, 12, src);
    put32(p, 16, dst);
    put16(p, 10, InternetChecksum.compute(p, 0, ihl));
  }
}
