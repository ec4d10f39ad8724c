package dev.nebula4j.interop;

import static dev.nebula4j.interop.JavaGoPair.GO_IP;
import static dev.nebula4j.interop.JavaGoPair.GO_NAME;
import static dev.nebula4j.interop.JavaGoPair.JAVA_IP;
import static dev.nebula4j.interop.JavaGoPair.JAVA_NAME;
import static dev.nebula4j.interop.JavaGoPair.UDP_ECHO_PORT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nebula4j.config.Cipher;
import dev.nebula4j.interop.harness.InteropLab;
import dev.nebula4j.interop.harness.InteropTest;
import dev.nebula4j.interop.harness.JavaCertIssuer;
import dev.nebula4j.interop.harness.JavaNebula;
import dev.nebula4j.interop.harness.NebulaLogLine;
import dev.nebula4j.interop.harness.PingResult;
import dev.nebula4j.interop.harness.TutorialConfigs;
import dev.nebula4j.interop.harness.UdpEchoServer;
import dev.nebula4j.node.TunnelInfo;
import java.net.Inet6Address;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, "UDP underlay: listen.host/listen.port (IPv4 and IPv6)" against Go nebula 1.6.1: the
 * Java node and Go talk over an IPv6 underlay ({@code fd18:<k>::/64} inside the test's
 * namespaces and on the JVM link). The Java node's socket is bound to its IPv6 link address, so
 * nothing can go over IPv4; Go 1.6.1 listens on {@code ::} (its AF_INET6 socket serves both
 * families) and finds the Java node through {@code static_host_map: {"10.10.10.5":
 * ["[fd18:<k>::1]:4242"]}}. Traffic flows both ways with either side initiating.
 */
@InteropTest
class JavaGoIpv6UnderlayTest {
  private static final Duration HANDSHAKE = Duration.ofSeconds(15);
  private static final Duration REPLY = Duration.ofSeconds(5);

  @Test
  void goPingsTheJavaNodeOverIpv6AndJavaTrafficReturnsTheSameWay(InteropLab lab) {
    JavaGoPair p = JavaGoPair.startOverIpv6(lab, lab.nebulaCertCa("My New CA"), Cipher.AES, c -> {});
    assertIpv6Endpoints(p);
    UdpEchoServer echo = lab.udpEcho(p.goNs(), UDP_ECHO_PORT);

    p.goNs().awaitPingReply(JAVA_IP, HANDSHAKE);
    PingResult fromGo = p.goNs().ping(JAVA_IP, 5);
    assertThat(fromGo.allReplied()).as(fromGo.output()).isTrue();

    TunnelInfo t = p.java().tunnel(GO_IP).orElseThrow();
    assertThat(t.initiator()).isFalse();
    assertThat(t.peerName()).isEqualTo(GO_NAME);
    // Go's msg 1 came from its IPv6 address: the tunnel's remote is Go's IPv6 endpoint
    assertThat(t.remoteAddress()).isEqualTo(p.goEndpoint());
    // and Go's log names the Java node's IPv6 endpoint as it wrote it in static_host_map
    NebulaLogLine hs =
        p.go().waitForLog("msg=\"Handshake message received\".*certName=" + JAVA_NAME, REPLY);
    assertThat(hs.field("udpAddr")).contains(p.java().underlayHostPort());

    JavaGoTunnelTest.javaPingsAndUdpEchoesThroughTheTunnel(p, echo);
    JavaGoTunnelTest.assertNoCryptoOrFirewallDrops(p.java().stats());
  }

