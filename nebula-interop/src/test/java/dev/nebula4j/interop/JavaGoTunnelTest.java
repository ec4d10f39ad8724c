package dev.nebula4j.interop;

import static dev.nebula4j.interop.JavaGoPair.GO_IP;
import static dev.nebula4j.interop.JavaGoPair.GO_NAME;
import static dev.nebula4j.interop.JavaGoPair.JAVA_IP;
import static dev.nebula4j.interop.JavaGoPair.JAVA_NAME;
import static dev.nebula4j.interop.JavaGoPair.UDP_ECHO_PORT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nebula4j.config.Cipher;
import dev.nebula4j.device.OverlayDatagram;
import dev.nebula4j.interop.harness.InteropLab;
import dev.nebula4j.interop.harness.InteropTest;
import dev.nebula4j.interop.harness.JavaCertIssuer;
import dev.nebula4j.interop.harness.JavaNebula;
import dev.nebula4j.interop.harness.NebulaLogLine;
import dev.nebula4j.interop.harness.PingResult;
import dev.nebula4j.interop.harness.UdpEchoServer;
import dev.nebula4j.node.NodeStats;
import dev.nebula4j.node.PacketDropReason;
import dev.nebula4j.node.TunnelInfo;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 5, acceptance 2: an in-process Java node and Go nebula 1.6.1 (kernel tun in a namespace)
 * build a tunnel through {@code static_host_map} and carry ICMP and UDP both ways, with either
 * cipher and either side initiating. The certificates are mixed on purpose: when Go initiates, all
 * of them (the Java node's too) come from Go's {@code nebula-cert}; when Java initiates, all of
 * them (the Go node's too) come from nebula4j's {@code CertificateAuthority}.
 */
@InteropTest
class JavaGoTunnelTest {
  static final Duration HANDSHAKE = Duration.ofSeconds(15);
  static final Duration REPLY = Duration.ofSeconds(5);

  @ParameterizedTest(name = "cipher {0}")
  @EnumSource(Cipher.class)
  void goInitiatesWithNebulaCertCertificatesAndTrafficFlowsBothWays(Cipher cipher, InteropLab lab) {
    JavaGoPair p = JavaGoPair.start(lab, lab.nebulaCertCa("My New CA"), cipher);
    UdpEchoServer echo = lab.udpEcho(p.goNs(), UDP_ECHO_PORT);

    // Go pings first: its kernel's echo request makes Go nebula initiate the handshake
    p.goNs().awaitPingReply(JAVA_IP, HANDSHAKE);
    PingResult fromGo = p.goNs().ping(JAVA_IP, 5);
    assertThat(fromGo.allReplied()).as(fromGo.output()).isTrue();
    assertThat(fromGo.duplicates()).isZero();

    TunnelInfo t = p.java().tunnel(GO_IP).orElseThrow();
    assertThat(t.initiator()).isFalse();
    assertThat(t.peerName()).isEqualTo(GO_NAME);
    assertThat(t.cipher()).isEqualTo(cipher);
    assertThat(t.remoteAddress()).isEqualTo(p.goEndpoint());
    assertThat(p.java().stats().handshakesInitiated()).isZero();
    // Go verified the Java node's (nebula-cert made) certificate and names it
    NebulaLogLine hs = p.go().waitForLog("msg=\"Handshake message received\".*certName=" + JAVA_NAME, REPLY);
    assertThat(hs.field("vpnIp")).contains(JAVA_IP.getHostAddress());
    assertThat(hs.field("udpAddr")).contains(p.java().underlayHostPort());

    javaPingsAndUdpEchoesThroughTheTunnel(p, echo);
    assertNoCryptoOrFirewallDrops(p.java().stats());
  }

  @ParameterizedTest(name = "cipher {0}")
  @EnumSource(Cipher.class)
  void javaInitiatesWithNebula4jCertificatesAndTrafficFlowsBothWays(Cipher cipher, InteropLab lab) {
    JavaGoPair p = JavaGoPair.start(lab, JavaCertIssuer.create("My New CA"), cipher);
    UdpEchoServer echo = lab.udpEcho(p.goNs(), UDP_ECHO_PORT);

    // Java sends first: its echo request is cached behind the handshake it starts, then flushed
    JavaNebula java = p.java();
    assertThat(java.awaitPingReply(GO_IP, HANDSHAKE)).isEqualTo(1);
    TunnelInfo t = java.tunnel(GO_IP).orElseThrow();
    assertThat(t.initiator()).isTrue();
    assertThat(t.peerName()).isEqualTo(GO_NAME);
    assertThat(t.cipher()).isEqualTo(cipher);
    assertThat(t.remoteAddress()).isEqualTo(p.goEndpoint());
    assertThat(java.stats().handshakesInitiated()).isEqualTo(1);
    java.waitForEvent("handshakeCompleted " + GO_IP.getHostAddress() + " " + GO_NAME, REPLY);
    // Go answered the handshake, having verified the nebula4j-made certificate
    NebulaLogLine hs = p.go().waitForLog("msg=\"Handshake message received\".*certName=" + JAVA_NAME, REPLY);
    assertThat(hs.field("udpAddr")).contains(p.java().underlayHostPort());

    javaPingsAndUdpEchoesThroughTheTunnel(p, echo);

    // and Go's own pings of the Java node use the same tunnel
    PingResult fromGo = p.goNs().ping(JAVA_IP, 5);
    assertThat(fromGo.allReplied()).as(fromGo.output()).isTrue();
    assertThat(java.tunnel(GO_IP).orElseThrow().localIndex()).isEqualTo(t.localIndex());
    assertThat(java.stats().handshakesCompleted()).isEqualTo(1);
    assertNoCryptoOrFirewallDrops(java.stats());
  }

  /** ICMP echo from the Java device answered by Go's kernel; UDP echoed by socat behind Go. */
  static void javaPingsAndUdpEchoesThroughTheTunnel(JavaGoPair p, UdpEchoServer echo) {
    JavaNebula java = p.java();
    for (int i = 0; i < 5; i++) {
      assertThat(java.ping(GO_IP, REPLY)).as("echo reply %d from Go's kernel", i).isPresent();
    }
    for (int i = 0; i < 3; i++) {
      byte[] payload = ("datagram " + i + " " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
      Optional<OverlayDatagram> answer =
          java.udpRequest(new InetSocketAddress(GO_IP, UDP_ECHO_PORT), payload, REPLY);
      assertThat(answer).as("UDP echo %d", i).isPresent();
      assertThat(answer.get().payload()).isEqualTo(payload);
      assertThat(answer.get().source()).isEqualTo(new InetSocketAddress(GO_IP, UDP_ECHO_PORT));
      // socat saw it come from the Java node's overlay address, i.e. out of Go's tun
      assertThat(echo.awaitDatagram(i + 1, REPLY).getAddress()).isEqualTo(JAVA_IP);
    }
  }

  /** {@link #javaPingsAndUdpEchoesThroughTheTunnel}, then Go's kernel pings the Java node. */
  static void assertTrafficBothWays(JavaGoPair p, UdpEchoServer echo) {
    javaPingsAndUdpEchoesThroughTheTunnel(p, echo);
    PingResult fromGo = p.goNs().ping(JAVA_IP, 3);
    assertThat(fromGo.allReplied()).as(fromGo.output()).isTrue();
  }

  static void assertNoCryptoOrFirewallDrops(NodeStats s) {
    assertThat(s.drops(PacketDropReason.DECRYPT_FAILED)).as("%s", s).isZero();
    assertThat(s.drops(PacketDropReason.REPLAYED)).as("%s", s).isZero();
    assertThat(s.drops(PacketDropReason.FIREWALL_INBOUND)).as("%s", s).isZero();
    assertThat(s.drops(PacketDropReason.UNKNOWN_INDEX)).as("%s", s).isZero();
    assertThat(s.tunnels()).isEqualTo(1);
  }
}
