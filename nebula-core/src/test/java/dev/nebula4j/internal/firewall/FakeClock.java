package dev.nebula4j.internal.firewall;

import java.time.Duration;
import java.util.function.LongSupplier;

/** A nanosecond clock that only moves when told to. */
final class FakeClock implements LongSupplier {
  private volatile long now;

  FakeClock(long start) {
    this.now = start;
  }

  @Override
  public long getAsLong() {
    return now;
  }

  void advance(Duration d) {
    now += d.toNanos();
  }
}
