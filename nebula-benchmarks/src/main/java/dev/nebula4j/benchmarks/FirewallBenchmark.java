package dev.nebula4j.benchmarks;

import dev.nebula4j.firewall.Direction;
import dev.nebula4j.firewall.FirewallPeer;
import dev.nebula4j.firewall.FirewallPolicy;
import dev.nebula4j.firewall.FirewallRule;
import dev.nebula4j.firewall.LocalIdentity;
import dev.nebula4j.internal.firewall.CoarseClock;
import dev.nebula4j.internal.firewall.Firewall;
import dev.nebula4j.internal.firewall.FlowTuple;
import dev.nebula4j.internal.firewall.Verdict;
import dev.nebula4j.internal.packet.IpProtocol;
import dev.nebula4j.internal.packet.Ipv4Packet;
import dev.nebula4j.internal.packet.PacketBytes;
import dev.nebula4j.net.IpNetwork;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The firewall's packet path on one thread, with the tutorial's rules (inbound ICMP, tcp/5432,
 * tcp/8008; outbound any) and a 1300-byte packet:
 *
 * <ul>
 *   <li>{@code conntrackHit}: an inbound reply of an established flow — classification, address
 *       pre-checks, conntrack lookup and expiry check, reading {@code System.nanoTime()}. The
 *       common case for every data packet.
 *   <li>{@code conntrackHitCoarseClock}: the same with a {@link CoarseClock} (what the node uses).
 *   <li>{@code ruleMatch}: rule evaluation alone for the first packet of a flow (tcp/8008, the
 *       last tutorial rule).
 *   <li>{@code ruleMiss}: an inbound tcp/22 packet — full path ending in "no matching rule" (drop
 *       counter incremented).
 *   <li>{@code ruleMiss100}: the same against 100 rules (groups, hosts, CIDRs), none matching: the
 *       linear scan's worst case.
 * </ul>
 *
 * Run with {@code -prof gc} to see that none of them allocates.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FirewallBenchmark {
  private static final int US = IpNetwork.parse("10.10.10.5/32").ipv4Address();
  private static final int PEER = IpNetwork.parse("10.10.10.6/32").ipv4Address();

  private final FlowTuple scratch = new FlowTuple();
  private final FlowTuple newFlow = new FlowTuple();
  private Firewall firewall;
  private Firewall coarseFirewall;
  private Firewall bigFirewall;
  private FirewallPeer peer;
  private byte[] reply;
  private byte[] ssh;

  @Setup
  public void setUp() {
    LocalIdentity local = LocalIdentity.of(IpNetwork.parse("10.10.10.5/24"));
    peer =
        FirewallPeer.builder()
            .name("prod1-postgres-1")
            .vpnNetwork(IpNetwork.parse("10.10.10.6/24"))
            .groups("db", "prod")
            .caName("Prod CA")
            .issuerFingerprint("4f1c6a53e4b3b1d1c0ffee00112233445566778899aabbccddeeff0011223344")
            .build();
    FirewallPolicy tutorial =
        FirewallPolicy.builder()
            .outbound(FirewallRule.builder().port("any").proto("any").host("any").build())
            .inbound(FirewallRule.builder().port("any").proto("icmp").host("any").build())
            .inbound(FirewallRule.builder().port("5432").proto("tcp").host("any").build())
            .inbound(FirewallRule.builder().port("8008").proto("tcp").host("any").build())
            .build();
    firewall = Firewall.builder().policy(tutorial).local(local).build();
    // what a node runs with: a clock ticked by its scheduler (here: never, within a trial)
    coarseFirewall =
        Firewall.builder().policy(tutorial).local(local).clock(new CoarseClock(System::nanoTime)).build();

    // establish a flow: we connected to the peer's port 5432 from 40000
    byte[] request = tcp(US, 40000, PEER, 5432);
    reply = tcp(PEER, 5432, US, 40000);
    for (Firewall fw : new Firewall[] {firewall, coarseFirewall}) {
      check(fw.outbound(request, 0, request.length, peer, scratch));
      check(fw.inbound(reply, 0, reply.length, peer, scratch));
    }
    ssh = tcp(PEER, 51000, US, 22);
    newFlow.setIpv4(Direction.INBOUND, US, PEER, 8008, 51001, 6, false);
    if (firewall.matchRules(newFlow, peer) != 2) {
      throw new IllegalStateException("tcp/8008 should match rule #2");
    }

    FirewallPolicy.Builder big = FirewallPolicy.builder();
    for (int i = 0; i < 100; i++) {
      FirewallRule.Builder r = FirewallRule.builder().proto(i % 3 == 0 ? "any" : "tcp");
      r.port(Integer.toString(1000 + i));
      switch (i % 4) {
        case 0 -> r.groups("group" + i, "prod");
        case 1 -> r.host("host-" + i);
        case 2 -> r.cidr("10.10." + (i % 200) + ".0/24");
        default -> r.caName("CA " + i).host("any");
      }
      big.inbound(r.build());
    }
    bigFirewall = Firewall.builder().policy(big.build()).local(local).build();
  }

  private static void check(int verdict) {
    if (verdict != Verdict.ACCEPT) {
      throw new IllegalStateException("setup packet not accepted: " + Verdict.toString(verdict));
    }
  }

  /** A 1300-byte TCP ACK segment (zero payload bytes; the firewall reads only the headers). */
  private static byte[] tcp(int src, int sport, int dst, int dport) {
    byte[] p = new byte[1300];
    Ipv4Packet.writeHeader(p, 0, p.length, 0, 0, Ipv4Packet.DEFAULT_TTL, IpProtocol.TCP, src, dst);
    PacketBytes.put16(p, 20, sport);
    PacketBytes.put16(p, 22, dport);
    p[32] = 0x50;
    p[33] = 0x10;
    return p;
  }

  @Benchmark
  public int conntrackHit() {
    return firewall.inbound(reply, 0, reply.length, peer, scratch);
  }

  @Benchmark
  public int conntrackHitCoarseClock() {
    return coarseFirewall.inbound(reply, 0, reply.length, peer, scratch);
  }

  @Benchmark
  public int ruleMatch() {
    return firewall.matchRules(newFlow, peer);
  }

  @Benchmark
  public int ruleMiss() {
    return firewall.inbound(ssh, 0, ssh.length, peer, scratch);
  }

  @Benchmark
  public int ruleMiss100() {
    return bigFirewall.inbound(ssh, 0, ssh.length, peer, scratch);
  }
}
