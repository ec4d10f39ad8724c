package dev.nebula4j.internal.node;

import dev.nebula4j.config.HostPort;
import dev.nebula4j.node.PacketDropReason;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
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
 * volatile field) and one read of the reason's next log time; no lock is taken and nothing is
 * allocated unless a line is written. Of several threads that find a line due at once, the one
 * whose compare-and-set moves the reason's next log time writes it.
 */
final class DropLog {
  static final long INTERVAL_NANOS = 10_000_000_000L;
  private static final Logger log = LoggerFactory.getLogger("dev.nebula4j.node.drops");

  private final NodeCounters counters;
  private final LongSupplier nanoClock;
  /** Per reason: the clock value from which the next line may be written. */
  private final AtomicLongArray nextLog;
  private final LongAdder lines = new LongAdder();

  DropLog(NodeCounters counters, LongSupplier nanoClock) {
    this.counters = counters;
    this.nanoClock = nanoClock;
    this.nextLog = new AtomicLongArray(PacketDropReason.values().length);
    long start = nanoClock.getAsLong();
    for (int i = 0; i < nextLog.length(); i++) {
      nextLog.set(i, start); // the first drop of every reason is logged
    }
  }

  /** Counts one drop of {@code reason}, from {@code source} (may be {@code null}). */
  void drop(PacketDropReason reason, InetSocketAddress source) {
    long count = counters.drop(reason);
    if (!reason.suspicious() && !log.isDebugEnabled()) {
      return;
    }
    int i = reason.ordinal();
    long due = nextLog.get(i);
    long now = nanoClock.getAsLong();
    if (now - due < 0 || !nextLog.compareAndSet(i, due, now + INTERVAL_NANOS)) {
      return;
    }
    lines.increment();
    Object from = source == null ? "-" : HostPort.of(source); // host:port, [v6]:port as Go logs
    if (reason.suspicious()) {
      log.info("Dropped packet: {} [{}] from {}; {} dropped for this reason so far "
          + "(logged at most every 10 s)", reason.description(), reason, from, count);
    } else {
      log.debug("Dropped packet: {} [{}] from {}; {} dropped for this reason so far",
          reason.description(), reason, from, count);
    }
  }

  /** Log lines written (or due at DEBUG) so far, for tests. */
  long lines() {
    return lines.sum();
  }
}
