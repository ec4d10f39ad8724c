package dev.nebula4j.internal.node;

import dev.nebula4j.node.PacketDropReason;
import java.net.InetSocketAddress;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts dropped packets and logs them without letting a flood of bad input flood the log or cost
 * a string per packet: the first drop of each {@link PacketDropReason} is logged at once, later
 * ones at most once per {@link #INTERVAL_NANOS} as a summary with the running count. Suspicious
 * reasons log at INFO, routine ones (hole punches, firewall) at DEBUG.
 *
 * <p>The per-packet cost is one counter increment, one clock read (the node's coarse clock, a
 * volatile field) and one volatile read; nothing is allocated unless a line is written.
 */
final class DropLog {
  static final long INTERVAL_NANOS = 10_000_000_000L;
  private static final Logger log = LoggerFactory.getLogger("dev.nebula4j.node.drops");

  private final NodeCounters counters;
  private final LongSupplier nanoClock;
  private final long[] nextLog = new long[PacketDropReason.values().length]; // guarded by this
  private final boolean[] logged = new boolean[PacketDropReason.values().length];
  private volatile long anyDue; // cheap pre-check: earliest nextLog of a reason already logged
  private long lines; // guarded by this

  DropLog(NodeCounters counters, LongSupplier nanoClock) {
    this.counters = counters;
    this.nanoClock = nanoClock;
  }

  /** Counts one drop of {@code reason}, from {@code source} (may be {@code null}). */
  void drop(PacketDropReason reason, InetSocketAddress source) {
    long count = counters.drop(reason);
    if (!reason.suspicious() && !log.isDebugEnabled()) {
      return;
    }
    long now = nanoClock.getAsLong();
    if (count > 1 && now - anyDue < 0) {
      return;
    }
    maybeLog(reason, source, count, now);
  }

  /** Log lines written (or due at DEBUG) so far, for tests. */
  synchronized long lines() {
    return lines;
  }

  private void maybeLog(PacketDropReason reason, InetSocketAddress source, long count, long now) {
    int i = reason.ordinal();
    synchronized (this) {
      if (logged[i] && now - nextLog[i] < 0) {
        return;
      }
      logged[i] = true;
      nextLog[i] = now + INTERVAL_NANOS;
      long earliest = Long.MAX_VALUE;
      boolean first = true;
      for (int k = 0; k < nextLog.length; k++) {
        if (logged[k] && (first || nextLog[k] - earliest < 0)) {
          earliest = nextLog[k];
          first = false;
        }
      }
      anyDue = earliest;
      lines++;
    }
    if (reason.suspicious()) {
      log.info("Dropped packet: {} [{}] from {}; {} dropped for this reason so far "
          + "(logged at most every 10 s)", reason.description(), reason, source, count);
    } else {
      log.debug("Dropped packet: {} [{}] from {}; {} dropped for this reason so far",
          reason.description(), reason, source, count);
    }
  }
}
