package dev.nebula4j.interop;

import static dev.nebula4j.interop.JavaGoPair.GO_IP;
import static dev.nebula4j.interop.JavaGoPair.JAVA_IP;
import static dev.nebula4j.interop.JavaGoPair.JAVA_NAME;
import static dev.nebula4j.interop.JavaGoPair.UDP_ECHO_PORT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nebula4j.config.Cipher;
import dev.nebula4j.interop.harness.GoNebula;
import dev.nebula4j.interop.harness.InteropLab;
import dev.nebula4j.interop.harness.InteropTest;
import dev.nebula4j.interop.harness.JavaCertIssuer;
import dev.nebula4j.interop.harness.JavaNebula;
import dev.nebula4j.interop.harness.PingResult;
import dev.nebula4j.interop.harness.UdpEchoServer;
import dev.nebula4j.node.TunnelInfo;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, acceptance 2: the Go node restarted in the middle of a test — gracefully (SIGTERM: Go
 * sends closeTunnel) and by a crash (SIGKILL: the Java node keeps a stale tunnel) — and the tunnel
 * re-established with traffic flowing again, whichever side sends first afterwards. Also the
 * reverse crash: the Java node dies without telling Go, and Go 1.6.1 needs four recv_errors on its
 * stale tunnel before it handshakes anew.
 */
@InteropTest
class JavaGoRestartTest {
  private static final Duration HANDSHAKE = Duration.ofSeconds(15);
  private static final Duration RECOVERY = Duration.ofSeconds(30);
  private static final Duration EVENT = Duration.ofSeconds(10);

  @Test
  void gracefulGoRestartClosesTheTunnelAndJavaReestablishesIt(InteropLab lab) {
    JavaGoPair p = JavaGoPair.start(lab, lab.nebulaCertCa("My New CA"), Cipher.AES);
    JavaNebula java = p.java();
    GoNebula go = p.go();
    java.awaitPingReply(GO_IP, HANDSHAKE);
    TunnelInfo before = java.tunnel(GO_IP).orElseThrow();
    JavaNebula.EventMark mark = java.mark();

    go.stop();
    assertThat(go.hasLog("msg=\"Caught signal, shutting down\"")).as(go.tail(5)).isTrue();
    // SIGTERM: Go 1.6.1 sends closeTunnel to its peers before it exits
    java.waitForEventAfter(mark, "tunnelDown " + GO_IP.getHostAddress() + " PEER_CLOSED", EVENT);
    assertThat(java.tunnel(GO_IP)).isEmpty();
    // nobody answers while Go is down: the replies really come from Go
    assertThat(java.ping(GO_IP, Duration.ofSeconds(1))).isEmpty();

    go.start();
    UdpEchoServer echo = lab.udpEcho(p.goNs(), UDP_ECHO_PORT);
    java.awaitPingReply(GO_IP, RECOVERY);
    TunnelInfo after = java.tunnel(GO_IP).orElseThrow();
    assertThat(after.initiator()).isTrue();
    assertThat(after.localIndex()).isNotEqualTo(before.localIndex());
    go.waitForLog("msg=\"Handshake message received\".*certName=" + JAVA_NAME, EVENT);
    JavaGoTunnelTest.assertTrafficBothWays(p, echo);
  }

  @Test
  void crashedGoNodeAnswersTheStaleTunnelWithRecvErrorAndJavaRehandshakes(InteropLab lab) {
    JavaGoPair p = JavaGoPair.start(lab, JavaCertIssuer.create("My New CA"), Cipher.CHACHAPOLY);
    JavaNebula java = p.java();
    GoNebula go = p.go();
    java.awaitPingReply(GO_IP, HANDSHAKE);
    TunnelInfo before = java.tunnel(GO_IP).orElseThrow();

    go.kill();
    // SIGKILL: no closeTunnel, the Java node still believes in its tunnel
    assertThat(java.tunnel(GO_IP)).isPresent();
    assertThat(java.ping(GO_IP, Duration.ofSeconds(1))).isEmpty();

    go.start();
    JavaNebula.EventMark mark = java.mark();
    long recvErrorsBefore = java.stats().recvErrorsReceived();
    // the next packet on the stale tunnel reaches a Go process that does not know its index; Go
    // answers recv_error, the Java node drops the tunnel (it acts on the first one) and the
    // following packet starts a new handshake
    java.awaitPingReply(GO_IP, RECOVERY);
    java.waitForEventAfter(mark, "tunnelDown " + GO_IP.getHostAddress() + " RECV_ERROR", EVENT);
    assertThat(java.stats().recvErrorsReceived()).isGreaterThan(recvErrorsBefore);
    TunnelInfo after = java.tunnel(GO_IP).orElseThrow();
    assertThat(after.initiator()).isTrue();
    assertThat(after.localIndex()).isNotEqualTo(before.localIndex());

    UdpEchoServer echo = lab.udpEcho(p.goNs(), UDP_ECHO_PORT);
    JavaGoTunnelTest.assertTrafficBothWays(p, echo);
  }

