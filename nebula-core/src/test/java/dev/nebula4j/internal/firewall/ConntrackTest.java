package dev.nebula4j.internal.firewall;

import static dev.nebula4j.internal.firewall.Fixtures.PG1;
import static dev.nebula4j.internal.firewall.Fixtures.US;
import static dev.nebula4j.internal.firewall.Fixtures.WEB;
import static dev.nebula4j.internal.firewall.Fixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nebula4j.firewall.Direction;
import dev.nebula4j.firewall.DropReason;
import dev.nebula4j.firewall.FirewallAction;
import dev.nebula4j.firewall.FirewallDecision;
import dev.nebula4j.firewall.FirewallDecision.Outcome;
import dev.nebula4j.firewall.FirewallPeer;
import dev.nebula4j.firewall.FirewallPolicy;
import dev.nebula4j.firewall.FirewallRule;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Conntrack (spec §6.5) and reload (§6.7) with an injected clock. */
class ConntrackTest {
  // start near the top of the long range: expiry arithmetic must survive nanoTime wrapping
  private final FakeClock clock = new FakeClock(Long.MAX_VALUE - Duration.ofMinutes(1).toNanos());
  private final FlowTuple scratch = new FlowTuple();

  private Firewall firewall(FirewallPolicy policy) {
    return Firewall.builder().policy(policy).local(US).clock(clock).build();
  }

  /** Any outbound, no inbound rules: inbound packets get in only as replies to our flows. */
  private static FirewallPolicy.Builder outboundOnly() {
    return FirewallPolicy.builder().outbound(FirewallRule.anyAny());
  }

  private int in(Firewall fw, byte[] p, FirewallPeer peer) {
    return fw.inbound(p, 0, p.length, peer, scratch);
  }

  private int out(Firewall fw, byte[] p, FirewallPeer peer) {
    return fw.outbound(p, 0, p.length, peer, scratch);
  }

  private static byte[] tcpOut(int sport, int dport) {
    return TestPackets.tcp("10.10.10.5", sport, "10.10.10.6", dport);
  }

  private static byte[] tcpIn(int sport, int dport) {
    return TestPackets.tcp("10.10.10.6", sport, "10.10.10.5", dport);
  }

  @Test
  void repliesToAnOutboundFlowAreAdmitted() {
    Firewall fw = firewall(Fixtures.tutorialPolicy().build());
    assertThat(out(fw, tcpOut(40000, 22), PG1)).isEqualTo(Verdict.ACCEPT);
    assertThat(fw.flowCount()).isEqualTo(1);

    byte[] reply = tcpIn(22, 40000);
    FirewallDecision d = fw.explain(reply, PG1, Direction.INBOUND);
    assertThat(d.outcome()).isEqualTo(Outcome.ACCEPTED_BY_CONNTRACK);
    assertThat(d.flowDirection()).contains(Direction.OUTBOUND);
    assertThat(d.ruleIndex()).hasValue(0);
    assertThat(d.toString())
        .isEqualTo(
            "inbound tcp 10.10.10.6:22 -> 10.10.10.5:40000: accepted by conntrack (flow opened"
                + " outbound by rule #0) {port: any, proto: any, host: any}");
    assertThat(in(fw, reply, PG1)).isEqualTo(Verdict.ACCEPT);
    assertThat(fw.flowCount()).as("the reply reuses the flow").isEqualTo(1);

    // another port of the same peer is not a reply
    assertThat(Verdict.reason(in(fw, tcpIn(22, 40001), PG1))).isEqualTo(DropReason.NO_MATCHING_RULE);
    assertThat(Verdict.reason(in(fw, tcpIn(23, 40000), PG1))).isEqualTo(DropReason.NO_MATCHING_RULE);
  }

