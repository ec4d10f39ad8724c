package dev.nebula4j.node;

import static dev.nebula4j.node.NodeTestKit.await;
import static dev.nebula4j.node.NodeTestKit.ip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nebula4j.cert.HostCredential;
import dev.nebula4j.cert.HostSpec;
import dev.nebula4j.config.NebulaConfig;
import dev.nebula4j.device.UserspaceDevice;
import dev.nebula4j.udp.MemoryNetwork;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tunnels that break and mend: a peer that lost its state answers with recv_error, a restarted
 * peer handshakes again, a silent peer is found dead, an expired certificate is disconnected. Two
 * nodes on an in-memory underlay (198.18.0.1 and .2, port 4242) with one manual clock.
 */
class NodeRecoveryTest {
  final NodeTestKit kit = new NodeTestKit();
  final HostCredential alpha = kit.host("alpha", "10.45.0.1/24");
  final HostCredential beta = kit.host("beta", "10.45.0.2/24");
  final MemoryNetwork network = new MemoryNetwork();
  final ManualScheduler time = new ManualScheduler();
  final NodeTestKit.RecordingListener eventsA = new NodeTestKit.RecordingListener();
  NebulaNode a;
  NebulaNode b;
  UserspaceDevice devA;
  UserspaceDevice devB;

  @AfterEach
  void tearDown() {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
  }

  NebulaConfig config(HostCredential cred, String listen, String peerVpn, String peerUdp) {
    return kit.peerConfig(cred, listen, peerVpn, peerUdp, NodeTestKit.ALLOW_ALL);
  }

  NebulaNode startAlpha() throws IOException {
    devA = UserspaceDevice.create("10.45.0.1/24");
    NebulaNode n = NebulaNode.builder(config(alpha, "198.18.0.1", "10.45.0.2", "198.18.0.2"))
        .device(devA).underlay(network).manualTime(time).eventListener(eventsA).build();
    n.start();
    return n;
  }

  NebulaNode startBeta(HostCredential cred) throws IOException {
    devB = UserspaceDevice.create("10.45.0.2/24");
    NebulaNode n = NebulaNode.builder(config(cred, "198.18.0.2", "10.45.0.1", "198.18.0.1"))
        .device(devB).underlay(network).manualTime(time).build();
    n.start();
    return n;
  }