  @Test
  void javaInitiatesOverIpv6ToAGoNodeListeningOnAllAddresses(InteropLab lab) {
    JavaGoPair p =
        JavaGoPair.startOverIpv6(lab, JavaCertIssuer.create("My New CA"), Cipher.CHACHAPOLY, c -> {});
    assertIpv6Endpoints(p);
    UdpEchoServer echo = lab.udpEcho(p.goNs(), UDP_ECHO_PORT);
    JavaNebula java = p.java();

    // the first echo request waits behind the handshake to [fd18:<k>::2]:4242 and is answered
    assertThat(java.awaitPingReply(GO_IP, HANDSHAKE)).isEqualTo(1);
    TunnelInfo t = java.tunnel(GO_IP).orElseThrow();
    assertThat(t.initiator()).isTrue();
    assertThat(t.cipher()).isEqualTo(Cipher.CHACHAPOLY);
    // Go answered from the address we sent to (its "::" socket replies from fd18:<k>::2)
    assertThat(t.remoteAddress()).isEqualTo(p.goEndpoint());
    NebulaLogLine hs =
        p.go().waitForLog("msg=\"Handshake message received\".*certName=" + JAVA_NAME, REPLY);
    assertThat(hs.field("udpAddr")).contains(p.java().underlayHostPort());

    JavaGoTunnelTest.javaPingsAndUdpEchoesThroughTheTunnel(p, echo);
    PingResult fromGo = p.goNs().ping(JAVA_IP, 5);
    assertThat(fromGo.allReplied()).as(fromGo.output()).isTrue();
    assertThat(java.tunnel(GO_IP).orElseThrow().localIndex()).isEqualTo(t.localIndex());
    JavaGoTunnelTest.assertNoCryptoOrFirewallDrops(java.stats());
  }

  @Test
  void goOnTheTutorialsIpv4ListenHostCannotUseTheIpv6Underlay(InteropLab lab) {
    // node.yaml's listen.host 0.0.0.0: 1.6.1 binds its AF_INET6 socket to ::ffff:0.0.0.0, which
    // serves IPv4 only, so "::" is what an IPv6 static_host_map entry needs
    JavaGoPair p = JavaGoPair.startOverIpv6(
        lab, lab.nebulaCertCa("My New CA"), Cipher.AES, c -> c.listen(l -> l.host("0.0.0.0")));
    assertThat(p.goNs().exec("ss", "-uanH", "sport", "=", ":" + TutorialConfigs.PORT).stdout())
        .contains("[::ffff:0.0.0.0]:" + TutorialConfigs.PORT);

    PingResult fromGo = p.goNs().ping(JAVA_IP, 1);
    assertThat(fromGo.received()).isZero();
    NebulaLogLine failed = p.go().waitForMessage("Failed to send handshake message", REPLY);
    assertThat(failed.field("error")).hasValueSatisfying(
        e -> assertThat(e).contains("address family not supported"));
    assertThat(failed.field("udpAddr")).contains(p.java().underlayHostPort());
    // and the Java node's msg 1 to Go's IPv6 address finds no socket there
    assertThat(p.java().ping(GO_IP, Duration.ofSeconds(1))).isEmpty();
    assertThat(p.java().stats().tunnels()).isZero();
    assertThat(p.java().stats().datagramsReceived()).isZero();
  }

  /** The setup really is IPv6 on both ends: Java's socket, Go's config and listen.host. */
  private static void assertIpv6Endpoints(JavaGoPair p) {
    assertThat(p.java().node().listenAddress().getAddress())
        .isInstanceOf(Inet6Address.class)
        .isEqualTo(p.link().jvmAddress6());
    assertThat(p.goEndpoint().getAddress()).isEqualTo(p.goNs().underlayAddress6());
    String goYaml = p.go().config().orElseThrow().toYaml();
    assertThat(goYaml).contains(TutorialConfigs.hostPort(p.java().underlayEndpoint()));
    assertThat(p.go().config().orElseThrow().listen().host()).isEqualTo("::");
    // the underlay added no default route anywhere
    assertThat(p.goNs().routes6()).noneMatch(r -> r.startsWith("default"));
    assertThat(p.link().rootRoutes6()).noneMatch(r -> r.startsWith("default"));
  }
}
