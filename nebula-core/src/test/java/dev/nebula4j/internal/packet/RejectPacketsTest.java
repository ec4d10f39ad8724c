package dev.nebula4j.internal.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The reject answers byte by byte, checksums verified independently. */
class RejectPacketsTest {
  private static final int PEER = 0x0a0a0a06; // 10.10.10.6
  private static final int US = 0x0a0a0a05; // 10.10.10.5

  private final byte[] out = new byte[RejectPackets.MAX_IPV4_LENGTH + 10];

  /** A TCP segment with the given flags, sequence and ack numbers and payload length. */
  private static byte[] tcp(int flags, int seq, int ack, int payload) {
    byte[] p = new byte[40 + payload];
    Ipv4Packet.writeHeader(p, 0, p.length, 7, Ipv4Packet.FLAG_DONT_FRAGMENT, 61, 6, PEER, US);
    PacketBytes.put16(p, 20, 51544);
    PacketBytes.put16(p, 22, 22);
    PacketBytes.put32(p, 24, seq);
    PacketBytes.put32(p, 28, ack);
    p[32] = 5 << 4;
    p[33] = (byte) flags;
    PacketBytes.put16(p, 36, InternetChecksum.ipv4Transport(PEER, US, 6, p, 20, p.length - 20));
    return p;
  }

  private static byte[] udp(int payload) {
    byte[] p = new byte[28 + payload];
    Ipv4Packet.writeHeader(p, 0, p.length, 9, 0, 64, 17, PEER, US);
    PacketBytes.put16(p, 20, 5353);
    PacketBytes.put16(p, 22, 53);
    PacketBytes.put16(p, 24, 8 + payload);
    for (int i = 28; i < p.length; i++) {
      p[i] = (byte) i;
    }
    return p;
  }

  private static void assertIpv4Answer(byte[] a, int len, int protocol) {
    assertThat(a[0]).isEqualTo((byte) 0x45);
    assertThat(PacketBytes.u16(a, 2)).isEqualTo(len);
    assertThat(PacketBytes.u16(a, 4)).isZero(); // identification
    assertThat(PacketBytes.u16(a, 6)).isZero(); // flags, fragment offset
    assertThat(a[8] & 0xFF).isEqualTo(64);
    assertThat(a[9] & 0xFF).isEqualTo(protocol);
    assertThat(PacketBytes.i32(a, 12)).as("from the rejected packet's destination").isEqualTo(US);
    assertThat(PacketBytes.i32(a, 16)).as("to the rejected packet's source").isEqualTo(PEER);
    assertThat(InternetChecksum.compute(a, 0, 20)).as("IP header checksum").isZero();
  }

  private static void assertTcpChecksum(byte[] a) {
    // summing a segment including a correct checksum yields 0
    assertThat(InternetChecksum.ipv4Transport(US, PEER, 6, a, 20, 20)).isZero();
  }

  @Test
  void synIsAnsweredWithRstAckAcknowledgingIt() {
    byte[] syn = tcp(0x02, 0x11223344, 0, 0);
    int n = RejectPackets.build(syn, 0, syn.length, out, 0);
    assertThat(n).isEqualTo(40);
    assertIpv4Answer(out, 40, 6);
    assertThat(PacketBytes.u16(out, 20)).isEqualTo(22);
    assertThat(PacketBytes.u16(out, 22)).isEqualTo(51544);
    assertThat(PacketBytes.i32(out, 24)).as("seq").isZero();
    assertThat(PacketBytes.i32(out, 28)).as("ack = seq + SYN").isEqualTo(0x11223345);
    assertThat(out[32] & 0xFF).isEqualTo(0x50);
    assertThat(out[33] & 0xFF).as("RST|ACK").isEqualTo(0x14);
    assertThat(PacketBytes.u16(out, 34)).as("window").isZero();
    assertThat(PacketBytes.u16(out, 38)).as("urgent").isZero();
    assertTcpChecksum(out);
  }

  @Test
  void finWithPayloadIsAcknowledgedPastItsData() {
    byte[] fin = tcp(0x01, 0xFFFFFFF0, 0, 100);
    int n = RejectPackets.build(fin, 0, fin.length, out, 0);
    assertThat(n).isEqualTo(40);
    assertThat(PacketBytes.i32(out, 28)).as("wraps: seq + FIN + 100").isEqualTo(0xFFFFFFF0 + 101);
    assertTcpChecksum(out);
  }

  @Test
  void segmentWithAckGetsRstWithThatSequence() {
    byte[] ack = tcp(0x18, 1000, 0xCAFEBABE, 10); // PSH|ACK
    int n = RejectPackets.build(ack, 0, ack.length, out, 0);
    assertThat(n).isEqualTo(40);
    assertThat(PacketBytes.i32(out, 24)).isEqualTo(0xCAFEBABE);
    assertThat(PacketBytes.i32(out, 28)).isZero();
    assertThat(out[33] & 0xFF).as("RST only").isEqualTo(0x04);
    assertTcpChecksum(out);
  }