  boolean ping(UserspaceDevice from, String to) {
    try {
      return from.ping(ip(to), Duration.ofMillis(500)).toNanos() > 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void peerThatLostItsTunnelAnswersWithRecvErrorAndTheNextPacketBuildsANewOne()
      throws Exception {
    a = startAlpha();
    b = startBeta(beta);
    long firstIndex = a.connect(ip("10.45.0.2")).get(10, TimeUnit.SECONDS).localIndex();

    // beta dies without a word: its closeTunnel is lost, alpha keeps a stale tunnel
    network.setLossRate(1.0);
    b.close();
    network.setLossRate(0.0);
    assertThat(a.tunnels()).hasSize(1);
    time.advanceTimeBy(Duration.ofMillis(1));
    b = startBeta(beta);

    // alpha's next packet reaches a beta without that index: recv_error closes alpha's tunnel
    assertThat(ping(devA, "10.45.0.2")).isFalse();
    await(() -> a.tunnels().isEmpty() && !eventsA.down.isEmpty(),
        "tunnel closed by recv_error, and its tunnelDown event");
    assertThat(eventsA.down).containsExactly(TunnelCloseReason.RECV_ERROR);
    assertThat(a.stats().recvErrorsReceived()).isEqualTo(1);
    assertThat(b.stats().recvErrorsSent()).isEqualTo(1);
    assertThat(b.stats().drops(PacketDropReason.UNKNOWN_INDEX)).isEqualTo(1);

    // the packet after that starts a handshake, and the ping goes through the new tunnel
    await(() -> ping(devA, "10.45.0.2"), "ping through a new tunnel");
    TunnelInfo fresh = a.tunnel(ip("10.45.0.2")).orElseThrow();
    assertThat(fresh.localIndex()).isNotEqualTo(firstIndex);
    assertThat(fresh.initiator()).isTrue();
  }

  @Test
  void restartedPeerHandshakesAgainAndReplacesTheOldTunnel() throws Exception {
    a = startAlpha();
    b = startBeta(beta);
    TunnelInfo old = b.connect(ip("10.45.0.1")).get(10, TimeUnit.SECONDS);

    network.setLossRate(1.0);
    b.close();
    network.setLossRate(0.0);
    time.advanceTimeBy(Duration.ofMillis(1)); // the restarted beta's handshake is newer
    b = startBeta(beta);
    TunnelInfo fresh = b.connect(ip("10.45.0.1")).get(10, TimeUnit.SECONDS);

    // alpha installs the new tunnel, then closes the one it replaces: wait for that event too
    await(() -> a.tunnel(ip("10.45.0.2")).map(t -> t.remoteIndex() == fresh.localIndex())
        .orElse(false) && !eventsA.down.isEmpty(), "alpha uses beta's new tunnel");
    assertThat(a.tunnels()).hasSize(1);
    assertThat(eventsA.down).containsExactly(TunnelCloseReason.REPLACED);
    assertThat(fresh.localIndex()).isNotEqualTo(old.localIndex());
    assertThat(ping(devB, "10.45.0.1")).isTrue();
    assertThat(ping(devA, "10.45.0.2")).isTrue();
  }

  @Test
  void packetsLostOnTheWayAreCountedOnceTheyLeaveTheReplayWindow() throws Exception {
    a = startAlpha();
    b = startBeta(beta);
    a.connect(ip("10.45.0.2")).get(10, TimeUnit.SECONDS);
    java.net.InetSocketAddress sink = new java.net.InetSocketAddress(ip("10.45.0.2"), 7000);
    try (var in = devB.openUdp(7000); var out = devA.openUdp(5000)) {
      network.setLossRate(1.0);
      for (int i = 0; i < 5; i++) {
        out.send(sink, new byte[] {(byte) i}); // counters 3..7, never delivered
      }
      network.setLossRate(0.0);
      int delivered = 0;
      for (int batch = 0; batch < 22; batch++) { // 1100 more, paced so no queue overflows
        for (int i = 0; i < 50; i++) {
          out.send(sink, new byte[] {1});
        }
        for (int i = 0; i < 50; i++) {
          in.receive(Duration.ofSeconds(5));
          delivered++;
        }
      }
      assertThat(delivered).isEqualTo(1100);
    }
    // beta's window has moved past counters 3..7 (1100 > 1024) without seeing them
    assertThat(b.tunnel(ip("10.45.0.1")).orElseThrow().packetsLost()).isEqualTo(5);
    assertThat(a.tunnel(ip("10.45.0.2")).orElseThrow().packetsLost()).isZero();
  }

  @Test
  void silentPeerIsTestedAndThenDeleted() throws Exception {
    a = startAlpha();
    b = startBeta(beta);
    a.connect(ip("10.45.0.2")).get(10, TimeUnit.SECONDS);
    assertThat(ping(devA, "10.45.0.2")).isTrue();
    time.advanceTimeBy(Duration.ofSeconds(5)); // traffic came back: alive, watch cleared
    assertThat(a.tunnels()).hasSize(1);

    network.setLossRate(1.0); // beta vanishes
    assertThat(ping(devA, "10.45.0.2")).isFalse(); // arms the watch
    long sentBefore = a.tunnels().get(0).packetsSent();
    time.advanceTimeBy(Duration.ofSeconds(5));
    assertThat(a.tunnels()).singleElement()
        .satisfies(t -> assertThat(t.packetsSent()).as("test request sent")
            .isEqualTo(sentBefore + 1));
    time.advanceTimeBy(Duration.ofSeconds(10));
    assertThat(a.tunnels()).isEmpty();
    assertThat(eventsA.down).containsExactly(TunnelCloseReason.DEAD);
  }

  @Test
  void oneWayTrafficIsKeptAliveByTheAnswerToTheTestRequest() throws Exception {
    a = startAlpha();
    b = startBeta(beta);
    a.connect(ip("10.45.0.2")).get(10, TimeUnit.SECONDS);
    try (var socket = devA.openUdp(5000)) {
      // datagrams to a port beta does not answer on: traffic only goes one way
      socket.send(new java.net.InetSocketAddress(ip("10.45.0.2"), 9), new byte[] {1});
      await(() -> b.stats().packetsToDevice() == 1, "datagram delivered");
      long receivedBefore = a.tunnels().get(0).packetsReceived();
      time.advanceTimeBy(Duration.ofSeconds(5)); // no inbound: alpha sends a test request
      await(() -> a.tunnels().get(0).packetsReceived() == receivedBefore + 1,
          "beta's test reply received");
      time.advanceTimeBy(Duration.ofSeconds(10)); // the reply counts as inbound: still alive
      assertThat(a.tunnels()).hasSize(1);
      assertThat(eventsA.down).isEmpty();
      // beta counts the reply after handing it to the underlay: wait for that, then check that it
      // is all beta ever sent through the tunnel
      await(() -> b.tunnels().get(0).packetsSent() == 1, "beta counted its test reply");
      assertThat(b.tunnels().get(0).packetsSent()).isEqualTo(1);
    }
  }

  @Test
  void busyTunnelStaysUp() throws Exception {
    a = startAlpha();
    b = startBeta(beta);
    a.connect(ip("10.45.0.2")).get(10, TimeUnit.SECONDS);
    for (int i = 0; i < 6; i++) {
      assertThat(ping(devA, "10.45.0.2")).isTrue();
      time.advanceTimeBy(Duration.ofSeconds(5));
    }
    assertThat(a.tunnels()).hasSize(1);
    assertThat(eventsA.down).isEmpty();
  }

  @Test
  void tunnelIsClosedOnceThePeerCertificateExpires() throws Exception {
    // valid from the manual clock's "now": signed later than the clock was made, a default
    // notBefore (the signing second) could lie after it, and the node would refuse to build
    HostCredential shortLived = kit.ca.sign(HostSpec.named("beta").network("10.45.0.2/24")
        .notBefore(time.now()).validFor(Duration.ofHours(1)));
    a = startAlpha();
    b = startBeta(shortLived);
    a.connect(ip("10.45.0.2")).get(10, TimeUnit.SECONDS);
    time.advanceTimeBy(Duration.ofMinutes(61)); // beta's certificate is now expired
    ping(devA, "10.45.0.2"); // outbound traffic arms the check
    time.advanceTimeBy(Duration.ofSeconds(5));
    assertThat(a.tunnels()).isEmpty();
    assertThat(eventsA.down).containsExactly(TunnelCloseReason.CERT_INVALID);
    // the closeTunnel reached beta
    await(() -> b.tunnels().isEmpty(), "beta received closeTunnel");
  }
}
