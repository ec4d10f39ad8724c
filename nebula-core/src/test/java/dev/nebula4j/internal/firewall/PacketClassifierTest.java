package dev.nebula4j.internal.firewall;

import static dev.nebula4j.internal.firewall.TestPackets.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nebula4j.firewall.Direction;
import dev.nebula4j.firewall.DropReason;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PacketClassifierTest {

  private static FlowTuple classify(byte[] p, boolean inbound) {
    FlowTuple t = new FlowTuple();
    assertThat(PacketClassifier.classify(p, 0, p.length, inbound, t)).isZero();
    return t;
  }

  private static int fail(byte[] p) {
    return PacketClassifier.classify(p, 0, p.length, true, new FlowTuple());
  }

  @Test
  void inboundIsOrientedOnTheDestination() {
    FlowTuple t = classify(TestPackets.tcp("10.10.10.6", 51544, "10.10.10.5", 5432), true);
    assertThat(t.localIpv4()).isEqualTo(ip("10.10.10.5"));
    assertThat(t.remoteIpv4()).isEqualTo(ip("10.10.10.6"));
    assertThat(t.localPort()).isEqualTo(5432);
    assertThat(t.remotePort()).isEqualTo(51544);
    assertThat(t.protocol()).isEqualTo(6);
    assertThat(t.fragment()).isFalse();
    assertThat(t.direction()).isEqualTo(Direction.INBOUND);
    assertThat(t.isIpv4()).isTrue();
    assertThat(t).hasToString("tcp 10.10.10.6:51544 -> 10.10.10.5:5432");
  }

  @Test
  void outboundIsOrientedOnTheSource() {
    FlowTuple t = classify(TestPackets.udp("10.10.10.5", 40000, "10.10.10.6", 53), false);
    assertThat(t.localIpv4()).isEqualTo(ip("10.10.10.5"));
    assertThat(t.remoteIpv4()).isEqualTo(ip("10.10.10.6"));
    assertThat(t.localPort()).isEqualTo(40000);
    assertThat(t.remotePort()).isEqualTo(53);
    assertThat(t.direction()).isEqualTo(Direction.OUTBOUND);
    assertThat(t).hasToString("udp 10.10.10.5:40000 -> 10.10.10.6:53");
  }

  @Test
  void aReplyHasTheSameKeyAsItsRequest() {
    FlowTuple request = classify(TestPackets.tcp("10.10.10.5", 40000, "10.10.10.6", 5432), false);
    FlowTuple reply = classify(TestPackets.tcp("10.10.10.6", 5432, "10.10.10.5", 40000), true);
    assertThat(reply).isEqualTo(request).hasSameHashCodeAs(request);
    FlowTuple other = classify(TestPackets.tcp("10.10.10.6", 5432, "10.10.10.5", 40001), true);
    assertThat(other).isNotEqualTo(request);
  }

  @Test
  void icmpUsesTheIdentifierAsRemotePortInBothDirections() {
    FlowTuple echo = classify(TestPackets.icmp("10.10.10.5", "10.10.10.6", 8, 4711), false);
    assertThat(echo.localPort()).isZero();
    assertThat(echo.remotePort()).isEqualTo(4711);
    FlowTuple reply = classify(TestPackets.icmp("10.10.10.6", "10.10.10.5", 0, 4711), true);
    assertThat(reply).isEqualTo(echo);
    assertThat(reply).hasToString("icmp 10.10.10.6 -> 10.10.10.5 id 4711");
    FlowTuple otherId = classify(TestPackets.icmp("10.10.10.6", "10.10.10.5", 0, 4712), true);
    assertThat(otherId).isNotEqualTo(echo);
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 8, 20, 40})
  void ipOptionsMoveTheTransportHeader(int optionBytes) {
    byte[] p = TestPackets.withIpOptions(TestPackets.tcp("10.10.10.6", 1111, "10.10.10.5", 2222), optionBytes);
    FlowTuple t = classify(p, true);
    assertThat(t.ipHeaderLength()).isEqualTo(20 + optionBytes);
    assertThat(t.remotePort()).isEqualTo(1111);
    assertThat(t.localPort()).isEqualTo(2222);
  }

  @Test
  void nonFirstFragmentsHaveNoPorts() {
    FlowTuple t = classify(TestPackets.fragment(6, "10.10.10.6", "10.10.10.5", 185), true);
    assertThat(t.fragment()).isTrue();
    assertThat(t.localPort()).isZero();
    assertThat(t.remotePort()).isZero();
    assertThat(t).hasToString("tcp 10.10.10.6 -> 10.10.10.5 fragment");
  }

  @Test
  void firstFragmentsKeepTheirPorts() {
    FlowTuple t = classify(TestPackets.firstFragmentTcp("10.10.10.6", 1111, "10.10.10.5", 80), true);
    assertThat(t.fragment()).isFalse();
    assertThat(t.localPort()).isEqualTo(80);
  }

  @Test
  void protocolsWithoutPortsGetPortsZero() {
    byte[] gre = TestPackets.raw(47, "10.10.10.6", "10.10.10.5", 8);
    Arrays.fill(gre, 20, 28, (byte) 0x55);
    FlowTuple t = classify(gre, true);
    assertThat(t.protocol()).isEqualTo(47);
    assertThat(t.localPort()).isZero();
    assertThat(t.remotePort()).isZero();
    assertThat(classify(TestPackets.raw(47, "10.10.10.6", "10.10.10.5", 0), true).protocol())
        .isEqualTo(47);
  }

  @Test
  void classifiesAtAnOffsetInsideALargerBuffer() {
    byte[] p = TestPackets.udp("10.10.10.6", 7, "10.10.10.5", 9);
    byte[] buf = new byte[p.length + 50];
    Arrays.fill(buf, (byte) 0xEE);
    System.arraycopy(p, 0, buf, 16, p.length);
    FlowTuple t = new FlowTuple();
    assertThat(PacketClassifier.classify(buf, 16, p.length, true, t)).isZero();
    assertThat(t.localPort()).isEqualTo(9);
    assertThat(t.remotePort()).isEqualTo(7);
  }

  @Test
  void malformedPacketsAreNamed() {
    assertThat(fail(new byte[0])).isEqualTo(DropReason.TOO_SHORT.code());
    byte[] p = TestPackets.tcp("10.10.10.6", 1, "10.10.10.5", 2);
    assertThat(fail(Arrays.copyOf(p, 19))).isEqualTo(DropReason.TOO_SHORT.code());

    byte[] v6 = new byte[60];
    v6[0] = 0x60;
    assertThat(fail(v6)).isEqualTo(DropReason.UNSUPPORTED_IP_VERSION.code());
    assertThat(fail(new byte[] {0x60})).isEqualTo(DropReason.UNSUPPORTED_IP_VERSION.code());

    byte[] shortIhl = p.clone();
    shortIhl[0] = 0x44;
    assertThat(fail(shortIhl)).isEqualTo(DropReason.BAD_HEADER_LENGTH.code());
    byte[] longIhl = p.clone();
    longIhl[0] = 0x4F; // 60-byte header in a 40-byte packet
    assertThat(fail(longIhl)).isEqualTo(DropReason.BAD_HEADER_LENGTH.code());

    assertThat(fail(Arrays.copyOf(p, 23))).isEqualTo(DropReason.TRUNCATED.code());
    assertThat(fail(Arrays.copyOf(p, 24))).isZero();
    byte[] icmp = TestPackets.icmp("10.10.10.6", "10.10.10.5", 8, 1);
    assertThat(fail(Arrays.copyOf(icmp, 25))).isEqualTo(DropReason.TRUNCATED.code());
    assertThat(fail(Arrays.copyOf(icmp, 26))).isZero();
    // a non-first fragment needs no transport bytes
    byte[] frag = TestPackets.fragment(6, "10.10.10.6", "10.10.10.5", 3);
    assertThat(fail(Arrays.copyOf(frag, 20))).isZero();
  }

  @Test
  void boundsOutsideTheArrayAreAProgrammingError() {
    byte[] p = TestPackets.udp("10.10.10.6", 7, "10.10.10.5", 9);
    assertThatThrownBy(() -> PacketClassifier.classify(p, 4, p.length, true, new FlowTuple()))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void setIpv4BuildsTheSameKeyAsClassification() {
    FlowTuple parsed = classify(TestPackets.tcp("10.10.10.6", 51544, "10.10.10.5", 5432), true);
    FlowTuple built =
        new FlowTuple()
            .setIpv4(Direction.INBOUND, ip("10.10.10.5"), ip("10.10.10.6"), 5432, 51544, 6, false);
    assertThat(built).isEqualTo(parsed).hasSameHashCodeAs(parsed);
    assertThat(built.copyKey()).isEqualTo(parsed);
  }
}
