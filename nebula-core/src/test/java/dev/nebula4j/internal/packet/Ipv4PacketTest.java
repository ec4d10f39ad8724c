package dev.nebula4j.internal.packet;

import static dev.nebula4j.internal.packet.KernelPackets.ADDR_10_99_0_1;
import static dev.nebula4j.internal.packet.KernelPackets.ADDR_10_99_0_2;
import static dev.nebula4j.internal.packet.KernelPackets.UDP_EVEN;
import static dev.nebula4j.internal.packet.KernelPackets.WIKIPEDIA_HEADER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class Ipv4PacketTest {

  @Test
  void knownHeaderChecksumVerifies() {
    assertThat(Ipv4Packet.headerChecksumValid(WIKIPEDIA_HEADER, 0)).isTrue();
    byte[] copy = WIKIPEDIA_HEADER.clone();
    Ipv4Packet.updateHeaderChecksum(copy, 0);
    assertThat(copy).isEqualTo(WIKIPEDIA_HEADER);
    copy[8] = 63; // TTL changed, checksum not
    assertThat(Ipv4Packet.headerChecksumValid(copy, 0)).isFalse();
  }

  @Test
  void readsFieldsOfKernelPacket() {
    assertThat(Ipv4Packet.check(UDP_EVEN, 0, UDP_EVEN.length)).isEqualTo(20);
    assertThat(Ipv4Packet.totalLength(UDP_EVEN, 0)).isEqualTo(49);
    assertThat(Ipv4Packet.identification(UDP_EVEN, 0)).isEqualTo(0x0d77);
    assertThat(Ipv4Packet.ttl(UDP_EVEN, 0)).isEqualTo(64);
    assertThat(Ipv4Packet.protocol(UDP_EVEN, 0)).isEqualTo(IpProtocol.UDP);
    assertThat(Ipv4Packet.source(UDP_EVEN, 0)).isEqualTo(ADDR_10_99_0_1);
    assertThat(Ipv4Packet.destination(UDP_EVEN, 0)).isEqualTo(ADDR_10_99_0_2);
    assertThat(Ipv4Packet.isFragment(UDP_EVEN, 0)).isFalse();
    assertThat(Ipv4Packet.flagsAndFragmentOffset(UDP_EVEN, 0))
        .isEqualTo(Ipv4Packet.FLAG_DONT_FRAGMENT);
    assertThat(IpPacket.version(UDP_EVEN, 0, UDP_EVEN.length)).isEqualTo(4);
  }

  @Test
  void writeHeaderReproducesKernelHeader() {
    byte[] out = new byte[20];
    Ipv4Packet.writeHeader(
        out, 0, 49, 0x0d77, Ipv4Packet.FLAG_DONT_FRAGMENT, 64, IpProtocol.UDP,
        ADDR_10_99_0_1, ADDR_10_99_0_2);
    assertThat(out).isEqualTo(Arrays.copyOf(UDP_EVEN, 20));
  }

  @Test
  void checkReportsEachMalformation() {
    byte[] p = UDP_EVEN.clone();
    assertThat(Ipv4Packet.check(p, 0, 19)).isEqualTo(PacketCheck.TRUNCATED);
    assertThat(Ipv4Packet.check(p, 0, 0)).isEqualTo(PacketCheck.TRUNCATED);
    assertThat(Ipv4Packet.check(p, 0, 48)).isEqualTo(PacketCheck.BAD_TOTAL_LENGTH);

    p[0] = 0x65;
    assertThat(Ipv4Packet.check(p, 0, p.length)).isEqualTo(PacketCheck.NOT_IPV4);
    assertThat(Ipv4Packet.check(p, 0, 1)).isEqualTo(PacketCheck.NOT_IPV4);
    p[0] = 0x44;
    assertThat(Ipv4Packet.check(p, 0, p.length)).isEqualTo(PacketCheck.BAD_HEADER_LENGTH);
    p[0] = 0x4F; // 60-byte header in a 49-byte packet
    assertThat(Ipv4Packet.check(p, 0, 40)).isEqualTo(PacketCheck.TRUNCATED);
    p[0] = 0x46; // 24-byte header, total length 49 still fine
    assertThat(Ipv4Packet.check(p, 0, p.length)).isEqualTo(24);
    p[0] = 0x45;
    PacketBytes.put16(p, 2, 19);
    assertThat(Ipv4Packet.check(p, 0, p.length)).isEqualTo(PacketCheck.BAD_TOTAL_LENGTH);
  }

  @Test
  void checkAcceptsTrailingPaddingAndOffsets() {
    byte[] padded = new byte[UDP_EVEN.length + 10];
    System.arraycopy(UDP_EVEN, 0, padded, 3, UDP_EVEN.length);
    assertThat(Ipv4Packet.check(padded, 3, UDP_EVEN.length + 7)).isEqualTo(20);
    assertThat(Ipv4Packet.source(padded, 3)).isEqualTo(ADDR_10_99_0_1);
  }

  @Test
  void fragmentFlags() {
    byte[] p = UDP_EVEN.clone();
    PacketBytes.put16(p, 6, Ipv4Packet.FLAG_MORE_FRAGMENTS);
    assertThat(Ipv4Packet.isFragment(p, 0)).isTrue();
    assertThat(Ipv4Packet.isNonFirstFragment(p, 0)).isFalse();
    PacketBytes.put16(p, 6, 185);
    assertThat(Ipv4Packet.isFragment(p, 0)).isTrue();
    assertThat(Ipv4Packet.isNonFirstFragment(p, 0)).isTrue();
    assertThat(Ipv4Packet.fragmentOffset(p, 0)).isEqualTo(185);
  }

  @Test
  void badArgumentsAreProgrammingErrors() {
    assertThatThrownBy(() -> Ipv4Packet.check(new byte[10], 5, 10))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> Ipv4Packet.writeHeader(new byte[20], 0, 19, 0, 0, 64, 1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("19");
  }

  @Property
  void headerChecksumMatchesReference(
      @ForAll int id, @ForAll int src, @ForAll int dst, @ForAll byte ttl, @ForAll byte proto) {
    byte[] out = new byte[20];
    Ipv4Packet.writeHeader(out, 0, 20, id & 0xFFFF, 0, ttl & 0xFF, proto & 0xFF, src, dst);
    byte[] zeroed = out.clone();
    zeroed[10] = 0;
    zeroed[11] = 0;
    assertThat(PacketBytes.u16(out, 10)).isEqualTo(KernelPackets.referenceChecksum(zeroed));
    assertThat(Ipv4Packet.headerChecksumValid(out, 0)).isTrue();
    assertThat(Ipv4Packet.check(out, 0, 20)).isEqualTo(20);
  }

  @Property
  void randomBytesNeverThrow(@ForAll @Size(max = 80) byte[] bytes) {
    int code = Ipv4Packet.check(bytes, 0, bytes.length);
    if (code >= 0) {
      assertThat(code).isBetween(20, 60);
      assertThat(Ipv4Packet.totalLength(bytes, 0)).isBetween(code, bytes.length);
    } else {
      assertThat(PacketCheck.describe(code)).isNotEqualTo("ok");
    }
  }
}
