package dev.nebula4j.interop;

import static dev.nebula4j.interop.JavaGoPair.GO_CIDR;
import static dev.nebula4j.interop.JavaGoPair.GO_IP;
import static dev.nebula4j.interop.JavaGoPair.GO_NAME;
import static dev.nebula4j.interop.JavaGoPair.JAVA_CIDR;
import static dev.nebula4j.interop.JavaGoPair.JAVA_IP;
import static dev.nebula4j.interop.JavaGoPair.JAVA_NAME;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nebula4j.config.Cipher;
import dev.nebula4j.config.LoggingConfig;
import dev.nebula4j.config.NebulaConfig;
import dev.nebula4j.firewall.FirewallAction;
import dev.nebula4j.firewall.FirewallPolicy;
import dev.nebula4j.firewall.FirewallRule;
import dev.nebula4j.firewall.Protocol;
import dev.nebula4j.interop.harness.GoNebula;
import dev.nebula4j.interop.harness.InteropLab;
import dev.nebula4j.interop.harness.InteropTest;
import dev.nebula4j.interop.harness.Netns;
import dev.nebula4j.interop.harness.NebulaCertIssuer;
import dev.nebula4j.interop.harness.PingResult;
import dev.nebula4j.interop.harness.TutorialConfigs;
import dev.nebula4j.interop.harness.UdpProbe;
import dev.nebula4j.interop.harness.Underlay;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, acceptance 2: the Java node as {@code bin/nebula -config FILE} with {@code
 * tun.disabled: true}, a process in its own namespace like a Go host, certificates from Go's
 * {@code nebula-cert}. Go 1.6.1's kernel pings its overlay address and the node itself answers;
 * Go's UDP datagrams are decrypted and go through the node's firewall: an admitted one is taken
 * and discarded (there is no device, as in Go), a refused one is answered with ICMP unreachable
 * through the tunnel. SIGTERM makes it tell Go it is leaving.
 */
@InteropTest
class CliGoTest {
  private static final Duration JVM_START = Duration.ofSeconds(60);
  private static final Duration HANDSHAKE = Duration.ofSeconds(20);
  private static final Duration LOG = Duration.ofSeconds(10);
  private static final int UDP_OPEN = 5000;
  private static final int UDP_CLOSED = 5001;

  @Test
  void binNebulaWithoutTunAnswersGoPingsAndHandlesGoUdp(InteropLab lab) {
    NebulaCertIssuer ca = lab.nebulaCertCa("My New CA");
    Underlay net = lab.newUnderlay();
    Netns goNs = net.addHost("go node " + GO_NAME);
    Netns cliNs = net.addHost("nebula4j bin/nebula " + JAVA_NAME);
    InetSocketAddress goEndpoint = new InetSocketAddress(goNs.underlayAddress(), TutorialConfigs.PORT);
    InetSocketAddress cliEndpoint = new InetSocketAddress(cliNs.underlayAddress(), TutorialConfigs.PORT);

    // the lighthouse's rules (out any, ICMP in) plus UDP 5000 in; reject the rest
    FirewallPolicy cliFirewall = TutorialConfigs.lighthouseFirewall().toBuilder()
        .inbound(FirewallRule.builder().port(UDP_OPEN).proto(Protocol.UDP).host("any").build())
        .inboundAction(FirewallAction.REJECT)
        .build();
    GoNebula cli =
        lab.nebula4jCli("bin-nebula", cliNs)
            .config(
                NebulaConfig.builder()
                    .staticHost(GO_IP.getHostAddress(), TutorialConfigs.hostPort(goEndpoint))
                    .listen(l -> l.host("0.0.0.0").port(TutorialConfigs.PORT))
                    .tun(t -> t.disabled(true))
                    .cipher(Cipher.AES)
                    .logging(l -> l.level(LoggingConfig.Level.DEBUG))
                    .firewallPolicy(cliFirewall))
            .credentials(ca.issue(JAVA_NAME, JAVA_CIDR))
            .readyTimeout(JVM_START)
            .start();
    GoNebula go =
        lab.goNebula("go", goNs)
            .config(
                TutorialConfigs.nodeWithStaticPeer(JAVA_IP.getHostAddress(), cliEndpoint)
                    .firewallPolicy(JavaGoPair.goFirewall()))
            .credentials(ca.issue(GO_NAME, GO_CIDR))
            .start();

    // no device and no overlay route in the node's namespace: only the node can answer
    assertThat(cliNs.exec("ip", "link", "show", "nebula1").succeeded()).isFalse();
    assertThat(cliNs.routes()).noneMatch(r -> r.contains("10.10.10."));

    goNs.awaitPingReply(JAVA_IP, HANDSHAKE);
    PingResult ping = goNs.ping(JAVA_IP, 5);
    assertThat(ping.allReplied()).as(ping.output()).isTrue();
    assertThat(ping.duplicates()).isZero();
    go.waitForLog("msg=\"Handshake message received\".*certName=" + JAVA_NAME, LOG);
    cli.waitForLog("Handshake completed as responder.*certName=" + GO_NAME, LOG);

    // admitted by the firewall, then discarded: without a device there is nowhere to deliver it
    // (Go with tun.disabled does the same); the node logs the drop at debug level
    goNs.udpSend(JAVA_IP, UDP_OPEN, "to 5000\n");
    cli.waitForLog("DEVICE_REFUSED", LOG);
    // refused by the firewall: the reject goes back through the tunnel as ICMP unreachable
    UdpProbe refused = goNs.udpProbe(JAVA_IP, UDP_CLOSED, "to 5001\n", Duration.ofSeconds(20));
    assertThat(refused.outcome()).as(refused.result().describe()).isEqualTo(UdpProbe.Outcome.UNREACHABLE);
    cli.waitForLog("FIREWALL_INBOUND", LOG);
    // and the tunnel carries on
    assertThat(goNs.ping(JAVA_IP, 2).allReplied()).isTrue();

    GoNebula.LogMark mark = go.mark();
    cli.stop();
    assertThat(cli.hasLog("msg=\"?Goodbye")).as(cli.tail(10)).isTrue();
    go.waitForLogAfter(
        mark,
        Pattern.compile("msg=\"Close tunnel received, tearing down.\".*vpnIp=" + JAVA_IP.getHostAddress()),
        LOG);
  }
}
