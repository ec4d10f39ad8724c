package dev.nebula4j.internal.firewall;

import static dev.nebula4j.internal.firewall.Fixtures.EXT;
import static dev.nebula4j.internal.firewall.Fixtures.FAR;
import static dev.nebula4j.internal.firewall.Fixtures.GW;
import static dev.nebula4j.internal.firewall.Fixtures.OTHER_CA_SHA;
import static dev.nebula4j.internal.firewall.Fixtures.PG1;
import static dev.nebula4j.internal.firewall.Fixtures.PROD_CA_SHA;
import static dev.nebula4j.internal.firewall.Fixtures.US;
import static dev.nebula4j.internal.firewall.Fixtures.US_WITH_UNSAFE;
import static dev.nebula4j.internal.firewall.Fixtures.WEB;
import static dev.nebula4j.internal.firewall.Fixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nebula4j.firewall.Direction;
import dev.nebula4j.firewall.DropReason;
import dev.nebula4j.firewall.FirewallDecision;
import dev.nebula4j.firewall.FirewallDecision.Outcome;
import dev.nebula4j.firewall.FirewallPeer;
import dev.nebula4j.firewall.FirewallPolicy;
import dev.nebula4j.firewall.FirewallRule;
import dev.nebula4j.firewall.LocalIdentity;
import dev.nebula4j.net.IpNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Spec §6.3/§6.4 as a table: every case is run twice, once with its rules as the inbound table and
 * a packet from the peer to us, once with its rules as the outbound table and the mirrored packet
 * from us to the peer (rules select on the destination port in both directions). Each run checks
 * the verdict, the drop counter, and that {@code explain} names the same rule or reason.
 */
class FirewallMatchingTest {

  enum Kind {
    NORMAL,
    FRAGMENT,
    FIRST_FRAGMENT
  }

  /** One row of the table. */
  static final class Case {
    final String name;
    final List<FirewallRule> rules = new ArrayList<>();
    FirewallPeer peer = PG1;
    LocalIdentity local = US;
    boolean defaultLocalCidrAny;
    String remote;
    String localAddress = "10.10.10.5";
    int protocol = TestPackets.TCP;
    int srcPort = 40000;
    int dstPort = 5432;
    Kind kind = Kind.NORMAL;
    DropReason expected;
    int expectedRule = -1;

    Case(String name, FirewallRule... rules) {
      this.name = name;
      this.rules.addAll(List.of(rules));
    }

    Case from(FirewallPeer p) {
      this.peer = p;
      return this;
    }

    Case fromAddress(String a) {
      this.remote = a;
      return this;
    }

    Case to(String a) {
      this.localAddress = a;
      return this;
    }

    Case local(LocalIdentity l) {
      this.local = l;
      return this;
    }

    Case defaultLocalCidrAny() {
      this.defaultLocalCidrAny = true;
      return this;
    }

    Case tcp(int port) {
      protocol = TestPackets.TCP;
      dstPort = port;
      return this;
    }

    Case udp(int port) {
      protocol = TestPackets.UDP;
      dstPort = port;
      return this;
    }

    Case icmp() {
      protocol = TestPackets.ICMP;
      return this;
    }

    Case protocol(int p) {
      protocol = p;
      return this;
    }

    Case srcPort(int p) {
      srcPort = p;
      return this;
    }

    Case fragment() {
      kind = Kind.FRAGMENT;
      return this;
    }

    Case firstFragment() {
      kind = Kind.FIRST_FRAGMENT;
      return this;
    }

    Case accept(int ruleIndex) {
      expected = null;
      expectedRule = ruleIndex;
      return this;
    }

    Case drop(DropReason r) {
      expected = r;
      return this;
    }

    Case drop() {
      return drop(DropReason.NO_MATCHING_RULE);
    }

    String remoteAddress() {
      return remote != null ? remote : IpNetwork.formatAddress(peer.vpnNetworks().get(0).address());
    }

    byte[] packet(Direction d) {
      boolean in = d == Direction.INBOUND;
      String src = in ? remoteAddress() : localAddress;
      String dst = in ? localAddress : remoteAddress();
      if (kind == Kind.FRAGMENT) {
        return TestPackets.fragment(protocol, src, dst, 100);
      }
      if (kind == Kind.FIRST_FRAGMENT) {
        return TestPackets.firstFragmentTcp(src, srcPort, dst, dstPort);
      }
      return switch (protocol) {
        case TestPackets.TCP -> TestPackets.tcp(src, srcPort, dst, dstPort);
        case TestPackets.UDP -> TestPackets.udp(src, srcPort, dst, dstPort);
        case TestPackets.ICMP -> TestPackets.icmp(src, dst, 8, 4711);
        default -> TestPackets.raw(protocol, src, dst, 16);
      };
    }

