package dev.nebula4j.internal.firewall;

import dev.nebula4j.firewall.Direction;
import dev.nebula4j.firewall.DropReason;
import java.util.concurrent.atomic.LongAdder;

/**
 * Dropped packets per direction and {@link DropReason}, as Go's {@code
 * firewall.incoming.dropped.*} / {@code firewall.outgoing.dropped.*} metrics (with the malformed
 * reasons counted too). {@link LongAdder}s, so concurrent I/O threads do not contend.
 */
final class DropCounters {
  private final LongAdder[] inbound = adders();
  private final LongAdder[] outbound = adders();

  private static LongAdder[] adders() {
    LongAdder[] a = new LongAdder[DropReason.values().length + 1];
    for (int i = 0; i < a.length; i++) {
      a[i] = new LongAdder();
    }
    return a;
  }

  void increment(boolean inboundDirection, int reasonCode) {
    (inboundDirection ? inbound : outbound)[reasonCode].increment();
  }

  long get(Direction direction, DropReason reason) {
    return (direction == Direction.INBOUND ? inbound : outbound)[reason.code()].sum();
  }

  long total(Direction direction) {
    long sum = 0;
    for (LongAdder a : direction == Direction.INBOUND ? inbound : outbound) {
      sum += a.sum();
    }
    return sum;
  }
}