  @Test
  void preChecksRunBeforeConntrack() {
    Firewall fw = firewall(Fixtures.tutorialPolicy().build());
    assertThat(out(fw, tcpOut(40000, 22), PG1)).isEqualTo(Verdict.ACCEPT);
    // WEB's tunnel carrying a packet with PG1's source address: the flow must not help it
    assertThat(Verdict.reason(in(fw, tcpIn(22, 40000), WEB)))
        .isEqualTo(DropReason.REMOTE_ADDRESS_NOT_ALLOWED);
  }

  @Test
  void icmpFlowsAreKeyedByEchoIdentifier() {
    Firewall fw = firewall(outboundOnly().build());
    assertThat(out(fw, TestPackets.icmp("10.10.10.5", "10.10.10.6", 8, 77), PG1)).isZero();
    assertThat(in(fw, TestPackets.icmp("10.10.10.6", "10.10.10.5", 0, 77), PG1)).isZero();
    assertThat(Verdict.reason(in(fw, TestPackets.icmp("10.10.10.6", "10.10.10.5", 0, 78), PG1)))
        .isEqualTo(DropReason.NO_MATCHING_RULE);
    // an echo request from the peer with our identifier is the same flow (Go keys on the id only)
    assertThat(in(fw, TestPackets.icmp("10.10.10.6", "10.10.10.5", 8, 77), PG1)).isZero();
  }

  @ParameterizedTest(name = "{0} flow lives {1}")
  @CsvSource({"tcp, PT12M", "udp, PT3M", "icmp, PT10M", "gre, PT10M"})
  void flowsExpireAfterTheirProtocolsTimeout(String proto, Duration timeout) {
    Firewall fw = firewall(outboundOnly().build());
    byte[][] pair = requestAndReply(proto, 1);
    byte[][] pair2 = requestAndReply(proto, 2);
    assertThat(out(fw, pair[0], PG1)).isZero();
    assertThat(out(fw, pair2[0], PG1)).isZero();

    clock.advance(timeout.minusNanos(1));
    assertThat(in(fw, pair[1], PG1)).as("just before expiry").isZero();
    clock.advance(Duration.ofNanos(1));
    assertThat(Verdict.reason(in(fw, pair2[1], PG1)))
        .as("at expiry")
        .isEqualTo(DropReason.NO_MATCHING_RULE);
    assertThat(fw.flowCount()).as("the expired flow was removed on lookup").isEqualTo(1);
  }

  /** An outbound packet of {@code proto} and the inbound reply; {@code n} varies the flow. */
  private static byte[][] requestAndReply(String proto, int n) {
    return switch (proto) {
      case "tcp" -> new byte[][] {tcpOut(40000 + n, 5432), tcpIn(5432, 40000 + n)};
      case "udp" ->
          new byte[][] {
            TestPackets.udp("10.10.10.5", 50000 + n, "10.10.10.6", 53),
            TestPackets.udp("10.10.10.6", 53, "10.10.10.5", 50000 + n)
          };
      case "icmp" ->
          new byte[][] {
            TestPackets.icmp("10.10.10.5", "10.10.10.6", 8, n),
            TestPackets.icmp("10.10.10.6", "10.10.10.5", 0, n)
          };
      default ->
          n == 1
              ? new byte[][] {
                TestPackets.raw(47, "10.10.10.5", "10.10.10.6", 8),
                TestPackets.raw(47, "10.10.10.6", "10.10.10.5", 8)
              }
              : new byte[][] {
                TestPackets.raw(50, "10.10.10.5", "10.10.10.6", 8),
                TestPackets.raw(50, "10.10.10.6", "10.10.10.5", 8)
              };
    };
  }

  @Test
  void configuredTimeoutsApply() {
    Firewall fw = firewall(outboundOnly().udpTimeout(Duration.ofSeconds(30)).build());
    byte[][] pair = requestAndReply("udp", 1);
    assertThat(out(fw, pair[0], PG1)).isZero();
    clock.advance(Duration.ofSeconds(30));
    assertThat(in(fw, pair[1], PG1)).isNotZero();
  }

