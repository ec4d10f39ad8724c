package dev.nebula4j.interop;

import static dev.nebula4j.interop.JavaGoPair.GO_IP;
import static dev.nebula4j.interop.JavaGoPair.JAVA_IP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nebula4j.config.Cipher;
import dev.nebula4j.device.DeviceClosedException;
import dev.nebula4j.device.OverlayDatagram;
import dev.nebula4j.device.UserspaceDevice;
import dev.nebula4j.device.UserspaceUdpSocket;
import dev.nebula4j.firewall.Direction;
import dev.nebula4j.firewall.DropReason;
import dev.nebula4j.firewall.FirewallAction;
import dev.nebula4j.firewall.FirewallPolicy;
import dev.nebula4j.firewall.FirewallRule;
import dev.nebula4j.firewall.Protocol;
import dev.nebula4j.interop.harness.InteropLab;
import dev.nebula4j.interop.harness.InteropTest;
import dev.nebula4j.interop.harness.JavaCertIssuer;
import dev.nebula4j.interop.harness.JavaNebula;
import dev.nebula4j.interop.harness.Netns;
import dev.nebula4j.interop.harness.PingResult;
import dev.nebula4j.interop.harness.TcpProbe;
import dev.nebula4j.interop.harness.TutorialConfigs;
import dev.nebula4j.interop.harness.UdpProbe;
import dev.nebula4j.node.NodeStats;
import dev.nebula4j.node.PacketDropReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 4, acceptance 4: Go nebula 1.6.1 sends ICMP, UDP and TCP to a Java node whose firewall
 * admits only some of it — the tutorial's inbound rules (ICMP, TCP 5432, TCP 8008) plus UDP
 * {@value #UDP_OPEN} but not {@value #UDP_CLOSED} — and what reaches the Java {@link
 * UserspaceDevice} is exactly what the rules admit, while the node's stats count the rest as
 * firewall drops for "no matching rule". With {@code inbound_action: reject} the Go side's TCP
 * connect to a refused port is answered by our RST and its UDP by ICMP unreachable, both sent back
 * through the tunnel.
 */
@InteropTest
class JavaGoFirewallTest {
  static final int UDP_OPEN = 5000;
  static final int UDP_CLOSED = 5001;
  static final Duration HANDSHAKE = Duration.ofSeconds(15);
  static final Duration REPLY = Duration.ofSeconds(5);
  /** Long enough to be sure a TCP SYN went out; the connect itself is expected to time out. */
  static final Duration SYN = Duration.ofSeconds(1);
  static final int TCP_FLAG_SYN = 0x02;
  static final int TCP_FLAG_ACK = 0x10;

  /** The tutorial node's inbound rules plus UDP {@value #UDP_OPEN}; outbound anything. */
  static FirewallPolicy javaFirewall(FirewallAction inboundAction) {
    return TutorialConfigs.nodeFirewall().toBuilder()
        .inbound(FirewallRule.builder().port(UDP_OPEN).proto(Protocol.UDP).host("any").build())
        .inboundAction(inboundAction)
        .build();
  }