    FirewallPolicy policy(Direction d) {
      FirewallPolicy.Builder b = FirewallPolicy.builder().defaultLocalCidrAny(defaultLocalCidrAny);
      for (FirewallRule r : rules) {
        if (d == Direction.INBOUND) {
          b.inbound(r);
        } else {
          b.outbound(r);
        }
      }
      return b.build();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Case c(String name, FirewallRule... rules) {
    return new Case(name, rules);
  }

  static FirewallRule any() {
    return FirewallRule.anyAny();
  }

  static Stream<Case> cases() {
    FirewallRule icmpAny = rule("any", "icmp").host("any").build();
    FirewallRule pg = rule("5432", "tcp").host("any").build();
    FirewallRule patroni = rule("8008", "tcp").host("any").build();
    FirewallRule dbAndProd = rule("any", "any").groups("db", "prod").build();
    FirewallRule range = rule("1000-2000", "any").host("any").build();
    return Stream.of(
        // the tutorial's inbound rules
        c("tutorial: icmp admitted by rule 0", icmpAny, pg, patroni).icmp().accept(0),
        c("tutorial: tcp 5432 admitted by rule 1", icmpAny, pg, patroni).tcp(5432).accept(1),
        c("tutorial: tcp 8008 admitted by rule 2", icmpAny, pg, patroni).tcp(8008).accept(2),
        c("tutorial: tcp 22 dropped", icmpAny, pg, patroni).tcp(22).drop(),
        c("tutorial: udp 5432 dropped (proto)", icmpAny, pg, patroni).udp(5432).drop(),
        c("tutorial: source port 5432 is not the destination port", icmpAny, pg, patroni)
            .tcp(40000).srcPort(5432).drop(),
        // default deny
        c("no rules: tcp dropped").tcp(5432).drop(),
        c("no rules: icmp dropped").icmp().drop(),
        c("no rules: fragment dropped").fragment().drop(),
        // groups
        c("groups ANDed: peer holding all groups", dbAndProd).from(PG1).accept(0),
        c("groups ANDed: peer missing one group", dbAndProd).from(WEB).drop(),
        c("single group matches", rule("any", "any").group("web").build()).from(WEB).accept(0),
        c("single group mismatch", rule("any", "any").group("web").build()).from(PG1).drop(),
        c("group any matches everyone", rule("any", "any").group("any").build())
            .from(GW).accept(0),
        c("group any shadows host", rule("any", "any").group("any").host("nobody").build())
            .from(WEB).accept(0),
        c("host any with groups matches everyone",
                rule("any", "any").host("any").groups("db", "prod").build())
            .from(WEB).accept(0),
        // host
        c("host name matches", rule("any", "any").host("prod1-postgres-1").build())
            .from(PG1).accept(0),
        c("host name mismatch", rule("any", "any").host("prod1-postgres-1").build())
            .from(WEB).drop(),
        c("host OR groups: by host", rule("any", "any").host("web-1").groups("db", "prod").build())
            .from(WEB).accept(0),
        c("host OR groups: by groups",
                rule("any", "any").host("web-1").groups("db", "prod").build())
            .from(PG1).accept(0),
        c("host OR groups: neither", rule("any", "any").host("web-1").groups("db", "prod").build())
            .from(GW).drop(),
        // cidr
        c("cidr /32 matches", rule("any", "any").cidr("10.10.10.6/32").build()).from(PG1).accept(0),
        c("cidr /32 mismatch", rule("any", "any").cidr("10.10.10.6/32").build()).from(WEB).drop(),
        c("cidr /24 matches", rule("any", "any").cidr("10.10.10.0/24").build()).from(WEB).accept(0),
        c("cidr any matches", rule("any", "any").cidr("any").build()).from(GW).accept(0),
        c("cidr 0.0.0.0/0 matches", rule("any", "any").cidr("0.0.0.0/0").build())
            .from(WEB).accept(0),
        c("cidr OR host", rule("any", "any").cidr("10.10.10.6/32").host("web-1").build())
            .from(WEB).accept(0),
        c("cidr over an unsafe source", rule("any", "any").cidr("192.168.50.0/24").build())
            .from(GW).fromAddress("192.168.50.7").accept(0),
        c("cidr over unsafe network excludes the gateway's VPN address",
                rule("any", "any").cidr("192.168.50.0/24").build())
            .from(GW).drop(),
        c("IPv6 cidr never matches IPv4", rule("any", "any").cidr("fd00::/8").build()).drop(),
        // local_cidr
        c("no local_cidr, no unsafe networks: any local address", rule("any", "any").host("any").build())
            .accept(0),
        c("no local_cidr with our unsafe networks: VPN address admitted",
                rule("any", "any").host("any").build())
            .local(US_WITH_UNSAFE).accept(0),
        c("no local_cidr with our unsafe networks: unsafe address dropped",
                rule("any", "any").host("any").build())
            .local(US_WITH_UNSAFE).to("172.16.0.10").drop(),
        c("default_local_cidr_any admits the unsafe address", rule("any", "any").host("any").build())
            .local(US_WITH_UNSAFE).to("172.16.0.10").defaultLocalCidrAny().accept(0),
        c("local_cidr selects the unsafe network",
                rule("any", "any").host("any").localCidr("172.16.0.0/24").build())
            .local(US_WITH_UNSAFE).to("172.16.0.10").accept(0),
        c("local_cidr excludes our VPN address",
                rule("any", "any").host("any").localCidr("172.16.0.0/24").build())
            .local(US_WITH_UNSAFE).drop(),
        c("local_cidr any admits the unsafe address",
                rule("any", "any").host("any").localCidr("any").build())
            .local(US_WITH_UNSAFE).to("172.16.0.10").accept(0),
        c("local_cidr alone (no host/groups/cidr) matches every peer",
                rule("any", "any").localCidr("10.10.10.5/32").build())
            .from(WEB).accept(0),
        c("local_cidr AND groups", rule("any", "any").groups("db").localCidr("172.16.0.0/24").build())
            .local(US_WITH_UNSAFE).to("172.16.0.10").from(WEB).drop(),
        // CA selectors
        c("ca_name matches", rule("any", "any").caName("Prod CA").build()).from(PG1).accept(0),
        c("ca_name mismatch", rule("any", "any").caName("Prod CA").build()).from(EXT).drop(),
        c("ca_sha matches", rule("any", "any").caSha(PROD_CA_SHA).build()).from(PG1).accept(0),
        c("ca_sha mismatch", rule("any", "any").caSha(PROD_CA_SHA).build()).from(EXT).drop(),
        c("ca_sha is compared without case",
                rule("any", "any").caSha(PROD_CA_SHA.toUpperCase(java.util.Locale.ROOT)).build())
            .from(PG1).accept(0),
        c("ca_name OR ca_sha: by sha",
                rule("any", "any").caName("Other CA").caSha(PROD_CA_SHA).build())
            .from(PG1).accept(0),
        c("ca_name OR ca_sha: by name",
                rule("any", "any").caName("Other CA").caSha(PROD_CA_SHA).build())
            .from(EXT).accept(0),
        c("ca_name OR ca_sha: neither",
                rule("any", "any").caName("Prod CA").caSha(PROD_CA_SHA).build())
            .from(EXT).drop(),
        c("CA AND host: CA fails", rule("any", "any").caName("Prod CA").host("ext-1").build())
            .from(EXT).drop(),
        c("CA AND host: host fails", rule("any", "any").caName("Prod CA").host("ext-1").build())
            .from(PG1).drop(),
        c("CA AND groups", rule("any", "any").caSha(OTHER_CA_SHA).groups("db", "prod").build())
            .from(EXT).accept(0),
        // ports
        c("range: below", range).tcp(999).drop(),
        c("range: first", range).tcp(1000).accept(0),
        c("range: last", range).udp(2000).accept(0),
        c("range: above", range).udp(2001).drop(),
        c("port any", rule("any", "tcp").host("any").build()).tcp(1).accept(0),
        c("proto mismatch udp rule, tcp packet", rule("any", "udp").host("any").build()).tcp(53).drop(),
        c("first match wins", rule("5432", "tcp").host("nobody").build(), range, pg, any())
            .tcp(5432).accept(2),
        // fragments
        c("fragment rule admits a non-first fragment", rule("fragment", "tcp").host("any").build())
            .fragment().accept(0),
        c("fragment rule does not admit a first fragment",
                rule("fragment", "tcp").host("any").build())
            .firstFragment().tcp(80).drop(),
        c("first fragment matches its port", rule("80", "tcp").host("any").build())
            .firstFragment().tcp(80).accept(0),
        c("port any admits fragments", rule("any", "tcp").host("any").build()).fragment().accept(0),
        c("port rule does not admit fragments", rule("80", "tcp").host("any").build())
            .fragment().drop(),
        c("fragment rule of another protocol", rule("fragment", "udp").host("any").build())
            .fragment().drop(),
        c("fragment rule with proto any", rule("fragment", "any").host("any").build())
            .fragment().protocol(TestPackets.UDP).accept(0),
        c("ICMP fragments only match port any", rule("fragment", "any").host("any").build())
            .fragment().protocol(TestPackets.ICMP).drop(),
        // ICMP
        c("icmp rule ignores its port", rule("80", "icmp").host("any").build()).icmp().accept(0),
        c("proto any with a port does not admit icmp", rule("80", "any").host("any").build())
            .icmp().drop(),
        c("proto any port any admits icmp", any()).icmp().accept(0),
        c("tcp rule does not admit icmp", rule("any", "tcp").host("any").build()).icmp().drop(),
        c("icmp rule does not admit tcp", icmpAny).tcp(80).drop(),
        // other protocols
        c("GRE admitted by proto any port any", any()).protocol(47).accept(0),
        c("GRE not admitted by a port rule", rule("80", "any").host("any").build())
            .protocol(47).drop(),
        c("GRE not admitted by a tcp rule", rule("any", "tcp").host("any").build())
            .protocol(47).drop(),
        // pre-checks (secure form): checked before rules, so any/any does not help
        c("peer may not use another address of its VPN subnet", any())
            .fromAddress("10.10.10.99").drop(DropReason.REMOTE_ADDRESS_NOT_ALLOWED),
        c("peer may not use our address as source", any())
            .fromAddress("10.10.10.5").drop(DropReason.REMOTE_ADDRESS_NOT_ALLOWED),
        c("peer may use its unsafe networks", any()).from(GW).fromAddress("192.168.50.200").accept(0),
        c("peer outside its unsafe networks", any())
            .from(GW).fromAddress("192.168.51.1").drop(DropReason.REMOTE_ADDRESS_NOT_ALLOWED),
        c("peer VPN address outside our networks", any())
            .from(FAR).drop(DropReason.REMOTE_NETWORK_NOT_OURS),
        c("local address not ours", any()).to("10.10.10.77").drop(DropReason.LOCAL_ADDRESS_NOT_OURS),
        c("local address in our unsafe network", rule("any", "any").host("any").localCidr("any").build())
            .local(US_WITH_UNSAFE).to("172.16.0.200").accept(0),
        c("local address outside our unsafe network", any())
            .local(US_WITH_UNSAFE).to("172.16.1.1").drop(DropReason.LOCAL_ADDRESS_NOT_OURS));
  }

  static Stream<Arguments> bothDirections() {
    return cases()
        .flatMap(c -> Stream.of(Arguments.of(c, Direction.INBOUND), Arguments.of(c, Direction.OUTBOUND)));
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @MethodSource("bothDirections")
  void verdictCounterAndExplanationAgree(Case c, Direction d) {
    Firewall fw = Firewall.builder().policy(c.policy(d)).local(c.local).clock(() -> 0L).build();
    byte[] p = c.packet(d);

    FirewallDecision explained = fw.explain(p, c.peer, d);
    FlowTuple t = new FlowTuple();
    assertThat(PacketClassifier.classify(p, 0, p.length, d == Direction.INBOUND, t)).isZero();
    for (CompiledRule r : fw.ruleSet().table(d == Direction.INBOUND).rules) {
      boolean protocolOk = r.protocol == 0 || r.protocol == t.protocol();
      assertThat(r.mismatch(t, d == Direction.INBOUND, c.peer) == null)
          .as("mismatch() agrees with matches() for rule #%d", r.index)
          .isEqualTo(protocolOk && r.matches(t, d == Direction.INBOUND, c.peer));
    }
    int verdict =
        d == Direction.INBOUND
            ? fw.inbound(p, 0, p.length, c.peer, new FlowTuple())
            : fw.outbound(p, 0, p.length, c.peer, new FlowTuple());

    if (c.expected == null) {
      assertThat(Verdict.toString(verdict)).isEqualTo("accept");
      assertThat(explained.outcome()).isEqualTo(Outcome.ACCEPTED_BY_RULE);
      assertThat(explained.ruleIndex()).hasValue(c.expectedRule);
      assertThat(explained.rule()).contains(c.rules.get(c.expectedRule));
      assertThat(fw.droppedTotal(d)).isZero();
      assertThat(fw.flowCount()).isEqualTo(1);
      assertThat(explained.mismatches()).isEmpty();
    } else {
      assertThat(Verdict.toString(verdict)).isEqualTo("drop(" + c.expected.name() + ")");
      assertThat(explained.outcome()).isEqualTo(Outcome.DROPPED);
      assertThat(explained.reason()).contains(c.expected);
      assertThat(fw.dropped(d, c.expected)).isEqualTo(1);
      assertThat(fw.droppedTotal(d)).isEqualTo(1);
      assertThat(fw.flowCount()).isZero();
      if (c.expected == DropReason.NO_MATCHING_RULE) {
        assertThat(explained.mismatches()).hasSize(c.rules.size()).noneMatch(m -> m.endsWith("null"));
      } else {
        assertThat(explained.mismatches()).isEmpty();
      }
    }
  }
}