  @Test
  void crashedGoNodeHandshakesAnewAndReplacesTheStaleTunnel(InteropLab lab) {
    JavaGoPair p = JavaGoPair.start(lab, lab.nebulaCertCa("My New CA"), Cipher.AES);
    JavaNebula java = p.java();
    GoNebula go = p.go();
    p.goNs().awaitPingReply(JAVA_IP, HANDSHAKE);
    TunnelInfo before = java.tunnel(GO_IP).orElseThrow();

    go.kill();
    go.start();
    JavaNebula.EventMark mark = java.mark();
    // Go sends first: the restarted process knows no tunnel and handshakes; the Java node accepts
    // the newer handshake from the same peer in place of the stale tunnel
    p.goNs().awaitPingReply(JAVA_IP, RECOVERY);
    java.waitForEventAfter(mark, "tunnelDown " + GO_IP.getHostAddress() + " REPLACED", EVENT);
    TunnelInfo after = java.tunnel(GO_IP).orElseThrow();
    assertThat(after.initiator()).isFalse();
    assertThat(after.localIndex()).isNotEqualTo(before.localIndex());
    assertThat(java.node().tunnels()).hasSize(1);

    UdpEchoServer echo = lab.udpEcho(p.goNs(), UDP_ECHO_PORT);
    JavaGoTunnelTest.javaPingsAndUdpEchoesThroughTheTunnel(p, echo);
    // nothing went through the stale tunnel: Java's sends use the new one
    assertThat(java.stats().recvErrorsReceived()).isZero();
  }

  @Test
  void crashedJavaNodeIsAnsweredWithRecvErrorsUntilGo161GivesUpItsStaleTunnel(InteropLab lab) {
    JavaGoPair p = JavaGoPair.start(lab, lab.nebulaCertCa("My New CA"), Cipher.AES);
    JavaNebula java = p.java();
    p.goNs().awaitPingReply(JAVA_IP, HANDSHAKE);
    GoNebula.LogMark goMark = p.go().mark();

    // the Java node dies without a word: its closeTunnel is lost on the unplugged link
    p.link().disconnect();
    java.stop();
    p.link().reconnect();
    java.start();
    assertThat(java.stats().tunnels()).isZero();

    // Go still sends on its old tunnel; the new Java node answers each packet with recv_error,
    // and 1.6.1 ignores the first three per tunnel: only after the fourth does it drop the
    // tunnel and handshake anew
    int attempts = p.goNs().awaitPingReply(JAVA_IP, RECOVERY);
    assertThat(java.stats().recvErrorsSent()).as("recv_errors sent, %d pings", attempts)
        .isGreaterThanOrEqualTo(4);
    assertThat(attempts).isGreaterThanOrEqualTo(2);
    TunnelInfo fresh = java.tunnel(GO_IP).orElseThrow();
    assertThat(fresh.initiator()).isFalse();
    p.go().waitForLogAfter(
        goMark, Pattern.compile("msg=\"Handshake message received\".*certName=" + JAVA_NAME), EVENT);

    PingResult fromGo = p.goNs().ping(JAVA_IP, 3);
    assertThat(fromGo.allReplied()).as(fromGo.output()).isTrue();
    assertThat(java.ping(GO_IP, Duration.ofSeconds(5))).isPresent();
    byte[] payload = "after the crash".getBytes(StandardCharsets.UTF_8);
    lab.udpEcho(p.goNs(), UDP_ECHO_PORT);
    assertThat(java.udpRequest(new InetSocketAddress(GO_IP, UDP_ECHO_PORT), payload, EVENT))
        .hasValueSatisfying(d -> assertThat(d.payload()).isEqualTo(payload));
  }
}
