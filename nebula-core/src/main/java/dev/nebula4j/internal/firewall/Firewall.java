package dev.nebula4j.internal.firewall;

import dev.nebula4j.firewall.Direction;
import dev.nebula4j.firewall.DropReason;
import dev.nebula4j.firewall.FirewallAction;
import dev.nebula4j.firewall.FirewallDecision;
import dev.nebula4j.firewall.FirewallDecision.Outcome;
import dev.nebula4j.firewall.FirewallPeer;
import dev.nebula4j.firewall.FirewallPolicy;
import dev.nebula4j.firewall.LocalIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.LongSupplier;

/**
 * Nebula's stateful, certificate-aware firewall (spec §6): classifies each IP packet, checks that
 * the peer may use its source and that the destination is ours, admits it by conntrack or by a
 * rule, and otherwise drops or rejects it.
 *
 * <pre>
 *   packet ──► classify ──malformed──► drop (counted, never rejected)
 *                 │
 *                 ▼
 *   pre-checks: remote address ∈ peer's VPN addresses (exact, inside our VPN networks)
 *               or peer's unsafe networks; local address ∈ our VPN addresses or unsafe networks
 *                 │ fail ──────────────────────────────────► drop / reject (counted)
 *                 ▼
 *   conntrack hit (not expired; revalidated if the rules were reloaded) ──► accept, refresh expiry
 *                 │ miss
 *                 ▼
 *   rule table of the direction ── match ──► accept, create flow
 *                 │ no match ─────────────────────────────► drop / reject (counted)
 * </pre>
 *
 * <h2>Packet path (for the node's I/O threads)</h2>
 *
 * <ul>
 *   <li>{@link #inbound(byte[], int, int, FirewallPeer, FlowTuple)}: a decrypted packet from the
 *       tunnel of {@code peer}, before it is written to our device.
 *   <li>{@link #outbound(byte[], int, int, FirewallPeer, FlowTuple)}: a packet read from our
 *       device, before it is encrypted to {@code peer}. A node that needs the destination first
 *       (to find the tunnel) calls {@link #classify} and then {@link #filter} with the same tuple.
 * </ul>
 *
 * Each returns a {@link Verdict}: {@link Verdict#ACCEPT}, or a drop reason code, possibly with
 * {@link Verdict#REJECT_FLAG}: then the caller builds an answer with {@code
 * dev.nebula4j.internal.packet.RejectPackets} and writes it to our device (outbound rejects) or
 * sends it back through the peer's tunnel (inbound rejects). These calls allocate nothing except
 * when a new flow is created (its key and entry), never block, never throw for any packet bytes,
 * and may run concurrently on any number of threads; each thread passes its own {@link FlowTuple}.
 *
 * <h2>Time</h2>
 *
 * Flow expiry uses the injected nanosecond clock ({@code System::nanoTime} by default); tests pass
 * a fake clock. A node should pass a {@link CoarseClock} ticked by its scheduler: reading {@code
 * System.nanoTime()} on every conntrack hit costs as much as the rest of the hit on this kind of
 * VM. Expiry is refreshed on hits with a granularity of {@link #REFRESH_GRANULARITY_NANOS}, so a
 * flow may expire up to that much earlier than "last packet plus timeout".
 *
 * <h2>Reload</h2>
 *
 * {@link #reload} swaps in a new rule set atomically and bumps the rules version; conntrack is kept
 * and each flow is revalidated against the new rules on its next hit, and dropped if they no
 * longer admit it (spec §6.7).
 */
public final class Firewall {
  /** Expiry is not rewritten on a hit unless it moves by more than this (1 s). */
  public static final long REFRESH_GRANULARITY_NANOS = 1_000_000_000L;

  private static final ThreadLocal<FlowTuple> SCRATCH = ThreadLocal.withInitial(FlowTuple::new);

  private final LongSupplier clock;
  private final Conntrack conntrack;
  private final DropCounters counters = new DropCounters();
  private volatile RuleSet rules;

  /** The current rule set (tests). */
  RuleSet ruleSet() {
    return rules;
  }