  @Test
  void rstIsNeverAnswered() {
    byte[] rst = tcp(0x04, 1, 0, 0);
    assertThat(RejectPackets.build(rst, 0, rst.length, out, 0)).isZero();
  }

  @Test
  void udpIsAnsweredWithIcmpProhibitedQuotingHeaderAnd8Bytes() {
    byte[] p = udp(40);
    int n = RejectPackets.build(p, 0, p.length, out, 0);
    assertThat(n).isEqualTo(20 + 8 + 20 + 8);
    assertIpv4Answer(out, n, 1);
    assertThat(out[20] & 0xFF).as("type").isEqualTo(3);
    assertThat(out[21] & 0xFF).as("code").isEqualTo(13);
    assertThat(PacketBytes.i32(out, 24)).as("unused").isZero();
    assertThat(Arrays.copyOfRange(out, 28, 56)).isEqualTo(Arrays.copyOf(p, 28));
    assertThat(InternetChecksum.compute(out, 20, n - 20)).as("ICMP checksum").isZero();
  }

  @Test
  void shortPacketsAreQuotedWhole() {
    byte[] p = new byte[24];
    Ipv4Packet.writeHeader(p, 0, 24, 1, 0, 64, 47, PEER, US); // GRE with 4 bytes
    int n = RejectPackets.build(p, 0, p.length, out, 0);
    assertThat(n).isEqualTo(20 + 8 + 24);
    assertThat(Arrays.copyOfRange(out, 28, 52)).isEqualTo(p);
    assertThat(InternetChecksum.compute(out, 20, n - 20)).isZero();
  }

  @Test
  void ipOptionsAreQuotedAndTheAnswerHasNone() {
    byte[] base = udp(16);
    byte[] p = new byte[base.length + 8];
    System.arraycopy(base, 0, p, 0, 20);
    Arrays.fill(p, 20, 28, (byte) 1);
    System.arraycopy(base, 20, p, 28, base.length - 20);
    p[0] = 0x47;
    PacketBytes.put16(p, 2, p.length);
    Ipv4Packet.updateHeaderChecksum(p, 0);
    int n = RejectPackets.build(p, 0, p.length, out, 0);
    assertThat(n).isEqualTo(20 + 8 + 28 + 8);
    assertThat(out[0]).isEqualTo((byte) 0x45);
    assertThat(Arrays.copyOfRange(out, 28, n)).isEqualTo(Arrays.copyOf(p, 36));
    assertThat(InternetChecksum.compute(out, 20, n - 20)).isZero();
  }

  @Test
  void icmpEchoIsAnsweredButIcmpErrorsAreNot() {
    byte[] echo = new byte[28 + 8];
    Ipv4Packet.writeHeader(echo, 0, echo.length, 1, 0, 64, 1, PEER, US);
    echo[20] = 8;
    assertThat(RejectPackets.build(echo, 0, echo.length, out, 0)).isEqualTo(56);
    for (int type : new int[] {3, 4, 5, 11, 12}) {
      echo[20] = (byte) type;
      assertThat(RejectPackets.build(echo, 0, echo.length, out, 0)).as("type %d", type).isZero();
    }
  }

  @Test
  void nonFirstFragmentsAreNotAnsweredButFirstFragmentsAre() {
    byte[] p = udp(8);
    PacketBytes.put16(p, 6, 0x0010);
    assertThat(RejectPackets.build(p, 0, p.length, out, 0)).isZero();
    PacketBytes.put16(p, 6, Ipv4Packet.FLAG_MORE_FRAGMENTS);
    assertThat(RejectPackets.build(p, 0, p.length, out, 0)).isEqualTo(56);
  }

  @Test
  void malformedOrForeignPacketsGetNoAnswer() {
    byte[] syn = tcp(0x02, 1, 0, 0);
    assertThat(RejectPackets.build(syn, 0, 39, out, 0)).as("truncated TCP").isZero();
    assertThat(RejectPackets.build(syn, 0, 19, out, 0)).as("short IP").isZero();
    byte[] v6 = new byte[60];
    v6[0] = 0x60;
    assertThat(RejectPackets.build(v6, 0, v6.length, out, 0)).isZero();
    byte[] bad = syn.clone();
    bad[0] = 0x43;
    assertThat(RejectPackets.build(bad, 0, bad.length, out, 0)).isZero();
  }

  @Test
  void writesAtOffsets() {
    byte[] p = udp(4);
    byte[] buf = new byte[p.length + 30];
    System.arraycopy(p, 0, buf, 30, p.length);
    int n = RejectPackets.build(buf, 30, p.length, out, 10);
    assertThat(n).isEqualTo(56);
    byte[] a = Arrays.copyOfRange(out, 10, 10 + n);
    assertIpv4Answer(a, n, 1);
    assertThat(InternetChecksum.compute(a, 20, n - 20)).isZero();
  }
}
