package dev.nebula4j.internal.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nebula4j.internal.packet.IcmpEcho;
import dev.nebula4j.internal.packet.Ipv4Packet;
import dev.nebula4j.internal.packet.UdpDatagram;
import dev.nebula4j.net.IpNetwork;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EchoResponderDeviceTest {
  private static final int LOCAL = 0x0A0A0A01;
  private static final int PEER = 0x0A0A0A03;

  record Sent(byte[] packet, Thread thread) {}

  @Test
  void answersEchoToItsAddressFromItsOwnThread() throws InterruptedException {
    LinkedBlockingQueue<Sent> out = new LinkedBlockingQueue<>();
    try (EchoResponderDevice d = new EchoResponderDevice("lighthouse",
        List.of(IpNetwork.parse("10.10.10.1/24")), 1300)) {
      d.start((buf, off, len) ->
          out.add(new Sent(Arrays.copyOfRange(buf, off, off + len), Thread.currentThread())));
      byte[] request = echoRequest(PEER, LOCAL, 77, 5);
      assertThat(d.write(request, 0, request.length)).isTrue();

      Sent reply = out.poll(30, TimeUnit.SECONDS);
      assertThat(reply).isNotNull();
      assertThat(reply.thread()).isNotSameAs(Thread.currentThread()).isSameAs(d.thread());
      byte[] p = reply.packet();
      int icmp = IcmpEcho.checkIpv4(p, 0, p.length, IcmpEcho.TYPE_ECHO_REPLY);
      assertThat(icmp).isEqualTo(20);
      assertThat(Ipv4Packet.source(p, 0)).isEqualTo(LOCAL);
      assertThat(Ipv4Packet.destination(p, 0)).isEqualTo(PEER);
      assertThat(IcmpEcho.identifier(p, icmp)).isEqualTo(77);
      assertThat(IcmpEcho.sequence(p, icmp)).isEqualTo(5);
      assertThat(d.echoRepliesSent()).isEqualTo(1);
    }
  }

  @Test
  void dropsEverythingElse() {
    try (EchoResponderDevice d = new EchoResponderDevice("lh",
        List.of(IpNetwork.parse("10.10.10.1/24"), IpNetwork.parse("fd00::1/64")), 1300)) {
      d.start((buf, off, len) -> { });
      byte[] toOther = echoRequest(PEER, 0x0A0A0A02, 1, 1);
      byte[] udp = new byte[UdpDatagram.IPV4_OVERHEAD + 4];
      UdpDatagram.writeIpv4(udp, 0, PEER, 1, LOCAL, 2, 0, 4);
      byte[] reply = echoRequest(PEER, LOCAL, 1, 1);
      reply[20] = 0;
      assertThat(d.write(toOther, 0, toOther.length)).isFalse();
      assertThat(d.write(udp, 0, udp.length)).isFalse();
      assertThat(d.write(reply, 0, reply.length)).isFalse();
      assertThat(d.write(new byte[5], 0, 5)).isFalse();
      assertThat(d.dropped()).isEqualTo(4);
      assertThat(d.echoRepliesSent()).isZero();
    }
  }

  @Test
  void closeStopsTheThread() {
    EchoResponderDevice d = new EchoResponderDevice("lh", List.of(IpNetwork.parse("10.1.0.1/16")),
        1300);
    d.start((buf, off, len) -> { });
    Thread t = d.thread();
    assertThat(t.isAlive()).isTrue();
    d.close();
    assertThat(t.isAlive()).isFalse();
    d.close();
    byte[] request = echoRequest(PEER, 0x0A010001, 1, 1);
    assertThat(d.write(request, 0, request.length)).isFalse();
    assertThatThrownBy(() -> d.start((b, o, l) -> { })).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void handlerFailuresDoNotStopReplies() throws InterruptedException {
    LinkedBlockingQueue<byte[]> out = new LinkedBlockingQueue<>();
    try (EchoResponderDevice d = new EchoResponderDevice("lh",
        List.of(IpNetwork.parse("10.10.10.1/24")), 1300)) {
      d.start((buf, off, len) -> {
        if (out.isEmpty() && buf[off + 20 + 7] == 1) {
          out.add(new byte[0]);
          throw new IllegalStateException("node hiccup");
        }
        out.add(Arrays.copyOfRange(buf, off, off + len));
      });
      byte[] first = echoRequest(PEER, LOCAL, 9, 1);
      byte[] second = echoRequest(PEER, LOCAL, 9, 2);
      d.write(first, 0, first.length);
      d.write(second, 0, second.length);
      assertThat(out.poll(30, TimeUnit.SECONDS)).isEmpty();
      byte[] answered = out.poll(30, TimeUnit.SECONDS);
      assertThat(IcmpEcho.sequence(answered, 20)).isEqualTo(2);
    }
  }

  @Test
  void refusesBadConstruction() {
    assertThatThrownBy(() -> new EchoResponderDevice("x", List.of(), 1300))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("address");
    assertThatThrownBy(() ->
        new EchoResponderDevice("x", List.of(IpNetwork.parse("10.0.0.1/8")), 20))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mtu 20");
  }

  static byte[] echoRequest(int src, int dst, int ident, int seq) {
    byte[] b = new byte[IcmpEcho.IPV4_OVERHEAD + 16];
    IcmpEcho.writeIpv4(b, 0, IcmpEcho.TYPE_ECHO_REQUEST, src, dst, ident, seq, 3, 16);
    return b;
  }
}