  private Firewall(Builder b) {
    this.clock = b.clock;
    this.rules = new RuleSet(b.policy, b.local, 0);
    this.conntrack = new Conntrack(clock.getAsLong());
  }

  public static Builder builder() {
    return new Builder();
  }

  // ---------------------------------------------------------------- packet path

  /**
   * Decides an inbound packet (decrypted, from {@code peer}'s tunnel).
   *
   * @param peer the tunnel's peer (never null)
   * @param scratch the calling thread's tuple; on return it holds the classified packet
   * @return a {@link Verdict}
   */
  public int inbound(byte[] packet, int off, int len, FirewallPeer peer, FlowTuple scratch) {
    int c = PacketClassifier.classify(packet, off, len, true, scratch);
    if (c != 0) {
      counters.increment(true, c);
      return c;
    }
    return filter(scratch, peer);
  }

  /**
   * Decides an outbound packet (from our device, to be sent to {@code peer}).
   *
   * @param peer the peer whose tunnel the packet is routed to (never null)
   * @param scratch the calling thread's tuple; on return it holds the classified packet
   * @return a {@link Verdict}
   */
  public int outbound(byte[] packet, int off, int len, FirewallPeer peer, FlowTuple scratch) {
    int c = PacketClassifier.classify(packet, off, len, false, scratch);
    if (c != 0) {
      counters.increment(false, c);
      return c;
    }
    return filter(scratch, peer);
  }

  /** {@link #inbound(byte[], int, int, FirewallPeer, FlowTuple)} with a thread-local tuple. */
  public int inbound(byte[] packet, int off, int len, FirewallPeer peer) {
    return inbound(packet, off, len, peer, SCRATCH.get());
  }

  /** {@link #outbound(byte[], int, int, FirewallPeer, FlowTuple)} with a thread-local tuple. */
  public int outbound(byte[] packet, int off, int len, FirewallPeer peer) {
    return outbound(packet, off, len, peer, SCRATCH.get());
  }

  /**
   * Classifies a packet into {@code out} without deciding it, e.g. to look up the tunnel of an
   * outbound packet's destination ({@link FlowTuple#remoteIpv4()}) before {@link #filter}.
   * Malformed packets are counted here.
   *
   * @return {@code 0}, or a (never rejecting) drop {@link Verdict}
   */
  public int classify(byte[] packet, int off, int len, Direction direction, FlowTuple out) {
    boolean in = direction == Direction.INBOUND;
    int c = PacketClassifier.classify(packet, off, len, in, out);
    if (c != 0) {
      counters.increment(in, c);
    }
    return c;
  }

  /**
   * Decides a classified packet from or to {@code peer} (direction taken from the tuple): pre-checks,
   * conntrack, rules. Creates a flow when a rule admits the packet.
   *
   * @return a {@link Verdict}
   */
  public int filter(FlowTuple t, FirewallPeer peer) {
    RuleSet rs = rules;
    boolean in = t.inbound;
    int reason = precheck(t, peer, rs.local);
    if (reason == 0) {
      Flow f = conntrack.get(t);
      if (f != null && admittedByFlow(t, f, peer, rs)) {
        return Verdict.ACCEPT;
      }
      CompiledRule r = rs.table(in).match(t, peer);
      if (r != null) {
        long now = clock.getAsLong();
        Flow flow = new Flow(in, now + rs.timeoutNanos(t.protocol), rs.version, r.index);
        conntrack.put(t, flow, now);
        return Verdict.ACCEPT;
      }
      reason = Verdict.NO_MATCHING_RULE;
    }
    counters.increment(in, reason);
    return rs.rejects(in) ? reason | Verdict.REJECT_FLAG : reason;
  }

  /**
   * Rule evaluation alone, without pre-checks or conntrack: the index of the first rule of the
   * tuple's direction that admits it from {@code peer}, or -1. For diagnostics and benchmarks; the
   * packet path is {@link #filter}. Allocation-free.
   */
  public int matchRules(FlowTuple t, FirewallPeer peer) {
    CompiledRule r = rules.table(t.inbound).match(t, peer);
    return r == null ? -1 : r.index;
  }

