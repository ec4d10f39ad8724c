package dev.nebula4j.examples;

import dev.nebula4j.cert.CaPool;
import dev.nebula4j.cert.CaSpec;
import dev.nebula4j.cert.CertificateAuthority;
import dev.nebula4j.cert.HostCredential;
import dev.nebula4j.cert.HostSpec;
import dev.nebula4j.config.NebulaConfig;
import dev.nebula4j.device.UserspaceDevice;
import dev.nebula4j.firewall.FirewallPolicy;
import dev.nebula4j.firewall.FirewallRule;
import dev.nebula4j.net.IpNetwork;
import dev.nebula4j.node.NebulaNode;
import java.io.IOException;
import java.time.Duration;

/**
 * The Java code of {@code docs/tutorial.md} section 6 (kept identical by a test): the tutorial's
 * CA and two database hosts as a mesh inside one JVM, on loopback, without files or root.
 * {@link DemoMesh} ({@code bin/nebula4j-demo}) is the same with more to see.
 */
public final class TutorialMesh {
  private TutorialMesh() {}

  /** Runs the mesh once: one ping from prod1-postgresql-0 to prod4-postgresql-0. */
  public static void main(String[] args) throws IOException {
    Duration rtt = run();
    System.out.printf("10.10.10.3 answered in %.3f ms%n", rtt.toNanos() / 1e6);
  }

  // doc:begin docs/tutorial.md
  /** The tutorial's node.yaml for host {@code name}: on loopback, without the lighthouse. */
  public static NebulaConfig.Builder nodeYaml(String name) {
    return NebulaConfig.builder()
        .pki(p -> p.ca("/etc/nebula/ca.crt")                   // the paths of the file; the
            .cert("/etc/nebula/" + name + ".crt")              // nodes below are handed
            .key("/etc/nebula/" + name + ".key"))              // in-memory credentials instead
        .listen(l -> l.host("127.0.0.1").port(0))              // a free port
        .firewallPolicy(FirewallPolicy.builder()
            .outbound(FirewallRule.builder().port("any").proto("any").host("any").build())
            .inbound(FirewallRule.builder().port("any").proto("icmp").host("any").build())
            .inbound(FirewallRule.builder().port(5432).proto("tcp").host("any").build())
            .inbound(FirewallRule.builder().port(8008).proto("tcp").host("any").build())
            .build());
  }
  // doc:end

  /**
   * Makes the CA and both hosts, starts both nodes, pings prod4-postgresql-0 from
   * prod1-postgresql-0 and closes everything.
   *
   * @return the round-trip time of the ping (it includes the Noise IX handshake)
   * @throws IOException if a UDP port cannot be bound or the ping gets no answer
   */
  public static Duration run() throws IOException {
    // doc:begin docs/tutorial.md
    CertificateAuthority ca = CertificateAuthority.create(CaSpec.named("My New CA"));
    HostCredential prod1 = ca.sign(HostSpec.named("prod1-postgresql-0").network("10.10.10.2/24"));
    HostCredential prod4 = ca.sign(HostSpec.named("prod4-postgresql-0").network("10.10.10.3/24"));
    CaPool trust = CaPool.of(ca.certificate());

    try (NebulaNode node4 = NebulaNode.builder(nodeYaml("prod4-postgresql-0").build())
        .pki(trust, prod4).device(UserspaceDevice.create("10.10.10.3/24")).build()) {
      node4.start();                                  // bound to 127.0.0.1 and a free port
      NebulaConfig config1 = nodeYaml("prod1-postgresql-0")  // static_host_map: where prod4 is
          .staticHost("10.10.10.3", "127.0.0.1:" + node4.listenAddress().getPort())
          .build();
      UserspaceDevice device1 = UserspaceDevice.create("10.10.10.2/24");
      try (NebulaNode node1 = NebulaNode.builder(config1).pki(trust, prod1).device(device1)
          .build()) {
        node1.start();
        Duration rtt = device1.ping(IpNetwork.parseAddress("10.10.10.3"), Duration.ofSeconds(10));
        node1.tunnels().forEach(System.out::println); // prod4-postgresql-0 10.10.10.3 via ...
        return rtt;                                   // the first ping includes the handshake
      }                                               // closeTunnel to prod4
    }                                                 // threads and sockets released
    // doc:end
  }
}
