package dev.nebula4j.node;

import static dev.nebula4j.node.NodeTestKit.await;
import static dev.nebula4j.node.NodeTestKit.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nebula4j.cert.HostCredential;
import dev.nebula4j.device.UserspaceDevice;
import dev.nebula4j.device.UserspaceUdpSocket;
import dev.nebula4j.firewall.Direction;
import dev.nebula4j.firewall.DropReason;
import dev.nebula4j.firewall.FirewallPolicy;
import dev.nebula4j.firewall.FirewallRule;
import dev.nebula4j.udp.MemoryNetwork;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link NodeStats#firewallDrops}: a node's stats say why its firewall dropped packets, not only
 * that it did (the interop firewall test against Go reads them).
 */
class NodeFirewallStatsTest {
  final NodeTestKit kit = new NodeTestKit();
  final HostCredential alpha = kit.host("alpha", "10.47.0.1/24");
  final HostCredential beta = kit.host("beta", "10.47.0.2/24");
  final MemoryNetwork network = new MemoryNetwork();

  NebulaNode node(HostCredential cred, String listen, String peerVpn, String peerUdp,
      UserspaceDevice device, FirewallPolicy policy) {
    return NebulaNode.builder(kit.peerConfig(cred, listen, peerVpn, peerUdp, policy))
        .device(device).underlay(network).build();
  }

  @Test
  void firewallDropsAreCountedByDirectionAndTheFirewallsReason() throws Exception {
    // beta admits UDP 7000 only; alpha may send anything but UDP 9
    FirewallPolicy betaPolicy = FirewallPolicy.builder()
        .inbound(FirewallRule.builder().port(7000).proto("udp").host("any").build())
        .outbound(FirewallRule.anyAny())
        .build();
    FirewallPolicy alphaPolicy = FirewallPolicy.builder()
        .inbound(FirewallRule.anyAny())
        .outbound(FirewallRule.builder().port("1-8").proto("any").host("any").build())
        .outbound(FirewallRule.builder().port("10-65535").proto("any").host("any").build())
        .outbound(FirewallRule.builder().port("any").proto("icmp").host("any").build())
        .build();
    UserspaceDevice devA = UserspaceDevice.create("10.47.0.1/24");
    UserspaceDevice devB = UserspaceDevice.create("10.47.0.2/24");
    try (NebulaNode a = node(alpha, "198.18.0.1", "10.47.0.2", "198.18.0.2", devA, alphaPolicy);
        NebulaNode b = node(beta, "198.18.0.2", "10.47.0.1", "198.18.0.1", devB, betaPolicy)) {
      NodeStats idle = b.stats();
      assertThat(idle.firewallDrops(Direction.INBOUND, DropReason.NO_MATCHING_RULE)).isZero();
      assertThat(idle.firewallDrops().get(Direction.OUTBOUND)).hasSize(DropReason.values().length);
      b.start();
      a.start();
      a.connect(ip("10.47.0.2")).get(10, TimeUnit.SECONDS);
      try (UserspaceUdpSocket admitted = devB.openUdp(7000);
          UserspaceUdpSocket refused = devB.openUdp(7001);
          UserspaceUdpSocket from = devA.openUdp(5000)) {
        from.send(new InetSocketAddress(ip("10.47.0.2"), 7001), "no".getBytes(StandardCharsets.UTF_8));
        from.send(new InetSocketAddress(ip("10.47.0.2"), 9), "never".getBytes(StandardCharsets.UTF_8));
        from.send(new InetSocketAddress(ip("10.47.0.2"), 7000), "yes".getBytes(StandardCharsets.UTF_8));
        assertThat(admitted.receive(Duration.ofSeconds(5)).payload())
            .isEqualTo("yes".getBytes(StandardCharsets.UTF_8));
        // one reader thread, in order: 7001 was decided before 7000 arrived
        assertThatThrownBy(() -> refused.receive(Duration.ZERO))
            .isInstanceOf(SocketTimeoutException.class);
      }
      await(() -> b.stats().firewallDrops(Direction.INBOUND, DropReason.NO_MATCHING_RULE) == 1,
          "beta's inbound drop of UDP 7001 counted as no matching rule");
      NodeStats sb = b.stats();
      assertThat(sb.drops(PacketDropReason.FIREWALL_INBOUND)).isEqualTo(1);
      assertThat(sb.firewallDrops(Direction.OUTBOUND, DropReason.NO_MATCHING_RULE)).isZero();
      NodeStats sa = a.stats();
      assertThat(sa.firewallDrops(Direction.OUTBOUND, DropReason.NO_MATCHING_RULE)).isEqualTo(1);
      assertThat(sa.drops(PacketDropReason.FIREWALL_OUTBOUND)).isEqualTo(1);
      assertThat(sa.firewallDrops(Direction.INBOUND, DropReason.NO_MATCHING_RULE)).isZero();
    }
  }
}
