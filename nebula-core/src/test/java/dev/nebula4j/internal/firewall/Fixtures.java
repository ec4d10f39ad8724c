package dev.nebula4j.internal.firewall;

import dev.nebula4j.firewall.FirewallPeer;
import dev.nebula4j.firewall.FirewallPolicy;
import dev.nebula4j.firewall.FirewallRule;
import dev.nebula4j.firewall.LocalIdentity;
import dev.nebula4j.net.IpNetwork;
import java.util.List;

/** The hosts the firewall tests talk about: us (the tutorial's postgres node) and some peers. */
final class Fixtures {
  private Fixtures() {}

  static final String PROD_CA_SHA =
      "4f1c6a53e4b3b1d1c0ffee00112233445566778899aabbccddeeff0011223344";
  static final String OTHER_CA_SHA =
      "9999888877776666555544443333222211110000ffffeeeeddddccccbbbbaaaa";

  /** Us: prod1-postgres-0, 10.10.10.5/24, no unsafe networks. */
  static final LocalIdentity US = LocalIdentity.of(IpNetwork.parse("10.10.10.5/24"));

  /** Us with an unsafe network we route for. */
  static final LocalIdentity US_WITH_UNSAFE =
      new LocalIdentity(
          List.of(IpNetwork.parse("10.10.10.5/24")), List.of(IpNetwork.parse("172.16.0.0/24")));

  /** The other database node: groups db and prod. */
  static final FirewallPeer PG1 = peer("prod1-postgres-1", "10.10.10.6/24", "Prod CA", PROD_CA_SHA, "db", "prod");

  /** A web node: groups web and prod. */
  static final FirewallPeer WEB = peer("web-1", "10.10.10.7/24", "Prod CA", PROD_CA_SHA, "web", "prod");

  /** Same groups as PG1 but signed by another CA. */
  static final FirewallPeer EXT =
      peer("ext-1", "10.10.10.8/24", "Other CA", OTHER_CA_SHA, "db", "prod");

  /** A gateway routing 192.168.50.0/24 (unsafe network in its certificate). */
  static final FirewallPeer GW =
      FirewallPeer.builder()
          .name("gw-1")
          .vpnNetwork(IpNetwork.parse("10.10.10.9/24"))
          .unsafeNetwork(IpNetwork.parse("192.168.50.0/24"))
          .groups("gateway")
          .caName("Prod CA")
          .issuerFingerprint(PROD_CA_SHA)
          .build();

  /** A host whose VPN address lies outside our VPN networks. */
  static final FirewallPeer FAR = peer("far-1", "10.20.0.9/16", "Prod CA", PROD_CA_SHA, "db", "prod");

  static FirewallPeer peer(String name, String vpn, String ca, String sha, String... groups) {
    return FirewallPeer.builder()
        .name(name)
        .vpnNetwork(IpNetwork.parse(vpn))
        .groups(groups)
        .caName(ca)
        .issuerFingerprint(sha)
        .build();
  }

  /** The tutorial's firewall section (/work/shared/fixtures/tutorial/node.yaml). */
  static FirewallPolicy.Builder tutorialPolicy() {
    return FirewallPolicy.builder()
        .outbound(FirewallRule.builder().port("any").proto("any").host("any").build())
        .inbound(FirewallRule.builder().port("any").proto("icmp").host("any").build())
        .inbound(FirewallRule.builder().port("5432").proto("tcp").host("any").build())
        .inbound(FirewallRule.builder().port("8008").proto("tcp").host("any").build());
  }

  static FirewallRule.Builder rule(String port, String proto) {
    return FirewallRule.builder().port(port).proto(proto);
  }
}
