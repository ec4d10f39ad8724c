package dev.nebula4j.internal.packet;

import static dev.nebula4j.internal.packet.KernelPackets.ADDR_10_99_0_1;
import static dev.nebula4j.internal.packet.KernelPackets.ADDR_10_99_0_2;
import static dev.nebula4j.internal.packet.KernelPackets.UDP_EVEN;
import static dev.nebula4j.internal.packet.KernelPackets.UDP_ODD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class UdpDatagramTest {

  @Test
  void parsesKernelDatagrams() {
    int udp = UdpDatagram.checkIpv4(UDP_EVEN, 0, UDP_EVEN.length);
    assertThat(udp).isEqualTo(20);
    assertThat(UdpDatagram.sourcePort(UDP_EVEN, udp)).isEqualTo(40001);
    assertThat(UdpDatagram.destinationPort(UDP_EVEN, udp)).isEqualTo(40002);
    assertThat(payload(UDP_EVEN, udp)).isEqualTo("nebula4j udp fixture!");

    udp = UdpDatagram.checkIpv4(UDP_ODD, 0, UDP_ODD.length);
    assertThat(udp).isEqualTo(20);
    assertThat(payload(UDP_ODD, udp)).isEqualTo("odd");
  }

  @Test
  void buildsKernelIdenticalDatagrams() {
    assertThat(build("nebula4j udp fixture!", 0x0d77)).isEqualTo(UDP_EVEN);
    assertThat(build("odd", 0x0d78)).isEqualTo(UDP_ODD);
  }

  @Test
  void rejectsCorruption() {
    byte[] p = UDP_EVEN.clone();
    p[30] ^= 1; // payload bit
    assertThat(UdpDatagram.checkIpv4(p, 0, p.length)).isEqualTo(PacketCheck.BAD_CHECKSUM);

    p = UDP_EVEN.clone();
    p[8] = 1; // TTL, header checksum now wrong
    assertThat(UdpDatagram.checkIpv4(p, 0, p.length)).isEqualTo(PacketCheck.BAD_CHECKSUM);

    p = UDP_EVEN.clone();
    PacketBytes.put16(p, 24, 28); // UDP length shorter than the IP payload
    assertThat(UdpDatagram.checkIpv4(p, 0, p.length)).isEqualTo(PacketCheck.BAD_TRANSPORT_LENGTH);

    p = UDP_EVEN.clone();
    p[9] = IpProtocol.TCP;
    Ipv4Packet.updateHeaderChecksum(p, 0);
    assertThat(UdpDatagram.checkIpv4(p, 0, p.length)).isEqualTo(PacketCheck.WRONG_PROTOCOL);

    p = UDP_EVEN.clone();
    PacketBytes.put16(p, 6, Ipv4Packet.FLAG_MORE_FRAGMENTS);
    Ipv4Packet.updateHeaderChecksum(p, 0);
    assertThat(UdpDatagram.checkIpv4(p, 0, p.length)).isEqualTo(PacketCheck.FRAGMENT);

    p = Arrays.copyOf(UDP_EVEN, 26);
    PacketBytes.put16(p, 2, 26);
    Ipv4Packet.updateHeaderChecksum(p, 0);
    assertThat(UdpDatagram.checkIpv4(p, 0, p.length)).isEqualTo(PacketCheck.TRUNCATED);
  }

  @Test
  void zeroChecksumMeansNone() {
    byte[] p = UDP_EVEN.clone();
    PacketBytes.put16(p, 26, 0);
    p[30] ^= 1; // not covered by any checksum now
    assertThat(UdpDatagram.checkIpv4(p, 0, p.length)).isEqualTo(20);
  }

  @Test
  void computedZeroIsSentAsAllOnes() {
    byte[] payload = new byte[10];
    byte[] buf = new byte[UdpDatagram.IPV4_OVERHEAD + payload.length];
    UdpDatagram.writeIpv4(buf, 0, 1, 2, 3, 4, 5, payload, 0, payload.length);
    int c = UdpDatagram.checksum(buf, 20);
    // adding the checksum as a payload word makes the sum all ones, i.e. a computed 0
    PacketBytes.put16(payload, 8, c);
    UdpDatagram.writeIpv4(buf, 0, 1, 2, 3, 4, 5, payload, 0, payload.length);
    assertThat(UdpDatagram.checksum(buf, 20)).isEqualTo(0xFFFF);
    assertThat(UdpDatagram.checkIpv4(buf, 0, buf.length)).isEqualTo(20);
  }

  @Test
  void refusesBadArguments() {
    byte[] buf = new byte[100];
    assertThatThrownBy(() -> UdpDatagram.writeIpv4(buf, 0, 1, 70000, 2, 53, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("source port 70000");
    assertThatThrownBy(() -> UdpDatagram.writeIpv4(buf, 0, 1, 1, 2, 53, 0, 80))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> UdpDatagram.writeIpv4(buf, 0, 1, 1, 2, 53, 0, 70000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("70000 bytes");
  }

  @Property
  void roundTrip(
      @ForAll int src,
      @ForAll int dst,
      @ForAll @IntRange(max = 0xFFFF) int srcPort,
      @ForAll @IntRange(max = 0xFFFF) int dstPort,
      @ForAll @IntRange(max = 0xFFFF) int id,
      @ForAll @Size(max = 1400) byte[] payload,
      @ForAll @IntRange(max = 7) int offset) {
    byte[] buf = new byte[offset + UdpDatagram.IPV4_OVERHEAD + payload.length + 3];
    int len = UdpDatagram.writeIpv4(buf, offset, src, srcPort, dst, dstPort, id, payload, 0,
        payload.length);
    assertThat(len).isEqualTo(28 + payload.length);

    int udp = UdpDatagram.checkIpv4(buf, offset, len);
    assertThat(udp).isEqualTo(offset + 20);
    assertThat(Ipv4Packet.source(buf, offset)).isEqualTo(src);
    assertThat(Ipv4Packet.destination(buf, offset)).isEqualTo(dst);
    assertThat(Ipv4Packet.identification(buf, offset)).isEqualTo(id);
    assertThat(UdpDatagram.sourcePort(buf, udp)).isEqualTo(srcPort);
    assertThat(UdpDatagram.destinationPort(buf, udp)).isEqualTo(dstPort);
    assertThat(UdpDatagram.payloadLength(buf, udp)).isEqualTo(payload.length);
    int p = UdpDatagram.payloadOffset(udp);
    assertThat(Arrays.copyOfRange(buf, p, p + payload.length)).isEqualTo(payload);

    // the checksum agrees with an independent computation over the pseudo-header
    byte[] segment = Arrays.copyOfRange(buf, udp, udp + 8 + payload.length);
    segment[6] = 0;
    segment[7] = 0;
    byte[] pseudo = new byte[12];
    PacketBytes.put32(pseudo, 0, src);
    PacketBytes.put32(pseudo, 4, dst);
    pseudo[9] = IpProtocol.UDP;
    PacketBytes.put16(pseudo, 10, segment.length);
    int expected = KernelPackets.referenceChecksum(pseudo, segment);
    assertThat(UdpDatagram.checksum(buf, udp)).isEqualTo(expected == 0 ? 0xFFFF : expected);
  }

  @Property
  void anySingleBitFlipInThePayloadIsDetected(
      @ForAll @Size(min = 1, max = 200) byte[] payload, @ForAll @IntRange(max = 1599) int bit) {
    byte[] buf = new byte[28 + payload.length];
    UdpDatagram.writeIpv4(buf, 0, 0x0A0A0A01, 1000, 0x0A0A0A02, 2000, 1, payload, 0,
        payload.length);
    int i = 28 + (bit / 8) % payload.length;
    buf[i] ^= (byte) (1 << (bit % 8));
    assertThat(UdpDatagram.checkIpv4(buf, 0, buf.length)).isEqualTo(PacketCheck.BAD_CHECKSUM);
  }

  @Property
  void randomBytesNeverThrow(@ForAll @Size(max = 100) byte[] bytes) {
    int udp = UdpDatagram.checkIpv4(bytes, 0, bytes.length);
    if (udp >= 0) {
      assertThat(UdpDatagram.payloadOffset(udp) + UdpDatagram.payloadLength(bytes, udp))
          .isLessThanOrEqualTo(bytes.length);
    }
  }

  @Property
  void randomBytesBehindAValidHeaderNeverThrow(@ForAll @Size(max = 60) byte[] tail) {
    byte[] p = Arrays.copyOf(UDP_EVEN, 20 + tail.length);
    System.arraycopy(tail, 0, p, 20, tail.length);
    PacketBytes.put16(p, 2, p.length);
    Ipv4Packet.updateHeaderChecksum(p, 0);
    int udp = UdpDatagram.checkIpv4(p, 0, p.length);
    assertThat(udp == 20 || udp < 0).isTrue();
  }

  private static byte[] build(String text, int id) {
    byte[] payload = text.getBytes(StandardCharsets.US_ASCII);
    byte[] buf = new byte[UdpDatagram.IPV4_OVERHEAD + payload.length];
    int len = UdpDatagram.writeIpv4(
        buf, 0, ADDR_10_99_0_1, 40001, ADDR_10_99_0_2, 40002, id, payload, 0, payload.length);
    assertThat(len).isEqualTo(buf.length);
    return buf;
  }

  private static String payload(byte[] p, int udp) {
    return new String(p, UdpDatagram.payloadOffset(udp), UdpDatagram.payloadLength(p, udp),
        StandardCharsets.US_ASCII);
  }
}
