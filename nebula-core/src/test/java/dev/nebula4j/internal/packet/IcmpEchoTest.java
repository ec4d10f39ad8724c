package dev.nebula4j.internal.packet;

import static dev.nebula4j.internal.packet.KernelPackets.LOOPBACK;
import static dev.nebula4j.internal.packet.KernelPackets.PING_REPLY;
import static dev.nebula4j.internal.packet.KernelPackets.PING_REQUEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class IcmpEchoTest {

  @Test
  void parsesPingRequestAndKernelReply() {
    int icmp = IcmpEcho.checkIpv4(PING_REQUEST, 0, PING_REQUEST.length, IcmpEcho.TYPE_ECHO_REQUEST);
    assertThat(icmp).isEqualTo(20);
    assertThat(IcmpEcho.identifier(PING_REQUEST, icmp)).isEqualTo(0x26de);
    assertThat(IcmpEcho.sequence(PING_REQUEST, icmp)).isEqualTo(1);
    assertThat(IcmpEcho.dataLength(PING_REQUEST, 0, icmp)).isEqualTo(24);

    assertThat(IcmpEcho.checkIpv4(PING_REPLY, 0, PING_REPLY.length, IcmpEcho.TYPE_ECHO_REPLY))
        .isEqualTo(20);
    assertThat(IcmpEcho.checkIpv4(PING_REPLY, 0, PING_REPLY.length, IcmpEcho.TYPE_ECHO_REQUEST))
        .isEqualTo(PacketCheck.WRONG_ICMP_TYPE);
  }

  @Test
  void buildsPingIdenticalRequest() {
    byte[] buf = new byte[PING_REQUEST.length];
    System.arraycopy(PING_REQUEST, 28, buf, 28, 24);
    int len = IcmpEcho.writeIpv4(
        buf, 0, IcmpEcho.TYPE_ECHO_REQUEST, LOOPBACK, LOOPBACK, 0x26de, 1, 0xe579, 24);
    assertThat(len).isEqualTo(PING_REQUEST.length);
    assertThat(buf).isEqualTo(PING_REQUEST);
  }

  @Test
  void rejectsBadIcmpChecksumAndCode() {
    byte[] p = PING_REQUEST.clone();
    p[40] ^= 0x10;
    assertThat(IcmpEcho.checkIpv4(p, 0, p.length, IcmpEcho.TYPE_ECHO_REQUEST))
        .isEqualTo(PacketCheck.BAD_CHECKSUM);
    p = PING_REQUEST.clone();
    p[21] = 1;
    assertThat(IcmpEcho.checkIpv4(p, 0, p.length, IcmpEcho.TYPE_ECHO_REQUEST))
        .isEqualTo(PacketCheck.WRONG_ICMP_TYPE);
    assertThat(IcmpEcho.checkIpv4(KernelPackets.UDP_EVEN, 0, KernelPackets.UDP_EVEN.length,
        IcmpEcho.TYPE_ECHO_REQUEST)).isEqualTo(PacketCheck.WRONG_PROTOCOL);
  }

  @Test
  void refusesNonEchoTypes() {
    assertThatThrownBy(() -> IcmpEcho.writeIpv4(new byte[28], 0, 3, 1, 2, 0, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ICMP type 3");
  }

  @Property
  void roundTrip(
      @ForAll int src,
      @ForAll int dst,
      @ForAll @IntRange(max = 0xFFFF) int ident,
      @ForAll @IntRange(max = 0xFFFF) int seq,
      @ForAll boolean request,
      @ForAll @Size(max = 1300) byte[] data) {
    int type = request ? IcmpEcho.TYPE_ECHO_REQUEST : IcmpEcho.TYPE_ECHO_REPLY;
    byte[] buf = new byte[IcmpEcho.IPV4_OVERHEAD + data.length];
    System.arraycopy(data, 0, buf, IcmpEcho.IPV4_OVERHEAD, data.length);
    int len = IcmpEcho.writeIpv4(buf, 0, type, src, dst, ident, seq, 7, data.length);
    int icmp = IcmpEcho.checkIpv4(buf, 0, len, type);
    assertThat(icmp).isEqualTo(20);
    assertThat(IcmpEcho.identifier(buf, icmp)).isEqualTo(ident);
    assertThat(IcmpEcho.sequence(buf, icmp)).isEqualTo(seq);
    assertThat(Arrays.copyOfRange(buf, IcmpEcho.dataOffset(icmp), len)).isEqualTo(data);
    byte[] message = Arrays.copyOfRange(buf, 20, len);
    message[2] = 0;
    message[3] = 0;
    assertThat(PacketBytes.u16(buf, 22)).isEqualTo(KernelPackets.referenceChecksum(message));
  }

  @Property
  void randomBytesNeverThrow(@ForAll @Size(max = 100) byte[] bytes, @ForAll boolean request) {
    int type = request ? IcmpEcho.TYPE_ECHO_REQUEST : IcmpEcho.TYPE_ECHO_REPLY;
    int icmp = IcmpEcho.checkIpv4(bytes, 0, bytes.length, type);
    if (icmp >= 0) {
      assertThat(IcmpEcho.dataLength(bytes, 0, icmp)).isNotNegative();
    }
  }
}