  @Test
  void whatReachesTheJavaDeviceIsExactlyWhatTheRulesAdmit(InteropLab lab) throws Exception {
    JavaGoPair p =
        JavaGoPair.start(lab, lab.nebulaCertCa("My New CA"), Cipher.AES,
            c -> c.firewallPolicy(javaFirewall(FirewallAction.DROP)));
    JavaNebula java = p.java();
    UserspaceDevice device = java.device();
    Netns go = p.goNs();
    try (UserspaceUdpSocket open = device.openUdp(UDP_OPEN);
        UserspaceUdpSocket closed = device.openUdp(UDP_CLOSED);
        UdpEchoLoop echo = new UdpEchoLoop(open)) {
      // ICMP is admitted: Go's pings are answered by the device
      go.awaitPingReply(JAVA_IP, HANDSHAKE);
      PingResult ping = go.ping(JAVA_IP, 3);
      assertThat(ping.allReplied()).as(ping.output()).isTrue();
      NodeStats before = java.stats();
      long echoRepliesBefore = device.stats().echoRepliesSent();

      // UDP 5000 is admitted; the answer goes back out (outbound any, Go's conntrack lets it in)
      UdpProbe admitted = go.udpProbe(JAVA_IP, UDP_OPEN, "to 5000\n", REPLY);
      assertThat(admitted.outcome()).as(admitted.result().describe()).isEqualTo(UdpProbe.Outcome.ANSWERED);
      assertThat(admitted.received()).isEqualTo("to 5000\n");

      // not admitted: UDP 5001 (a socket is open there), TCP 22; admitted but unanswered (no TCP
      // stack behind a userspace device): TCP 5432 and 8008, whose SYNs reach the device raw
      go.udpSend(JAVA_IP, UDP_CLOSED, "to 5001\n");
      TcpProbe ssh = go.tcpConnect(JAVA_IP, 22, SYN);
      TcpProbe postgres = go.tcpConnect(JAVA_IP, 5432, SYN);
      TcpProbe patroni = go.tcpConnect(JAVA_IP, 8008, SYN);
      assertThat(List.of(ssh.outcome(), postgres.outcome(), patroni.outcome()))
          .as("%s%n%s%n%s", ssh.result().describe(), postgres.result().describe(), patroni.result().describe())
          .containsOnly(TcpProbe.Outcome.TIMED_OUT);

      // the node reads the tunnel on one thread, in order: once this marker is back, everything
      // Go sent before it has been through the firewall
      UdpProbe marker = go.udpProbe(JAVA_IP, UDP_OPEN, "marker\n", REPLY);
      assertThat(marker.outcome()).as(marker.result().describe()).isEqualTo(UdpProbe.Outcome.ANSWERED);
      assertThat(echo.received()).containsExactly("to 5000\n", "marker\n");
      assertThatThrownBy(() -> closed.receive(Duration.ZERO)).isInstanceOf(SocketTimeoutException.class);

      List<TcpSegment> raw = drainRawPackets(device);
      assertThat(raw).as("raw packets at the device").isNotEmpty()
          .allSatisfy(s -> {
            assertThat(s.source()).isEqualTo(GO_IP);
            assertThat(s.destination()).isEqualTo(JAVA_IP);
            assertThat(s.flags() & (TCP_FLAG_SYN | TCP_FLAG_ACK)).isEqualTo(TCP_FLAG_SYN);
            assertThat(s.destinationPort()).isIn(5432, 8008);
          });
      assertThat(raw).extracting(TcpSegment::destinationPort).contains(5432, 8008).doesNotContain(22);
      assertThat(device.stats().echoRepliesSent()).isEqualTo(echoRepliesBefore);

      // the node counted the rest as inbound firewall drops, by the firewall's reason
      NodeStats after = java.stats();
      long dropped = after.drops(PacketDropReason.FIREWALL_INBOUND) - before.drops(PacketDropReason.FIREWALL_INBOUND);
      long noRule = after.firewallDrops(Direction.INBOUND, DropReason.NO_MATCHING_RULE)
          - before.firewallDrops(Direction.INBOUND, DropReason.NO_MATCHING_RULE);
      // one UDP datagram to 5001 and the SYN(s) to 22 (the kernel may retransmit within 1 s)
      assertThat(noRule).as("%s", after).isBetween(2L, 3L);
      assertThat(dropped).isEqualTo(noRule);
      for (DropReason r : DropReason.values()) {
        if (r != DropReason.NO_MATCHING_RULE) {
          assertThat(after.firewallDrops(Direction.INBOUND, r)).as("inbound %s", r).isZero();
        }
        assertThat(after.firewallDrops(Direction.OUTBOUND, r)).as("outbound %s", r).isZero();
      }
      assertThat(after.drops(PacketDropReason.DEVICE_REFUSED)).isZero();
    }
  }