  @Test
  void everyHitRefreshesTheExpiry() {
    Firewall fw = firewall(outboundOnly().build());
    byte[][] pair = requestAndReply("udp", 1);
    assertThat(out(fw, pair[0], PG1)).isZero();
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofMinutes(2)); // 10 minutes in all, each gap below the 3m timeout
      assertThat(in(fw, pair[1], PG1)).as("hit %d", i).isZero();
    }
    clock.advance(Duration.ofMinutes(3));
    assertThat(in(fw, pair[1], PG1)).isNotZero();
  }

  @Test
  void hitsWithinTheRefreshGranularityDoNotMoveTheExpiry() {
    Firewall fw = firewall(outboundOnly().build());
    byte[][] pair = requestAndReply("udp", 1);
    assertThat(out(fw, pair[0], PG1)).isZero();
    clock.advance(Duration.ofMillis(500));
    assertThat(in(fw, pair[1], PG1)).isZero();
    clock.advance(Duration.ofMinutes(3).minusMillis(500));
    assertThat(in(fw, pair[1], PG1)).as("expires 3m after the first packet").isNotZero();
  }

  @Test
  void expireFlowsRemovesOnlyExpiredFlows() {
    Firewall fw = firewall(outboundOnly().build());
    assertThat(out(fw, requestAndReply("udp", 1)[0], PG1)).isZero();
    assertThat(out(fw, requestAndReply("tcp", 1)[0], PG1)).isZero();
    assertThat(out(fw, requestAndReply("icmp", 1)[0], PG1)).isZero();
    clock.advance(Duration.ofMinutes(4));
    assertThat(fw.expireFlows()).isEqualTo(1);
    assertThat(fw.flowCount()).isEqualTo(2);
    clock.advance(Duration.ofMinutes(6));
    assertThat(fw.expireFlows()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(2));
    assertThat(fw.expireFlows()).isEqualTo(1);
    assertThat(fw.flowCount()).isZero();
  }

  @Test
  void creatingFlowsSweepsExpiredOnesAtMostOncePerSecond() {
    Firewall fw = firewall(outboundOnly().udpTimeout(Duration.ofMillis(100)).build());
    clock.advance(Duration.ofSeconds(2));
    assertThat(out(fw, requestAndReply("udp", 1)[0], PG1)).isZero(); // sweeps (nothing yet)
    clock.advance(Duration.ofMillis(200)); // udp 1 expired
    assertThat(out(fw, requestAndReply("udp", 2)[0], PG1)).isZero();
    assertThat(fw.flowCount()).as("no second sweep within a second").isEqualTo(2);

    clock.advance(Duration.ofSeconds(1)); // udp 1 and 2 expired, a sweep is due
    assertThat(out(fw, requestAndReply("udp", 3)[0], PG1)).isZero();
    assertThat(fw.flowCount()).as("both swept while creating udp 3").isEqualTo(1);
  }

  @Test
  void aScheduledSweepKeepsSweepsOffThePacketPath() {
    Firewall fw = firewall(outboundOnly().udpTimeout(Duration.ofMillis(100)).build());
    assertThat(out(fw, requestAndReply("udp", 1)[0], PG1)).isZero();
    clock.advance(Duration.ofMillis(900));
    assertThat(fw.expireFlows()).isEqualTo(1); // the scheduler's sweep
    assertThat(out(fw, requestAndReply("udp", 2)[0], PG1)).isZero();
    clock.advance(Duration.ofMillis(500)); // 1.4 s after creation: a packet-path sweep would be due
    assertThat(out(fw, requestAndReply("udp", 3)[0], PG1)).isZero();
    assertThat(fw.flowCount()).as("udp 2 expired but not swept by the packet path").isEqualTo(2);
  }

  @Test
  void reloadKeepsFlowsTheNewRulesStillAdmit() {
    Firewall fw = firewall(Fixtures.tutorialPolicy().build());
    assertThat(in(fw, tcpIn(51544, 5432), PG1)).isZero();
    assertThat(fw.rulesVersion()).isZero();

    // same inbound rule for 5432 but restricted to the db group, which PG1 holds
    fw.reload(
        FirewallPolicy.builder()
            .inbound(rule("5432", "tcp").groups("db").build())
            .build());
    assertThat(fw.rulesVersion()).isEqualTo(1);
    FirewallDecision d = fw.explain(tcpIn(51544, 5432), PG1, Direction.INBOUND);
    assertThat(d.outcome()).isEqualTo(Outcome.ACCEPTED_BY_CONNTRACK);
    assertThat(d.ruleIndex()).hasValue(0);
    assertThat(in(fw, tcpIn(51544, 5432), PG1)).isZero();
    // our reply: the outbound table is now empty, the flow admits it
    assertThat(out(fw, tcpOut(5432, 51544), PG1)).isZero();
    assertThat(fw.flowCount()).isEqualTo(1);
  }

  @Test
  void reloadDropsFlowsTheNewRulesNoLongerAdmit() {
    Firewall fw = firewall(Fixtures.tutorialPolicy().build());
    assertThat(in(fw, tcpIn(51544, 5432), PG1)).isZero();
    assertThat(in(fw, tcpIn(51545, 8008), PG1)).isZero();

    // Patroni closed, PostgreSQL still open
    fw.reload(
        FirewallPolicy.builder()
            .inbound(rule("5432", "tcp").host("any").build())
            .build());
    FirewallDecision d = fw.explain(tcpIn(51545, 8008), PG1, Direction.INBOUND);
    assertThat(d.outcome()).isEqualTo(Outcome.DROPPED);
    assertThat(fw.flowCount()).as("explain changes nothing").isEqualTo(2);

    assertThat(Verdict.reason(in(fw, tcpIn(51545, 8008), PG1)))
        .isEqualTo(DropReason.NO_MATCHING_RULE);
    assertThat(Verdict.reason(out(fw, tcpOut(8008, 51545), PG1)))
        .as("our reply on the dropped flow")
        .isEqualTo(DropReason.NO_MATCHING_RULE);
    assertThat(in(fw, tcpIn(51544, 5432), PG1)).isZero();
    assertThat(out(fw, tcpOut(5432, 51544), PG1)).isZero();
    assertThat(fw.flowCount()).isEqualTo(1);
  }

  @Test
  void revalidationUsesTheTableOfTheFlowsOpeningDirection() {
    Firewall fw = firewall(Fixtures.tutorialPolicy().build());
    assertThat(out(fw, tcpOut(40000, 22), PG1)).isZero();

    // outbound now only to port 22 of prod1-postgres-1; inbound has nothing for port 22/40000
    fw.reload(FirewallPolicy.builder().outbound(rule("22", "tcp").host("prod1-postgres-1").build()).build());
    assertThat(in(fw, tcpIn(22, 40000), PG1)).as("reply revalidated against outbound").isZero();

    fw.reload(FirewallPolicy.builder().outbound(rule("80", "tcp").host("any").build()).build());
    assertThat(Verdict.reason(in(fw, tcpIn(22, 40000), PG1)))
        .isEqualTo(DropReason.NO_MATCHING_RULE);
    assertThat(fw.flowCount()).isZero();
    assertThat(fw.rulesVersion()).isEqualTo(2);
  }

  @Test
  void reloadAppliesNewTimeoutsFromTheNextRefresh() {
    Firewall fw = firewall(outboundOnly().build());
    byte[][] pair = requestAndReply("udp", 1);
    assertThat(out(fw, pair[0], PG1)).isZero();
    fw.reload(
        fw.policy().toBuilder().udpTimeout(Duration.ofMinutes(30)).inboundAction(FirewallAction.REJECT).build());
    clock.advance(Duration.ofMinutes(2));
    assertThat(in(fw, pair[1], PG1)).isZero(); // refreshed to now + 30m
    clock.advance(Duration.ofMinutes(20));
    assertThat(in(fw, pair[1], PG1)).isZero();
  }
}
