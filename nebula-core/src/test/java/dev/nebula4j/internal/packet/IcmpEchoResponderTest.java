package dev.nebula4j.internal.packet;

import static dev.nebula4j.internal.packet.KernelPackets.LOOPBACK;
import static dev.nebula4j.internal.packet.KernelPackets.PING_REPLY;
import static dev.nebula4j.internal.packet.KernelPackets.PING_REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class IcmpEchoResponderTest {

  @Test
  void answersLikeTheKernel() {
    byte[] out = new byte[100];
    int len = IcmpEchoResponder.reply(PING_REQUEST, 0, PING_REQUEST.length, LOOPBACK, out, 0);
    assertThat(len).isEqualTo(PING_REPLY.length);
    byte[] reply = Arrays.copyOf(out, len);
    assertThat(Ipv4Packet.headerChecksumValid(reply, 0)).isTrue();
    // the kernel picks a fresh IP identification; everything else must be identical
    assertThat(withoutIdAndHeaderChecksum(reply)).isEqualTo(withoutIdAndHeaderChecksum(PING_REPLY));
  }

  @Test
  void answersInPlace() {
    byte[] buf = new byte[PING_REQUEST.length + 4];
    System.arraycopy(PING_REQUEST, 0, buf, 4, PING_REQUEST.length);
    int len = IcmpEchoResponder.reply(buf, 4, PING_REQUEST.length, LOOPBACK, buf, 4);
    byte[] reply = Arrays.copyOfRange(buf, 4, 4 + len);
    assertThat(withoutIdAndHeaderChecksum(reply)).isEqualTo(withoutIdAndHeaderChecksum(PING_REPLY));
  }

  @Test
  void stripsOptions() {
    // the request again with a 4-byte options area (NOP NOP NOP EOL)
    byte[] req = new byte[PING_REQUEST.length + 4];
    System.arraycopy(PING_REQUEST, 0, req, 0, 20);
    req[20] = 1;
    req[21] = 1;
    req[22] = 1;
    System.arraycopy(PING_REQUEST, 20, req, 24, PING_REQUEST.length - 20);
    req[0] = 0x46;
    PacketBytes.put16(req, 2, req.length);
    Ipv4Packet.updateHeaderChecksum(req, 0);

    byte[] out = new byte[100];
    int len = IcmpEchoResponder.reply(req, 0, req.length, LOOPBACK, out, 0);
    assertThat(len).isEqualTo(PING_REPLY.length);
    assertThat(withoutIdAndHeaderChecksum(Arrays.copyOf(out, len)))
        .isEqualTo(withoutIdAndHeaderChecksum(PING_REPLY));
  }

  @Test
  void ignoresWhatItMustNotAnswer() {
    byte[] out = new byte[100];
    assertThat(IcmpEchoResponder.reply(PING_REQUEST, 0, PING_REQUEST.length, 0x0A000001, out, 0))
        .isEqualTo(PacketCheck.NOT_FOR_US);
    assertThat(IcmpEchoResponder.reply(PING_REPLY, 0, PING_REPLY.length, LOOPBACK, out, 0))
        .isEqualTo(PacketCheck.WRONG_ICMP_TYPE);
    byte[] bad = PING_REQUEST.clone();
    bad[50] ^= 1;
    assertThat(IcmpEchoResponder.reply(bad, 0, bad.length, LOOPBACK, out, 0))
        .isEqualTo(PacketCheck.BAD_CHECKSUM);
    byte[] frag = PING_REQUEST.clone();
    PacketBytes.put16(frag, 6, Ipv4Packet.FLAG_MORE_FRAGMENTS);
    Ipv4Packet.updateHeaderChecksum(frag, 0);
    assertThat(IcmpEchoResponder.reply(frag, 0, frag.length, LOOPBACK, out, 0))
        .isEqualTo(PacketCheck.FRAGMENT);
    assertThat(IcmpEchoResponder.reply(PING_REQUEST, 0, PING_REQUEST.length, LOOPBACK,
        new byte[PING_REQUEST.length - 1], 0)).isEqualTo(PacketCheck.NO_ROOM);
    assertThat(IcmpEchoResponder.reply(PING_REQUEST, 0, PING_REQUEST.length, LOOPBACK, out, -1))
        .isEqualTo(PacketCheck.NO_ROOM);
    assertThat(out).containsOnly(0);
  }

  @Property
  void answersEveryWellFormedRequest(
      @ForAll int src,
      @ForAll int dst,
      @ForAll @IntRange(max = 0xFFFF) int ident,
      @ForAll @IntRange(max = 0xFFFF) int seq,
      @ForAll @Size(max = 1300) byte[] data) {
    byte[] req = new byte[IcmpEcho.IPV4_OVERHEAD + data.length];
    System.arraycopy(data, 0, req, IcmpEcho.IPV4_OVERHEAD, data.length);
    int len = IcmpEcho.writeIpv4(req, 0, IcmpEcho.TYPE_ECHO_REQUEST, src, dst, ident, seq, 9,
        data.length);
    byte[] out = new byte[len];
    assertThat(IcmpEchoResponder.reply(req, 0, len, dst, out, 0)).isEqualTo(len);
    int icmp = IcmpEcho.checkIpv4(out, 0, len, IcmpEcho.TYPE_ECHO_REPLY);
    assertThat(icmp).isEqualTo(20);
    assertThat(Ipv4Packet.source(out, 0)).isEqualTo(dst);
    assertThat(Ipv4Packet.destination(out, 0)).isEqualTo(src);
    assertThat(IcmpEcho.identifier(out, icmp)).isEqualTo(ident);
    assertThat(IcmpEcho.sequence(out, icmp)).isEqualTo(seq);
    assertThat(Arrays.copyOfRange(out, 28, len)).isEqualTo(data);
  }

  @Property
  void randomBytesNeverThrow(@ForAll @Size(max = 120) byte[] bytes, @ForAll int local) {
    byte[] out = new byte[bytes.length];
    int r = IcmpEchoResponder.reply(bytes, 0, bytes.length, local, out, 0);
    if (r >= 0) {
      assertThat(IcmpEcho.checkIpv4(out, 0, r, IcmpEcho.TYPE_ECHO_REPLY)).isEqualTo(20);
    }
  }

  private static byte[] withoutIdAndHeaderChecksum(byte[] p) {
    byte[] c = p.clone();
    c[4] = 0;
    c[5] = 0;
    c[10] = 0;
    c[11] = 0;
    return c;
  }
}