  @Test
  void rejectAnswersGoWithRstForTcpAndIcmpUnreachableForUdpThroughTheTunnel(InteropLab lab)
      throws Exception {
    JavaGoPair p =
        JavaGoPair.start(lab, JavaCertIssuer.create("My New CA"), Cipher.CHACHAPOLY,
            c -> c.firewallPolicy(javaFirewall(FirewallAction.REJECT)));
    JavaNebula java = p.java();
    Netns go = p.goNs();
    try (UserspaceUdpSocket open = java.device().openUdp(UDP_OPEN);
        UserspaceUdpSocket closed = java.device().openUdp(UDP_CLOSED);
        UdpEchoLoop echo = new UdpEchoLoop(open)) {
      go.awaitPingReply(JAVA_IP, HANDSHAKE);
      NodeStats before = java.stats();
      long sentBefore = java.tunnel(GO_IP).orElseThrow().packetsSent();

      // a drop would leave the connect hanging until this timeout; our RST refuses it at once
      TcpProbe ssh = go.tcpConnect(JAVA_IP, 22, Duration.ofSeconds(20));
      assertThat(ssh.outcome()).as(ssh.result().describe()).isEqualTo(TcpProbe.Outcome.REFUSED);
      // ICMP destination unreachable, code 13: Linux reports "No route to host" to the sender
      UdpProbe udp = go.udpProbe(JAVA_IP, UDP_CLOSED, "to 5001\n", Duration.ofSeconds(20));
      assertThat(udp.outcome()).as(udp.result().describe()).isEqualTo(UdpProbe.Outcome.UNREACHABLE);
      assertThat(udp.hostUnreachable()).as(udp.result().describe()).isTrue();

      // what the rules admit still arrives
      UdpProbe admitted = go.udpProbe(JAVA_IP, UDP_OPEN, "to 5000\n", REPLY);
      assertThat(admitted.outcome()).as(admitted.result().describe()).isEqualTo(UdpProbe.Outcome.ANSWERED);
      assertThat(echo.received()).containsExactly("to 5000\n");
      assertThatThrownBy(() -> closed.receive(Duration.ZERO)).isInstanceOf(SocketTimeoutException.class);
      assertThat(drainRawPackets(java.device())).isEmpty();

      NodeStats after = java.stats();
      long noRule = after.firewallDrops(Direction.INBOUND, DropReason.NO_MATCHING_RULE)
          - before.firewallDrops(Direction.INBOUND, DropReason.NO_MATCHING_RULE);
      assertThat(noRule).as("%s", after).isEqualTo(2);
      assertThat(after.drops(PacketDropReason.FIREWALL_INBOUND) - before.drops(PacketDropReason.FIREWALL_INBOUND))
          .isEqualTo(2);
      // the RST and the ICMP error went back through the tunnel, besides the echo answer
      assertThat(java.tunnel(GO_IP).orElseThrow().packetsSent() - sentBefore).isGreaterThanOrEqualTo(3);
    }
  }

  /**
   * A 1.6.1 quirk the reject action meets: Go's conntrack does not relate an ICMP error to the UDP
   * flow it answers, and keys ICMP flows without type or identifier. So our "unreachable" reaches
   * a Go host only if Go's inbound rules admit ICMP — or once Go itself has sent any ICMP to us
   * (a ping), after which every ICMP packet from us matches that flow. The RST of a TCP reject
   * always gets in (it matches the TCP flow).
   */
  @Test
  void icmpUnreachableReachesAGo161HostOnlyThroughAnIcmpRuleOrAnIcmpFlow(InteropLab lab)
      throws Exception {
    FirewallPolicy goWithoutIcmp = FirewallPolicy.builder()
        .outbound(FirewallRule.anyAny())
        .inbound(FirewallRule.builder().port(5432).proto(Protocol.TCP).host("any").build())
        .build();
    JavaGoPair p =
        JavaGoPair.start(lab, lab.nebulaCertCa("My New CA"), Cipher.AES,
            c -> c.firewallPolicy(javaFirewall(FirewallAction.REJECT)),
            c -> c.firewallPolicy(goWithoutIcmp));
    JavaNebula java = p.java();
    Netns go = p.goNs();
    java.node().connect(GO_IP).get(HANDSHAKE.toSeconds(), TimeUnit.SECONDS);
    // Go's firewall drops our echo requests
    assertThat(java.ping(GO_IP, Duration.ofSeconds(1))).isEmpty();

    long sentBefore = java.tunnel(GO_IP).orElseThrow().packetsSent();
    UdpProbe udp = go.udpProbe(JAVA_IP, UDP_CLOSED, "to 5001\n", Duration.ofSeconds(2));
    assertThat(udp.outcome()).as(udp.result().describe()).isEqualTo(UdpProbe.Outcome.SILENT);
    // we did answer: the unreachable went into the tunnel, Go's firewall dropped it
    assertThat(java.tunnel(GO_IP).orElseThrow().packetsSent()).isGreaterThan(sentBefore);
    TcpProbe ssh = go.tcpConnect(JAVA_IP, 22, Duration.ofSeconds(20));
    assertThat(ssh.outcome()).as(ssh.result().describe()).isEqualTo(TcpProbe.Outcome.REFUSED);

    // once Go has pinged us, its ICMP flow admits our ICMP of any kind
    PingResult ping = go.ping(JAVA_IP, 2);
    assertThat(ping.received()).as(ping.output()).isPositive();
    UdpProbe again = go.udpProbe(JAVA_IP, UDP_CLOSED, "to 5001\n", Duration.ofSeconds(20));
    assertThat(again.outcome()).as(again.result().describe()).isEqualTo(UdpProbe.Outcome.UNREACHABLE);
    assertThat(java.ping(GO_IP, REPLY)).isPresent();
  }

