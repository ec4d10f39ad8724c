package dev.nebula4j.internal.firewall;

import static dev.nebula4j.internal.firewall.Fixtures.US;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nebula4j.firewall.Direction;
import dev.nebula4j.firewall.DropReason;
import dev.nebula4j.firewall.FirewallAction;
import dev.nebula4j.firewall.FirewallDecision;
import dev.nebula4j.firewall.FirewallPeer;
import dev.nebula4j.firewall.FirewallPolicy;
import dev.nebula4j.firewall.FirewallRule;
import dev.nebula4j.internal.packet.InternetChecksum;
import dev.nebula4j.internal.packet.PacketBytes;
import dev.nebula4j.internal.packet.RejectPackets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class FirewallPropertiesTest {

  /** A packet between us (10.10.10.5) and the peer at 10.10.10.{host}, in either direction. */
  record Spec(
      Direction direction, int host, int protocol, int localPort, int remotePort, boolean fragment) {

    String remoteAddress() {
      return "10.10.10." + host;
    }

    /** The bytes: inbound from the peer to us, outbound from us to the peer. */
    byte[] packet() {
      boolean in = direction == Direction.INBOUND;
      String us = "10.10.10.5";
      String src = in ? remoteAddress() : us;
      String dst = in ? us : remoteAddress();
      int srcPort = in ? remotePort : localPort;
      int dstPort = in ? localPort : remotePort;
      if (fragment) {
        return TestPackets.fragment(protocol, src, dst, 1 + (localPort & 0xFF));
      }
      return switch (protocol) {
        case TestPackets.TCP -> TestPackets.tcp(src, srcPort, dst, dstPort);
        case TestPackets.UDP -> TestPackets.udp(src, srcPort, dst, dstPort);
        case TestPackets.ICMP -> TestPackets.icmp(src, dst, in ? 0 : 8, remotePort);
        default -> TestPackets.raw(protocol, src, dst, 12);
      };
    }

    /** The reply: opposite direction, same locally oriented tuple. */
    Spec reply() {
      Direction back = direction == Direction.INBOUND ? Direction.OUTBOUND : Direction.INBOUND;
      return new Spec(back, host, protocol, localPort, remotePort, fragment);
    }

    FirewallPeer peer() {
      return Fixtures.peer("peer-" + host, remoteAddress() + "/24", "Prod CA", Fixtures.PROD_CA_SHA, "g" + (host % 3));
    }
  }

  @Provide
  Arbitrary<Spec> packets() {
    Arbitrary<Integer> ports = Arbitraries.integers().between(0, 65535);
    return Combinators.combine(
            Arbitraries.of(Direction.class),
            Arbitraries.integers().between(1, 254).filter(h -> h != 5),
            Arbitraries.of(TestPackets.TCP, TestPackets.UDP, TestPackets.ICMP, 47, 132),
            ports,
            ports,
            Arbitraries.integers().between(0, 9).map(i -> i == 0))
        .as(
            (d, host, proto, lp, rp, frag) ->
                new Spec(d, host, proto, isPortless(proto, frag) ? 0 : lp, isPortless(proto, frag) && proto != TestPackets.ICMP ? 0 : rp, frag));
  }

  private static boolean isPortless(int proto, boolean fragment) {
    return fragment || (proto != TestPackets.TCP && proto != TestPackets.UDP);
  }

  private static Firewall firewall(FirewallPolicy policy) {
    return Firewall.builder().policy(policy).local(US).clock(() -> 42L).build();
  }

  private static int decide(Firewall fw, Spec s, FlowTuple t) {
    byte[] p = s.packet();
    return s.direction() == Direction.INBOUND
        ? fw.inbound(p, 0, p.length, s.peer(), t)
        : fw.outbound(p, 0, p.length, s.peer(), t);
  }

  @Property(tries = 300)
  void aSingleAnyRuleAdmitsEverything(@ForAll("packets") Spec s) {
    FirewallPolicy policy =
        FirewallPolicy.builder().inbound(FirewallRule.anyAny()).outbound(FirewallRule.anyAny()).build();
    Firewall fw = firewall(policy);
    assertThat(Verdict.toString(decide(fw, s, new FlowTuple()))).isEqualTo("accept");
    assertThat(fw.explain(s.packet(), s.peer(), s.direction()).ruleIndex()).hasValue(0);
  }

  @Property(tries = 300)
  void noRulesDropEverything(@ForAll("packets") Spec s, @ForAll boolean reject) {
    FirewallAction action = reject ? FirewallAction.REJECT : FirewallAction.DROP;
    Firewall fw =
        firewall(FirewallPolicy.builder().inboundAction(action).outboundAction(action).build());
    int v = decide(fw, s, new FlowTuple());
    assertThat(Verdict.reason(v)).isEqualTo(DropReason.NO_MATCHING_RULE);
    assertThat(Verdict.isReject(v)).isEqualTo(reject);
    assertThat(fw.dropped(s.direction(), DropReason.NO_MATCHING_RULE)).isEqualTo(1);
    assertThat(fw.flowCount()).isZero();
  }

  /**
   * With outbound {@code any} and no inbound rules, an outbound packet opens exactly one hole:
   * inbound packets are admitted if and only if they carry its reply tuple.
   */
  @Property(tries = 300)
  void anOutboundFlowAdmitsExactlyItsReplyInbound(
      @ForAll("packets") Spec first, @ForAll("packets") Spec probe, @ForAll("mutations") int mutation) {
    Spec opening = new Spec(Direction.OUTBOUND, first.host(), first.protocol(), first.localPort(), first.remotePort(), first.fragment());
    Firewall fw = firewall(FirewallPolicy.builder().outbound(FirewallRule.anyAny()).build());
    FlowTuple opened = new FlowTuple();
    assertThat(decide(fw, opening, opened)).isEqualTo(Verdict.ACCEPT);

    Spec reply = opening.reply();
    assertThat(decide(fw, reply, new FlowTuple())).as("the reply").isEqualTo(Verdict.ACCEPT);

    Spec near = mutate(reply, mutation);
    FlowTuple nearTuple = new FlowTuple();
    int nearVerdict = decide(fw, near, nearTuple);
    assertThat(nearVerdict == Verdict.ACCEPT).as("%s after %s", near, opening).isEqualTo(nearTuple.equals(opened));

    Spec any = new Spec(Direction.INBOUND, probe.host(), probe.protocol(), probe.localPort(), probe.remotePort(), probe.fragment());
    FlowTuple anyTuple = new FlowTuple();
    int anyVerdict = decide(fw, any, anyTuple);
    assertThat(anyVerdict == Verdict.ACCEPT).as("%s after %s", any, opening).isEqualTo(anyTuple.equals(opened));
    assertThat(fw.flowCount()).isEqualTo(1);
  }

  @Provide
  Arbitrary<Integer> mutations() {
    return Arbitraries.integers().between(0, 5);
  }

  /** The reply with one field changed (which may, for portless packets, change nothing). */
  private static Spec mutate(Spec r, int which) {
    return switch (which) {
      case 0 -> new Spec(r.direction(), r.host() == 254 ? 253 : r.host() + 1, r.protocol(), r.localPort(), r.remotePort(), r.fragment());
      case 1 -> new Spec(r.direction(), r.host(), r.protocol(), (r.localPort() + 1) & 0xFFFF, r.remotePort(), r.fragment());
      case 2 -> new Spec(r.direction(), r.host(), r.protocol(), r.localPort(), (r.remotePort() + 1) & 0xFFFF, r.fragment());
      case 3 -> new Spec(r.direction(), r.host(), r.protocol() == TestPackets.TCP ? TestPackets.UDP : TestPackets.TCP, r.localPort(), r.remotePort(), r.fragment());
      case 4 -> new Spec(r.direction(), r.host(), r.protocol(), r.localPort(), r.remotePort(), !r.fragment());
      default -> r;
    };
  }

  @Provide
  Arbitrary<byte[]> junk() {
    Arbitrary<byte[]> anyBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(80);
    // mostly IPv4-looking: version 4, any IHL, from/to the tutorial hosts, any protocol
    Arbitrary<byte[]> ipv4ish =
        Combinators.combine(
                Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(80),
                Arbitraries.integers().between(0, 15),
                Arbitraries.of(1, 6, 17, 47, 0, 255),
                Arbitraries.integers().between(0, 0xFFFF),
                Arbitraries.of(true, false))
            .as(
                (b, ihl, proto, frag, toUs) -> {
                  if (b.length > 0) {
                    b[0] = (byte) (0x40 | ihl);
                  }
                  if (b.length >= 20) {
                    b[9] = (byte) (int) proto;
                    PacketBytes.put16(b, 6, frag);
                    PacketBytes.put32(b, toUs ? 12 : 16, TestPackets.ip("10.10.10.6"));
                    PacketBytes.put32(b, toUs ? 16 : 12, TestPackets.ip("10.10.10.5"));
                  }
                  return b;
                });
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(1, anyBytes), net.jqwik.api.Tuple.of(3, ipv4ish));
  }

  @Property(tries = 2000)
  void randomBytesAreDroppedWithAReasonAndNeverThrow(
      @ForAll("junk") byte[] bytes, @ForAll Direction direction) {
    Firewall fw =
        firewall(
            Fixtures.tutorialPolicy()
                .inboundAction(FirewallAction.REJECT)
                .outboundAction(FirewallAction.REJECT)
                .build());
    // the tutorial admits everything outbound; inbound only ICMP, 5432 and 8008
    FirewallDecision explained = fw.explain(bytes, Fixtures.PG1, direction);
    int v =
        direction == Direction.INBOUND
            ? fw.inbound(bytes, 0, bytes.length, Fixtures.PG1, new FlowTuple())
            : fw.outbound(bytes, 0, bytes.length, Fixtures.PG1, new FlowTuple());
    if (v == Verdict.ACCEPT) {
      assertThat(explained.accepted()).isTrue();
      assertThat(fw.droppedTotal(direction)).isZero();
    } else {
      DropReason reason = Verdict.reason(v);
      assertThat(explained.reason()).contains(reason);
      assertThat(fw.dropped(direction, reason)).isEqualTo(1);
      assertThat(fw.droppedTotal(direction)).isEqualTo(1);
      assertThat(Verdict.isReject(v)).isEqualTo(!reason.malformed());
    }
    if (direction == Direction.INBOUND && bytes.length >= 24 && v == Verdict.ACCEPT) {
      assertThat(bytes[9] == 1 || bytes[9] == 6).as("only ICMP or TCP can pass inbound").isTrue();
    }

    // the reject builder is as robust, and whatever it builds checks out
    byte[] answer = new byte[RejectPackets.MAX_IPV4_LENGTH];
    int n = RejectPackets.build(bytes, 0, bytes.length, answer, 0);
    if (n > 0) {
      assertThat(InternetChecksum.compute(answer, 0, 20)).isZero();
      assertThat(PacketBytes.u16(answer, 2)).isEqualTo(n);
      if (answer[9] == 1) {
        assertThat(InternetChecksum.compute(answer, 20, n - 20)).isZero();
      } else {
        assertThat(n).isEqualTo(40);
        assertThat(InternetChecksum.ipv4Transport(PacketBytes.i32(answer, 12), PacketBytes.i32(answer, 16), 6, answer, 20, 20)).isZero();
      }
    }
  }

  @Property(tries = 200)
  void peersMayOnlyUseTheirOwnAddress(
      @ForAll @IntRange(min = 1, max = 254) int claimed, @ForAll("packets") Spec s) {
    Firewall fw =
        firewall(FirewallPolicy.builder().inbound(FirewallRule.anyAny()).outbound(FirewallRule.anyAny()).build());
    FirewallPeer peer = s.peer();
    Spec spoof = new Spec(s.direction(), claimed, s.protocol(), s.localPort(), s.remotePort(), s.fragment());
    byte[] p = spoof.packet();
    int v =
        s.direction() == Direction.INBOUND
            ? fw.inbound(p, 0, p.length, peer, new FlowTuple())
            : fw.outbound(p, 0, p.length, peer, new FlowTuple());
    if (claimed == s.host()) {
      assertThat(v).isEqualTo(Verdict.ACCEPT);
    } else {
      assertThat(Verdict.reason(v)).isEqualTo(DropReason.REMOTE_ADDRESS_NOT_ALLOWED);
    }
  }
}
