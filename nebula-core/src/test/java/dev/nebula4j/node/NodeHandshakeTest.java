package dev.nebula4j.node;

import static dev.nebula4j.node.NodeTestKit.await;
import static dev.nebula4j.node.NodeTestKit.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nebula4j.cert.HostCredential;
import dev.nebula4j.device.OverlayDatagram;
import dev.nebula4j.device.UserspaceDevice;
import dev.nebula4j.device.UserspaceUdpSocket;
import dev.nebula4j.firewall.FirewallPolicy;
import dev.nebula4j.firewall.FirewallRule;
import dev.nebula4j.udp.MemoryNetwork;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Handshakes seen from the node: cached packets, simultaneous initiation. */
class NodeHandshakeTest {
  final NodeTestKit kit = new NodeTestKit();
  final HostCredential alpha = kit.host("alpha", "10.46.0.1/24");
  final HostCredential beta = kit.host("beta", "10.46.0.2/24");
  final MemoryNetwork network = new MemoryNetwork();
  final ManualScheduler time = new ManualScheduler();

  NebulaNode node(HostCredential cred, String listen, String peerVpn, String peerUdp,
      UserspaceDevice device, FirewallPolicy policy) {
    return NebulaNode.builder(kit.peerConfig(cred, listen, peerVpn, peerUdp, policy))
        .device(device).underlay(network).manualTime(time).build();
  }

  @Test
  void packetsSentBeforeTheTunnelExistsAreFlushedThroughTheOutboundFirewall() throws Exception {
    // alpha may only send to UDP port 7000; its packet to port 7001 must die at the flush
    FirewallPolicy alphaPolicy = FirewallPolicy.builder()
        .inbound(FirewallRule.anyAny())
        .outbound(FirewallRule.builder().port(7000).proto("udp").host("any").build())
        .build();
    UserspaceDevice devA = UserspaceDevice.create("10.46.0.1/24");
    UserspaceDevice devB = UserspaceDevice.create("10.46.0.2/24");
    try (NebulaNode a = node(alpha, "198.18.0.1", "10.46.0.2", "198.18.0.2", devA, alphaPolicy);
        NebulaNode b = node(beta, "198.18.0.2", "10.46.0.1", "198.18.0.1", devB,
            NodeTestKit.ALLOW_ALL)) {
      b.start();
      UserspaceUdpSocket open = devB.openUdp(7000);
      UserspaceUdpSocket closed = devB.openUdp(7001);
      a.start();
      UserspaceUdpSocket from = devA.openUdp(5000);
      // beta is down to the world until these are queued: they wait in alpha's handshake cache
      network.setLossRate(1.0);
      for (int i = 0; i < 5; i++) {
        from.send(new InetSocketAddress(ip("10.46.0.2"), 7000), ("ok " + i).getBytes());
      }
      from.send(new InetSocketAddress(ip("10.46.0.2"), 7001), "blocked".getBytes());
      assertThat(a.tunnels()).isEmpty();
      assertThat(a.stats().pendingHandshakes()).isEqualTo(1);
      network.setLossRate(0.0);
      time.advanceTimeBy(Duration.ofMillis(100)); // the first retry gets through

      Set<String> got = new HashSet<>();
      for (int i = 0; i < 5; i++) {
        OverlayDatagram d = open.receive(Duration.ofSeconds(5));
        got.add(new String(d.payload(), StandardCharsets.US_ASCII));
      }
      assertThat(got).containsExactlyInAnyOrder("ok 0", "ok 1", "ok 2", "ok 3", "ok 4");
      await(() -> a.stats().drops(PacketDropReason.FIREWALL_OUTBOUND) == 1,
          "cached packet to 7001 dropped by the firewall");
      assertThatThrownBy(() -> closed.receive(Duration.ofMillis(200)))
          .isInstanceOf(java.net.SocketTimeoutException.class);
    }
  }

  @Test
  void simultaneousConnectConvergesOnOneWorkingTunnel() throws Exception {
    UserspaceDevice devA = UserspaceDevice.create("10.46.0.1/24");
    UserspaceDevice devB = UserspaceDevice.create("10.46.0.2/24");
    try (NebulaNode a = node(alpha, "198.18.0.1", "10.46.0.2", "198.18.0.2", devA,
            NodeTestKit.ALLOW_ALL);
        NebulaNode b = node(beta, "198.18.0.2", "10.46.0.1", "198.18.0.1", devB,
            NodeTestKit.ALLOW_ALL)) {
      a.start();
      b.start();
      network.setLossRate(1.0); // both send msg1 into the void...
      CompletableFuture<TunnelInfo> fa = a.connect(ip("10.46.0.2"));
      CompletableFuture<TunnelInfo> fb = b.connect(ip("10.46.0.1"));
      network.setLossRate(0.0);
      time.advanceTimeBy(Duration.ofMillis(100)); // ...and retry at the same moment
      TunnelInfo ta = fa.get(5, TimeUnit.SECONDS);
      TunnelInfo tb = fb.get(5, TimeUnit.SECONDS);
      time.advanceTimeBy(Duration.ofSeconds(6)); // leftovers of the losing handshake settle
      await(() -> a.tunnels().size() == 1 && b.tunnels().size() == 1
          && a.tunnels().get(0).localIndex() == b.tunnels().get(0).remoteIndex(), "one tunnel");
      assertThat(b.tunnels().get(0).initiator()).as("beta (higher address) initiated").isTrue();
      assertThat(ta.peerName()).isEqualTo("beta");
      assertThat(tb.peerName()).isEqualTo("alpha");
      assertThat(devA.ping(ip("10.46.0.2"), Duration.ofSeconds(5))).isPositive();
      assertThat(devB.ping(ip("10.46.0.1"), Duration.ofSeconds(5))).isPositive();
      assertThat(a.stats().handshakeFailures(HandshakeFailure.TIMED_OUT)).isZero();
      assertThat(b.stats().handshakeFailures(HandshakeFailure.TIMED_OUT)).isZero();
    }
  }
}
