package dev.nebula4j.interop.harness;

import dev.nebula4j.config.HostPort;
import dev.nebula4j.config.NebulaConfig;
import dev.nebula4j.firewall.FirewallPolicy;
import dev.nebula4j.firewall.FirewallRule;
import dev.nebula4j.firewall.Protocol;
import dev.nebula4j.net.IpNetwork;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The users' tutorial configs ({@code lighthouse.yaml}, {@code node.yaml}) as nebula4j {@link
 * NebulaConfig} builders without a {@code pki} section: {@link GoNebula} fills that in with the
 * files it writes, a Java node with its own. {@code TutorialConfigsTest} checks that they equal the
 * tutorial files.
 *
 * <pre>{@code
 * NebulaConfig.Builder node =
 *     TutorialConfigs.node("10.10.10.1", lighthouse.underlayEndpoint())
 *         .tun(t -> t.disabled(true))
 *         .cipher(Cipher.CHACHAPOLY);
 * }</pre>
 */
public final class TutorialConfigs {
  /** The tutorial's UDP port. */
  public static final int PORT = 4242;

  private TutorialConfigs() {}

  /**
   * {@code lighthouse.yaml}: {@code am_lighthouse: true}, interval 60, listen {@code
   * 0.0.0.0:4242}, outbound anything, inbound ICMP, default tun.
   */
  public static NebulaConfig.Builder lighthouse() {
    return NebulaConfig.builder()
        .lighthouse(l -> l.amLighthouse(true).interval(Duration.ofSeconds(60)))
        .listen(l -> l.host("0.0.0.0").port(PORT))
        .firewallPolicy(lighthouseFirewall());
  }

  /**
   * {@code node.yaml} with its placeholder filled in: lighthouse {@code lighthouseVpnIp} at {@code
   * lighthouseUnderlay}, listen {@code 0.0.0.0:4242}, {@code punchy.punch}, relays used but not
   * offered, tun {@code nebula1} with MTU 1300 and tx_queue 500, logging info/text, outbound
   * anything, inbound ICMP, TCP 5432 (PostgreSQL) and TCP 8008 (Patroni).
   */
  public static NebulaConfig.Builder node(String lighthouseVpnIp, InetSocketAddress lighthouseUnderlay) {
    return nodeWithStaticPeer(lighthouseVpnIp, lighthouseUnderlay)
        .lighthouse(
            l -> l.amLighthouse(false)
                .interval(Duration.ofSeconds(60))
                .addHost(IpNetwork.parseAddress(lighthouseVpnIp)))
        .punchy(p -> p.punch(true))
        .relay(r -> r.amRelay(false).useRelays(true));
  }

  /**
   * {@code node.yaml} for a node that knows one peer by {@code static_host_map} instead of through
   * a lighthouse (nebula4j has no lighthouse client yet): the tutorial's listen, tun and firewall
   * settings, {@code peerVpnIp} at {@code peerUnderlay}, no {@code lighthouse.hosts}, no punchy or
   * relays.
   */
  public static NebulaConfig.Builder nodeWithStaticPeer(
      String peerVpnIp, InetSocketAddress peerUnderlay) {
    return NebulaConfig.builder()
        .staticHost(
            peerVpnIp, hostPort(peerUnderlay))
        .listen(l -> l.host("0.0.0.0").port(PORT))
        .tun(
            t -> t.disabled(false)
                .dev("nebula1")
                .dropLocalBroadcast(false)
                .dropMulticast(false)
                .txQueue(500)
                .mtu(1300))
        .firewallPolicy(nodeFirewall());
  }

  /**
   * An underlay endpoint as Go writes it in {@code static_host_map} and logs it as {@code
   * udpAddr}: {@code 198.18.0.2:4242}, IPv6 in brackets and shortest form ({@code
   * [fd18:3::2]:4242}).
   */
  public static String hostPort(InetSocketAddress endpoint) {
    return HostPort.of(endpoint).toString();
  }

  /** The lighthouse's firewall: everything out, ICMP in. */
  public static FirewallPolicy lighthouseFirewall() {
    return FirewallPolicy.builder()
        .outbound(FirewallRule.anyAny())
        .inbound(icmpFromAnyone())
        .build();
  }

  /** The nodes' firewall: everything out; ICMP, TCP 5432 and TCP 8008 in. */
  public static FirewallPolicy nodeFirewall() {
    return FirewallPolicy.builder()
        .outbound(FirewallRule.anyAny())
        .inbound(icmpFromAnyone())
        .inbound(FirewallRule.builder().port(5432).proto(Protocol.TCP).host("any").build())
        .inbound(FirewallRule.builder().port(8008).proto(Protocol.TCP).host("any").build())
        .build();
  }

  private static FirewallRule icmpFromAnyone() {
    return FirewallRule.builder().port("any").proto(Protocol.ICMP).host("any").build();
  }
}