  private boolean admittedByFlow(FlowTuple t, Flow f, FirewallPeer peer, RuleSet rs) {
    long now = clock.getAsLong();
    if (f.expired(now)) {
      conntrack.remove(t, f);
      return false;
    }
    if (f.rulesVersion != rs.version) {
      CompiledRule r = rs.table(f.inbound).match(t, peer);
      if (r == null) {
        conntrack.remove(t, f);
        return false;
      }
      f.ruleIndex = r.index;
      f.rulesVersion = rs.version;
    }
    long expires = now + rs.timeoutNanos(t.protocol);
    if (expires - f.expiresAt > REFRESH_GRANULARITY_NANOS) {
      f.expiresAt = expires;
    }
    return true;
  }

  /** Spec §6.4 in Go 1.11's form; 0 when the addresses are acceptable, else a reason code. */
  private static int precheck(FlowTuple t, FirewallPeer peer, LocalAddresses local) {
    int remote = t.remoteIpv4();
    if (peer.isVpnAddressIpv4(remote)) {
      if (!local.inVpnNetworksIpv4(remote)) {
        return Verdict.REMOTE_NETWORK_NOT_OURS;
      }
    } else if (!peer.inUnsafeNetworkIpv4(remote)) {
      return Verdict.REMOTE_ADDRESS_NOT_ALLOWED;
    }
    if (!local.isLocalIpv4(t.localIpv4())) {
      return Verdict.LOCAL_ADDRESS_NOT_OURS;
    }
    return 0;
  }

  // ---------------------------------------------------------------- explain

  /** {@link #explain(byte[], int, int, FirewallPeer, Direction)} for a whole array. */
  public FirewallDecision explain(byte[] packet, FirewallPeer peer, Direction direction) {
    return explain(packet, 0, packet.length, peer, direction);
  }

  /**
   * Says what the packet path would do with this packet right now and why: the admitting rule
   * (index and config notation), an admitting conntrack flow, or the drop reason. Changes nothing:
   * no flow is created, refreshed or removed and no counter moves. Allocates; not for the packet
   * path.
   */
  public FirewallDecision explain(
      byte[] packet, int off, int len, FirewallPeer peer, Direction direction) {
    Objects.requireNonNull(peer, "peer");
    boolean in = direction == Direction.INBOUND;
    FlowTuple t = new FlowTuple();
    int c = PacketClassifier.classify(packet, off, len, in, t);
    if (c != 0) {
      String what = len == 0 ? "empty packet" : "packet of " + len + " bytes";
      return refused(direction, what, c, false);
    }
    return explain(t, peer);
  }

  /** {@link #explain(byte[], int, int, FirewallPeer, Direction)} for a classified tuple. */
  public FirewallDecision explain(FlowTuple t, FirewallPeer peer) {
    RuleSet rs = rules;
    Direction direction = t.direction();
    String packet = t.toString();
    int reason = precheck(t, peer, rs.local);
    if (reason != 0) {
      return refused(direction, packet, reason, rs.rejects(t.inbound));
    }
    Flow f = conntrack.get(t);
    if (f != null && !f.expired(clock.getAsLong())) {
      RuleTable table = rs.table(f.inbound);
      CompiledRule r =
          f.rulesVersion == rs.version ? ruleAt(table, f.ruleIndex) : table.match(t, peer);
      if (r != null) {
        Direction opened = f.inbound ? Direction.INBOUND : Direction.OUTBOUND;
        return accepted(direction, Outcome.ACCEPTED_BY_CONNTRACK, packet, r, Optional.of(opened));
      }
    }
    CompiledRule r = rs.table(t.inbound).match(t, peer);
    if (r != null) {
      return accepted(direction, Outcome.ACCEPTED_BY_RULE, packet, r, Optional.empty());
    }
    List<String> why = new ArrayList<>();
    for (CompiledRule rule : rs.table(t.inbound).rules) {
      why.add("#" + rule.index + " " + rule.text + ": " + rule.mismatch(t, t.inbound, peer));
    }
    return refused(direction, packet, Verdict.NO_MATCHING_RULE, rs.rejects(t.inbound), why);
  }

