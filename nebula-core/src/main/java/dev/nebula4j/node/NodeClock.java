package dev.nebula4j.node;

import java.time.Instant;

/**
 * The two clocks a node reads: a monotonic one for timers, liveness and rate limits, and the wall
 * clock for what other hosts see (the handshake {@code Time} field) and for certificate validity.
 * {@link #system()} is the default; tests pass a {@link ManualScheduler}, which is also a clock, so
 * that retries and timeouts happen exactly when the test advances time.
 *
 * <p>Implementations must be thread-safe and cheap: the packet path may read {@link #nanoTime()}.
 */
public interface NodeClock {

  /** Monotonic time in nanoseconds, like {@link System#nanoTime()}: only differences matter. */
  long nanoTime();

  /** The wall clock. */
  Instant now();

  /** {@link System#nanoTime()} and {@link Instant#now()}. */
  static NodeClock system() {
    return SystemClock.INSTANCE;
  }

  /** The system clock as a singleton (a nested enum keeps it out of the public API). */
  enum SystemClock implements NodeClock {
    INSTANCE;

    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public Instant now() {
      return Instant.now();
    }

    @Override
    public String toString() {
      return "NodeClock.system()";
    }
  }
}