  /** Every raw packet queued at the device, parsed as IPv4 TCP (other packets fail the test). */
  static List<TcpSegment> drainRawPackets(UserspaceDevice device) throws IOException {
    List<TcpSegment> out = new ArrayList<>();
    while (true) {
      byte[] packet;
      try {
        packet = device.receivePacket(Duration.ZERO);
      } catch (SocketTimeoutException e) {
        return out;
      }
      out.add(TcpSegment.parse(packet));
    }
  }

  /** The fields of an IPv4 TCP segment the test looks at. */
  record TcpSegment(InetAddress source, InetAddress destination, int sourcePort, int destinationPort, int flags) {
    static TcpSegment parse(byte[] p) {
      assertThat(p.length).as("packet length").isGreaterThanOrEqualTo(40);
      assertThat(p[0] >> 4).as("IP version of %s", Arrays.toString(p)).isEqualTo(4);
      assertThat(p[9] & 0xFF).as("protocol (TCP = 6) of %s", Arrays.toString(p)).isEqualTo(6);
      int ihl = (p[0] & 0x0F) * 4;
      try {
        return new TcpSegment(
            InetAddress.getByAddress(Arrays.copyOfRange(p, 12, 16)),
            InetAddress.getByAddress(Arrays.copyOfRange(p, 16, 20)),
            ((p[ihl] & 0xFF) << 8) | (p[ihl + 1] & 0xFF),
            ((p[ihl + 2] & 0xFF) << 8) | (p[ihl + 3] & 0xFF),
            p[ihl + 13] & 0xFF);
      } catch (UnknownHostException e) {
        throw new AssertionError(e);
      }
    }
  }

  /** Answers every datagram on a Java UDP socket with its own payload; records the payloads. */
  static final class UdpEchoLoop implements AutoCloseable {
    private final UserspaceUdpSocket socket;
    private final List<String> received = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    private volatile Throwable failure;

    UdpEchoLoop(UserspaceUdpSocket socket) {
      this.socket = socket;
      this.thread = new Thread(this::run, "java-udp-echo-" + socket.port());
      thread.setDaemon(true);
      thread.start();
    }

    private void run() {
      try {
        while (true) {
          OverlayDatagram d = socket.receive(Duration.ofDays(1));
          received.add(new String(d.payload(), java.nio.charset.StandardCharsets.UTF_8));
          socket.send(d.source(), d.payload());
        }
      } catch (DeviceClosedException e) {
        // closed by the test: done
      } catch (IOException | RuntimeException e) {
        failure = e;
      }
    }

    List<String> received() {
      synchronized (received) {
        return List.copyOf(received);
      }
    }

    @Override
    public void close() throws InterruptedException {
      socket.close();
      thread.join(5000);
      if (failure != null) {
        throw new UncheckedIOException(new IOException("echo loop failed", failure));
      }
    }
  }
}
