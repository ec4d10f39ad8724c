package dev.nebula4j.internal.firewall;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The conntrack table (spec §6.5): flows keyed by the locally oriented tuple, so a reply finds the
 * entry its request created. Lookups are lock-free ({@link ConcurrentHashMap#get} with the caller's
 * scratch tuple as the key, no allocation); creating a flow allocates its key copy and entry.
 *
 * <p>Expiry is lazy (an expired entry found by a lookup is removed and counts as a miss) plus a
 * sweep that removes every expired entry. The sweep runs at most once per {@link
 * #SWEEP_INTERVAL_NANOS} from the flow-creating path (one thread wins a CAS and sweeps; the others
 * carry on), and can be called from a scheduler through {@link #sweep(long)}. Entries are not capped
 * (Go's {@code max_connections} has never been implemented).
 */
final class Conntrack {
  /** Minimum time between two sweeps triggered from the packet path: 1 s. */
  static final long SWEEP_INTERVAL_NANOS = 1_000_000_000L;

  private final ConcurrentHashMap<FlowTuple, Flow> flows = new ConcurrentHashMap<>(256);
  private final AtomicLong nextSweep;

  Conntrack(long now) {
    this.nextSweep = new AtomicLong(now + SWEEP_INTERVAL_NANOS);
  }

  Flow get(FlowTuple key) {
    return flows.get(key);
  }

  /** Creates or replaces the flow of {@code t} (copying the key), then sweeps if one is due. */
  void put(FlowTuple t, Flow flow, long now) {
    flows.put(t.copyKey(), flow);
    long due = nextSweep.get();
    if (now - due >= 0 && nextSweep.compareAndSet(due, now + SWEEP_INTERVAL_NANOS)) {
      removeExpired(now);
    }
  }

  /** Removes the entry of {@code key} if it is still {@code flow}. */
  void remove(FlowTuple key, Flow flow) {
    flows.remove(key, flow);
  }

  /**
   * Removes every flow expired at {@code now}; returns how many. Never blocks packet threads. Also
   * postpones the next packet-path sweep, so a scheduler calling this at least once a second keeps
   * sweeps off the I/O threads.
   */
  int sweep(long now) {
    nextSweep.set(now + SWEEP_INTERVAL_NANOS);
    return removeExpired(now);
  }

  private int removeExpired(long now) {
    int removed = 0;
    for (Iterator<Map.Entry<FlowTuple, Flow>> it = flows.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<FlowTuple, Flow> e = it.next();
      if (e.getValue().expired(now)) {
        // remove only this exact entry: a concurrent put may have replaced it with a fresh flow
        if (flows.remove(e.getKey(), e.getValue())) {
          removed++;
        }
      }
    }
    return removed;
  }

  int size() {
    return flows.size();
  }

  void clear() {
    flows.clear();
  }
}
