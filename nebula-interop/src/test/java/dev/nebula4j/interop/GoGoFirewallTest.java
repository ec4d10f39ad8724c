package dev.nebula4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nebula4j.interop.harness.InteropLab;
import dev.nebula4j.interop.harness.InteropTest;
import dev.nebula4j.interop.harness.Netns;
import dev.nebula4j.interop.harness.TcpListener;
import dev.nebula4j.interop.harness.TcpProbe;
import dev.nebula4j.interop.harness.TutorialMesh;
import dev.nebula4j.interop.harness.UdpEchoServer;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The tutorial nodes' Go firewall (inbound ICMP, TCP 5432 and 8008; outbound anything) seen from
 * the peer: what it admits arrives from the overlay address, what it does not is silently dropped
 * even though something listens.
 */
@InteropTest
class GoGoFirewallTest {
  private static final Duration CONNECT = Duration.ofSeconds(2);

  @Test
  void postgresAndPatroniAreAdmittedSshAndUdpAreDropped(InteropLab lab) {
    TutorialMesh mesh = TutorialMesh.start(lab);
    Netns n2 = mesh.node2().netns();
    Netns n3 = mesh.node3().netns();
    InetAddress n3Overlay = mesh.node3().overlayAddress();
    TcpListener postgres = lab.tcpListener(n3, 5432);
    TcpListener patroni = lab.tcpListener(n3, 8008);
    TcpListener ssh = lab.tcpListener(n3, 22);
    UdpEchoServer udp = lab.udpEcho(n3, 5432);
    n2.awaitPingReply(n3Overlay, Duration.ofSeconds(10));

    // admitted inbound on node3; the SYN-ACK gets back into node2 through node2's conntrack
    TcpProbe toPostgres = n2.tcpConnect(n3Overlay, 5432, CONNECT);
    assertThat(toPostgres.outcome()).as(toPostgres.result().describe()).isEqualTo(TcpProbe.Outcome.CONNECTED);
    assertThat(toPostgres.echoed()).isTrue();
    assertThat(postgres.awaitAccepted(1, CONNECT).getAddress().getHostAddress()).isEqualTo("10.10.10.2");
    TcpProbe toPatroni = n2.tcpConnect(n3Overlay, 8008, CONNECT);
    assertThat(toPatroni.outcome()).as(toPatroni.result().describe()).isEqualTo(TcpProbe.Outcome.CONNECTED);
    assertThat(patroni.awaitAccepted(1, CONNECT).getAddress().getHostAddress()).isEqualTo("10.10.10.2");

    // dropped: no RST, no connection, although sshd-like listener runs
    TcpProbe toSsh = n2.tcpConnect(n3Overlay, 22, CONNECT);
    assertThat(toSsh.outcome()).as(toSsh.result().describe()).isEqualTo(TcpProbe.Outcome.TIMED_OUT);
    assertThat(ssh.acceptedFrom()).isEmpty();
    // UDP is not in the inbound rules either
    assertThat(n2.udpRequest(n3Overlay, 5432, "hello\n", Duration.ofSeconds(1))).isEmpty();
    assertThat(udp.receivedFrom()).isEmpty();

    // control: over the bare underlay (no nebula) the same listeners answer, so the drops above
    // are nebula's firewall and not the listeners
    TcpProbe sshOnUnderlay = n2.tcpConnect(n3.underlayAddress(), 22, CONNECT);
    assertThat(sshOnUnderlay.outcome()).isEqualTo(TcpProbe.Outcome.CONNECTED);
    assertThat(ssh.awaitAccepted(1, CONNECT).getAddress()).isEqualTo(n2.underlayAddress());
    assertThat(n2.udpRequest(n3.underlayAddress(), 5432, "hello\n", Duration.ofSeconds(2))).isEqualTo("hello\n");
    // the first connection/datagram the servers ever saw came over the underlay, not the overlay
    assertThat(udp.awaitDatagram(1, CONNECT).getAddress()).isEqualTo(n2.underlayAddress());
  }

  @Test
  void outboundAnyLetsTheNodeInitiateWhatThePeerAdmits(InteropLab lab) {
    TutorialMesh mesh = TutorialMesh.start(lab);
    Netns n2 = mesh.node2().netns();
    Netns n3 = mesh.node3().netns();
    TcpListener postgresOnN2 = lab.tcpListener(n2, 5432);
    n3.awaitPingReply(mesh.node2().overlayAddress(), Duration.ofSeconds(10));

    TcpProbe fromN3 = n3.tcpConnect(mesh.node2().overlayAddress(), 5432, CONNECT);
    assertThat(fromN3.echoed()).as(fromN3.result().describe()).isTrue();
    assertThat(postgresOnN2.awaitAccepted(1, CONNECT).getAddress().getHostAddress()).isEqualTo("10.10.10.3");
    // the lighthouse admits ICMP only
    TcpProbe toLighthouse = n3.tcpConnect(mesh.lighthouse().overlayAddress(), 5432, CONNECT);
    assertThat(toLighthouse.outcome()).isEqualTo(TcpProbe.Outcome.TIMED_OUT);
  }
}