  private static CompiledRule ruleAt(RuleTable table, int index) {
    return index >= 0 && index < table.rules.size() ? table.rules.get(index) : null;
  }

  private static FirewallDecision accepted(
      Direction direction,
      Outcome outcome,
      String packet,
      CompiledRule r,
      Optional<Direction> flowDirection) {
    return new FirewallDecision(
        direction,
        outcome,
        packet,
        Optional.empty(),
        OptionalInt.of(r.index),
        Optional.of(r.rule),
        r.text,
        flowDirection,
        List.of());
  }

  private static FirewallDecision refused(
      Direction direction, String packet, int reasonCode, boolean reject) {
    return refused(direction, packet, reasonCode, reject, List.of());
  }

  private static FirewallDecision refused(
      Direction direction, String packet, int reasonCode, boolean reject, List<String> why) {
    return new FirewallDecision(
        direction,
        reject ? Outcome.REJECTED : Outcome.DROPPED,
        packet,
        Optional.of(DropReason.ofCode(reasonCode)),
        OptionalInt.empty(),
        Optional.empty(),
        "",
        Optional.empty(),
        why);
  }

  // ---------------------------------------------------------------- management

  /**
   * Installs a new policy (and our possibly changed networks, e.g. after a certificate reload).
   * Conntrack is kept; flows are revalidated lazily against the new rules (spec §6.7). New
   * timeouts apply from each flow's next refresh.
   */
  public synchronized void reload(FirewallPolicy policy, LocalIdentity local) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(local, "local");
    rules = new RuleSet(policy, local, rules.version + 1);
  }

  /** {@link #reload(FirewallPolicy, LocalIdentity)} keeping our networks. */
  public void reload(FirewallPolicy policy) {
    reload(policy, localIdentity());
  }

  public FirewallPolicy policy() {
    return rules.policy;
  }

  public LocalIdentity localIdentity() {
    return rules.local.identity;
  }

  /** Starts at 0, incremented by every {@link #reload}. */
  public int rulesVersion() {
    return rules.version;
  }

  /** What happens to packets of {@code direction} that are not admitted. */
  public FirewallAction action(Direction direction) {
    return rules.policy.action(direction);
  }

  /**
   * Removes every expired flow now. The node's scheduler should call this about once a second: the
   * packet path then never sweeps (it sweeps at most once a second by itself when it creates flows
   * and nobody else did). Never blocks packet threads.
   *
   * @return the number of flows removed
   */
  public int expireFlows() {
    return conntrack.sweep(clock.getAsLong());
  }

  /** Flows currently in the conntrack table (expired ones included until swept). */
  public int flowCount() {
    return conntrack.size();
  }

  /** Packets of {@code direction} dropped (or rejected) for {@code reason} since creation. */
  public long dropped(Direction direction, DropReason reason) {
    return counters.get(direction, reason);
  }

  /** All packets of {@code direction} dropped (or rejected) since creation. */
  public long droppedTotal(Direction direction) {
    return counters.total(direction);
  }

  /** Builder: {@link #local} is required; the policy defaults to deny-all, the clock to nanoTime. */
  public static final class Builder {
    private FirewallPolicy policy = FirewallPolicy.denyAll();
    private LocalIdentity local;
    private LongSupplier clock = System::nanoTime;

    private Builder() {}

    public Builder policy(FirewallPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    public Builder local(LocalIdentity local) {
      this.local = Objects.requireNonNull(local, "local");
      return this;
    }

    /** A monotonic clock in nanoseconds (like {@link System#nanoTime()}). */
    public Builder clock(LongSupplier nanoClock) {
      this.clock = Objects.requireNonNull(nanoClock, "clock");
      return this;
    }

    public Firewall build() {
      if (local == null) {
        throw new IllegalStateException("firewall needs our local identity (VPN networks)");
      }
      return new Firewall(this);
    }
  }
}
