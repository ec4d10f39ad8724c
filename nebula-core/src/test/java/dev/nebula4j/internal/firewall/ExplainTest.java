package dev.nebula4j.internal.firewall;

import static dev.nebula4j.internal.firewall.Fixtures.EXT;
import static dev.nebula4j.internal.firewall.Fixtures.PG1;
import static dev.nebula4j.internal.firewall.Fixtures.US;
import static dev.nebula4j.internal.firewall.Fixtures.US_WITH_UNSAFE;
import static dev.nebula4j.internal.firewall.Fixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nebula4j.firewall.Direction;
import dev.nebula4j.firewall.FirewallAction;
import dev.nebula4j.firewall.FirewallDecision;
import dev.nebula4j.firewall.FirewallPolicy;
import dev.nebula4j.firewall.LocalIdentity;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** What users read: the explanations of the tutorial's firewall, word for word. */
class ExplainTest {
  private final Firewall tutorial = firewall(Fixtures.tutorialPolicy(), US);

  private static Firewall firewall(FirewallPolicy.Builder policy, LocalIdentity local) {
    return Firewall.builder().policy(policy.build()).local(local).clock(() -> 0L).build();
  }

  /** Inbound rule #0 for the groups db and admin, #1 for any host signed by "Prod CA". */
  private static FirewallPolicy.Builder groupAndCaRules() {
    return FirewallPolicy.builder()
        .inbound(rule("any", "any").groups("db", "admin").build())
        .inbound(rule("any", "any").host("any").caName("Prod CA").build());
  }

  private String explainIn(Firewall fw, byte[] p) {
    return fw.explain(p, PG1, Direction.INBOUND).report();
  }

  @Test
  void admittedByARule() {
    assertThat(explainIn(tutorial, TestPackets.tcp("10.10.10.6", 51544, "10.10.10.5", 5432)))
        .isEqualTo(
            "inbound tcp 10.10.10.6:51544 -> 10.10.10.5:5432: accepted by rule #1"
                + " {port: 5432, proto: tcp, host: any}");
    assertThat(explainIn(tutorial, TestPackets.icmp("10.10.10.6", "10.10.10.5", 8, 3)))
        .isEqualTo(
            "inbound icmp 10.10.10.6 -> 10.10.10.5 id 3: accepted by rule #0"
                + " {port: any, proto: icmp, host: any}");
  }

  @Test
  void droppedWithEveryRulesReason() {
    assertThat(explainIn(tutorial, TestPackets.tcp("10.10.10.6", 51000, "10.10.10.5", 22)))
        .isEqualTo(
            """
            inbound tcp 10.10.10.6:51000 -> 10.10.10.5:22: dropped: no matching rule in the firewall table
              #0 {port: any, proto: icmp, host: any}: proto icmp does not admit tcp
              #1 {port: 5432, proto: tcp, host: any}: port 5432: the packet goes to port 22
              #2 {port: 8008, proto: tcp, host: any}: port 8008: the packet goes to port 22""");
  }

  @Test
  void selectorReasons() {
    Firewall fw =
        firewall(
            groupAndCaRules()
                .inbound(rule("fragment", "any").host("any").build())
                .inbound(rule("any", "any").host("any").build())
                .inboundAction(FirewallAction.REJECT),
            US_WITH_UNSAFE);
    FirewallDecision d =
        fw.explain(TestPackets.udp("10.10.10.8", 5000, "172.16.0.9", 53), EXT, Direction.INBOUND);
    assertThat(d.report())
        .isEqualTo(
            """
            inbound udp 10.10.10.8:5000 -> 172.16.0.9:53: rejected: no matching rule in the firewall table
              #0 {port: any, proto: any, groups: [db, admin]}: no local_cidr and we have unsafe networks, so only our VPN networks are admitted: local address 172.16.0.9 is outside
              #1 {port: any, proto: any, host: any, ca_name: Prod CA}: no local_cidr and we have unsafe networks, so only our VPN networks are admitted: local address 172.16.0.9 is outside
              #2 {port: fragment, proto: any, host: any}: port fragment: the packet is not a non-first fragment
              #3 {port: any, proto: any, host: any}: no local_cidr and we have unsafe networks, so only our VPN networks are admitted: local address 172.16.0.9 is outside""");

    FirewallDecision toUs =
        fw.explain(TestPackets.udp("10.10.10.8", 5000, "10.10.10.5", 53), EXT, Direction.INBOUND);
    assertThat(toUs.toString()).endsWith("accepted by rule #3 {port: any, proto: any, host: any}");
    FirewallDecision fragment =
        fw.explain(
            TestPackets.fragment(17, "10.10.10.8", "10.10.10.5", 9), EXT, Direction.INBOUND);
    assertThat(fragment.ruleIndex()).hasValue(2);
  }

  @Test
  void peerAndCaReasons() {
    Firewall fw = firewall(groupAndCaRules(), US);
    FirewallDecision d =
        fw.explain(TestPackets.udp("10.10.10.8", 5000, "10.10.10.5", 53), EXT, Direction.INBOUND);
    assertThat(d.mismatches())
        .containsExactly(
            "#0 {port: any, proto: any, groups: [db, admin]}: host/group/cidr: peer 'ext-1' with"
                + " groups " + EXT.groups() + " at 10.10.10.8 matches none",
            "#1 {port: any, proto: any, host: any, ca_name: Prod CA}: ca_name/ca_sha: the peer was"
                + " signed by 'Other CA' (" + Fixtures.OTHER_CA_SHA + ")");
  }

  @Test
  void preCheckAndMalformedReasons() {
    assertThat(explainIn(tutorial, TestPackets.tcp("10.10.10.66", 1, "10.10.10.5", 5432)))
        .isEqualTo(
            "inbound tcp 10.10.10.66:1 -> 10.10.10.5:5432: dropped: remote address is not in the"
                + " peer certificate's networks");
    byte[] truncated = Arrays.copyOf(TestPackets.tcp("10.10.10.6", 1, "10.10.10.5", 5432), 21);
    assertThat(explainIn(tutorial, truncated))
        .isEqualTo("inbound packet of 21 bytes: dropped: packet ends before its ports or ICMP identifier");
    assertThat(tutorial.flowCount()).isZero();
    assertThat(tutorial.droppedTotal(Direction.INBOUND)).as("explain counts nothing").isZero();
  }
}
