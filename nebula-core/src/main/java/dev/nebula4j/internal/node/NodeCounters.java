package dev.nebula4j.internal.node;

import dev.nebula4j.firewall.Direction;
import dev.nebula4j.firewall.DropReason;
import dev.nebula4j.internal.firewall.Firewall;
import dev.nebula4j.node.HandshakeFailure;
import dev.nebula4j.node.NodeStats;
import dev.nebula4j.node.PacketDropReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A node's counters. Packet counters are {@link LongAdder}s (cheap under contention, no
 * allocation once their cells exist); drops and handshake failures are indexed by enum ordinal.
 */
public final class NodeCounters {
  private static final PacketDropReason[] DROP_REASONS = PacketDropReason.values();
  private static final HandshakeFailure[] FAILURES = HandshakeFailure.values();

  final LongAdder datagramsReceived = new LongAdder();
  final LongAdder datagramsSent = new LongAdder();
  final LongAdder packetsToDevice = new LongAdder();
  final LongAdder packetsFromDevice = new LongAdder();
  final LongAdder handshakesCompleted = new LongAdder();
  final LongAdder recvErrorsSent = new LongAdder();
  final LongAdder recvErrorsReceived = new LongAdder();
  private final AtomicLongArray drops = new AtomicLongArray(DROP_REASONS.length);
  private final AtomicLongArray handshakeFailures = new AtomicLongArray(FAILURES.length);

  /** Counts a drop; returns the new total for the reason. */
  long drop(PacketDropReason reason) {
    return drops.incrementAndGet(reason.ordinal());
  }

  /** Counts {@code n} drops at once (cached packets of a failed handshake). */
  void drop(PacketDropReason reason, int n) {
    if (n > 0) {
      drops.addAndGet(reason.ordinal(), n);
    }
  }

  long drops(PacketDropReason reason) {
    return drops.get(reason.ordinal());
  }

  void handshakeFailure(HandshakeFailure reason) {
    handshakeFailures.incrementAndGet(reason.ordinal());
  }

  /** A snapshot without firewall counters (a node that is not running). */
  public NodeStats snapshot(long handshakesInitiated, int tunnels, int pending) {
    return snapshot(handshakesInitiated, tunnels, pending, null);
  }

  /**
   * A snapshot; tunnel and pending counts come from the caller, drops by firewall reason from
   * {@code firewall} (all zero when null).
   */
  public NodeStats snapshot(long handshakesInitiated, int tunnels, int pending, Firewall firewall) {
    Map<PacketDropReason, Long> d = new EnumMap<>(PacketDropReason.class);
    for (PacketDropReason r : DROP_REASONS) {
      d.put(r, drops.get(r.ordinal()));
    }
    Map<HandshakeFailure, Long> h = new EnumMap<>(HandshakeFailure.class);
    for (HandshakeFailure f : FAILURES) {
      h.put(f, handshakeFailures.get(f.ordinal()));
    }
    return new NodeStats(datagramsReceived.sum(), datagramsSent.sum(), packetsToDevice.sum(),
        packetsFromDevice.sum(), handshakesInitiated, handshakesCompleted.sum(), tunnels, pending,
        recvErrorsSent.sum(), recvErrorsReceived.sum(), d, h, firewallDrops(firewall));
  }

  private static Map<Direction, Map<DropReason, Long>> firewallDrops(Firewall firewall) {
    Map<Direction, Map<DropReason, Long>> f = new EnumMap<>(Direction.class);
    if (firewall == null) {
      return f;
    }
    for (Direction dir : Direction.values()) {
      Map<DropReason, Long> byReason = new EnumMap<>(DropReason.class);
      for (DropReason r : DropReason.values()) {
        byReason.put(r, firewall.dropped(dir, r));
      }
      f.put(dir, byReason);
    }
    return f;
  }
}
