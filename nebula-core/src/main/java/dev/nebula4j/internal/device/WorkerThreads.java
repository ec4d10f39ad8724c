package dev.nebula4j.internal.device;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Stopping the long-lived reader and pump threads of devices and underlays: their owners first
 * wake them (close a channel or queue), then wait here. A thread stuck in a handler that never
 * returns is interrupted after a grace period rather than hanging {@code close()} forever.
 */
public final class WorkerThreads {
  /** How long {@link #awaitExit} waits before interrupting, and again after. */
  public static final long GRACE_MILLIS = 10_000;

  private WorkerThreads() {}

  /**
   * Waits for {@code thread}, already told to stop, to end. Returns at once for {@code null} or
   * the calling thread itself (a handler closing its own device). Keeps the caller's interrupt
   * status.
   *
   * @return whether the thread has ended
   */
  public static boolean awaitExit(Thread thread, Logger log) {
    if (thread == null || thread == Thread.currentThread()) {
      return thread == null;
    }
    boolean interrupted = false;
    try {
      for (int attempt = 0; attempt < 2 && thread.isAlive(); attempt++) {
        if (attempt == 1) {
          log.warn("{} did not stop within {} ms (a handler is blocked?); interrupting it",
              thread.getName(), GRACE_MILLIS);
          thread.interrupt();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
        long left;
        while (thread.isAlive() && (left = deadline - System.nanoTime()) > 0) {
          try {
            TimeUnit.NANOSECONDS.timedJoin(thread, left);
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    if (thread.isAlive()) {
      log.warn("{} is still running after close", thread.getName());
      return false;
    }
    return true;
  }
}
