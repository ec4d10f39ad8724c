package dev.nebula4j.internal.firewall;

import static dev.nebula4j.internal.firewall.Fixtures.PG1;
import static dev.nebula4j.internal.firewall.Fixtures.US;
import static dev.nebula4j.internal.firewall.TestPackets.ip;
import static dev.nebula4j.internal.packet.PacketBytes.i32;
import static dev.nebula4j.internal.packet.PacketBytes.u16;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nebula4j.firewall.Direction;
import dev.nebula4j.firewall.DropReason;
import dev.nebula4j.firewall.FirewallAction;
import dev.nebula4j.firewall.FirewallDecision.Outcome;
import dev.nebula4j.firewall.FirewallPolicy;
import dev.nebula4j.internal.packet.InternetChecksum;
import dev.nebula4j.internal.packet.RejectPackets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@code inbound_action}/{@code outbound_action} with Go 1.11's direction: each setting governs its
 * own table (1.7-1.10 had them swapped).
 */
class RejectActionTest {
  private final FlowTuple t = new FlowTuple();
  private final byte[] answer = new byte[RejectPackets.MAX_IPV4_LENGTH];

  private static Firewall firewall(FirewallAction in, FirewallAction out) {
    return Firewall.builder()
        .policy(Fixtures.tutorialPolicy().inboundAction(in).outboundAction(out).build())
        .local(US)
        .clock(() -> 0L)
        .build();
  }

  /** No rules in either table, {@code outbound_action: reject}. */
  private static Firewall rejectingOutbound() {
    return Firewall.builder()
        .policy(FirewallPolicy.builder().outboundAction(FirewallAction.REJECT).build())
        .local(US)
        .build();
  }

  @Test
  void inboundActionGovernsInboundPacketsOnly() {
    Firewall fw = firewall(FirewallAction.REJECT, FirewallAction.DROP);
    byte[] ssh = TestPackets.tcp("10.10.10.6", 51000, "10.10.10.5", 22);
    int v = fw.inbound(ssh, 0, ssh.length, PG1, t);
    assertThat(Verdict.isReject(v)).isTrue();
    assertThat(Verdict.reason(v)).isEqualTo(DropReason.NO_MATCHING_RULE);
    assertThat(Verdict.toString(v)).isEqualTo("reject(NO_MATCHING_RULE)");
    assertThat(fw.explain(ssh, PG1, Direction.INBOUND).outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(fw.action(Direction.INBOUND)).isEqualTo(FirewallAction.REJECT);

    // outbound: the tutorial admits everything, so use a spoofed local address to get a drop
    byte[] spoofed = TestPackets.udp("10.10.10.50", 5000, "10.10.10.6", 53);
    int o = fw.outbound(spoofed, 0, spoofed.length, PG1, t);
    assertThat(Verdict.reason(o)).isEqualTo(DropReason.LOCAL_ADDRESS_NOT_OURS);
    assertThat(Verdict.isReject(o)).isFalse();
  }

  @Test
  void outboundActionGovernsOutboundPacketsOnly() {
    Firewall fw = rejectingOutbound();
    byte[] dns = TestPackets.udp("10.10.10.5", 5000, "10.10.10.6", 53);
    int o = fw.outbound(dns, 0, dns.length, PG1, t);
    assertThat(Verdict.isReject(o)).isTrue();
    byte[] in = TestPackets.udp("10.10.10.6", 53, "10.10.10.5", 5001);
    int i = fw.inbound(in, 0, in.length, PG1, t);
    assertThat(Verdict.isReject(i)).isFalse();
    assertThat(Verdict.reason(i)).isEqualTo(DropReason.NO_MATCHING_RULE);
  }

  @Test
  void preCheckFailuresAreRejectedButMalformedPacketsNever() {
    Firewall fw = firewall(FirewallAction.REJECT, FirewallAction.REJECT);
    byte[] spoofed = TestPackets.tcp("10.10.10.99", 1, "10.10.10.5", 5432);
    int v = fw.inbound(spoofed, 0, spoofed.length, PG1, t);
    assertThat(Verdict.isReject(v)).isTrue();
    assertThat(Verdict.reason(v)).isEqualTo(DropReason.REMOTE_ADDRESS_NOT_ALLOWED);

    byte[] truncated = Arrays.copyOf(TestPackets.tcp("10.10.10.6", 1, "10.10.10.5", 5432), 22);
    int m = fw.inbound(truncated, 0, truncated.length, PG1, t);
    assertThat(Verdict.isReject(m)).isFalse();
    assertThat(Verdict.reason(m)).isEqualTo(DropReason.TRUNCATED);
    assertThat(fw.explain(truncated, PG1, Direction.INBOUND).outcome()).isEqualTo(Outcome.DROPPED);
    assertThat(fw.dropped(Direction.INBOUND, DropReason.TRUNCATED)).isEqualTo(1);
  }

  @Test
  void rejectedInboundTcpIsAnsweredWithRstBackToThePeer() {
    Firewall fw = firewall(FirewallAction.REJECT, FirewallAction.DROP);
    byte[] syn = TestPackets.tcp(ip("10.10.10.6"), 51000, ip("10.10.10.5"), 22, 0x02, 7777, 0, 0);
    int v = fw.inbound(syn, 0, syn.length, PG1, t);
    assertThat(Verdict.isReject(v)).isTrue();

    int n = RejectPackets.build(syn, 0, syn.length, answer, 0);
    assertThat(n).isEqualTo(40);
    assertThat(i32(answer, 12)).isEqualTo(ip("10.10.10.5"));
    assertThat(i32(answer, 16)).isEqualTo(ip("10.10.10.6"));
    assertThat(u16(answer, 20)).isEqualTo(22);
    assertThat(u16(answer, 22)).isEqualTo(51000);
    assertThat(i32(answer, 28)).isEqualTo(7778);
    assertThat(answer[33]).isEqualTo((byte) 0x14);
    assertThat(InternetChecksum.compute(answer, 0, 20)).isZero();
    assertThat(InternetChecksum.ipv4Transport(i32(answer, 12), i32(answer, 16), 6, answer, 20, 20))
        .isZero();

    // the RST is our outbound reply: our own outbound table (tutorial: any) would admit it
    assertThat(fw.outbound(answer, 0, n, PG1, t)).isEqualTo(Verdict.ACCEPT);
  }

  @Test
  void rejectedOutboundUdpIsAnsweredWithIcmpProhibitedIntoOurDevice() {
    Firewall fw = rejectingOutbound();
    byte[] dns = TestPackets.udp("10.10.10.5", 5000, "10.10.10.6", 53);
    assertThat(Verdict.isReject(fw.outbound(dns, 0, dns.length, PG1, t))).isTrue();
    int n = RejectPackets.build(dns, 0, dns.length, answer, 0);
    assertThat(n).isEqualTo(56);
    // written into our device: appears to come from the peer, addressed to us
    assertThat(i32(answer, 12)).isEqualTo(ip("10.10.10.6"));
    assertThat(i32(answer, 16)).isEqualTo(ip("10.10.10.5"));
    assertThat(answer[20]).isEqualTo((byte) 3);
    assertThat(answer[21]).isEqualTo((byte) 13);
    assertThat(Arrays.copyOfRange(answer, 28, 56)).isEqualTo(Arrays.copyOf(dns, 28));
    assertThat(InternetChecksum.compute(answer, 20, n - 20)).isZero();
    assertThat(fw.dropped(Direction.OUTBOUND, DropReason.NO_MATCHING_RULE)).isEqualTo(1);
  }
}
