package dev.nebula4j.internal.device;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Echo requests sent by {@code UserspaceDevice.ping} that wait for their reply, keyed by sequence
 * number (one ICMP identifier per device, like one {@code ping} process). A reply completes the
 * waiter only if it comes from the pinged address and echoes the request's token.
 */
public final class PendingPings {
  private final ConcurrentHashMap<Integer, Waiter> waiting = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** One outstanding echo request. */
  public final class Waiter {
    private final int sequence;
    private final int destination;
    private final long token;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition done = lock.newCondition();
    private long replyNanos = -1;
    private boolean cancelled;

    private Waiter(int sequence, int destination, long token) {
      this.sequence = sequence;
      this.destination = destination;
      this.token = token;
    }

    /**
     * Waits for the reply.
     *
     * @return {@link System#nanoTime()} when the reply arrived, or -1 on timeout or when {@link
     *     PendingPings#close()} cancelled the wait
     */
    public long await(long timeoutNanos) throws InterruptedException {
      lock.lock();
      try {
        long nanos = timeoutNanos;
        while (replyNanos < 0 && !cancelled && nanos > 0) {
          nanos = done.awaitNanos(nanos);
        }
        return replyNanos;
      } finally {
        lock.unlock();
        waiting.remove(sequence, this);
      }
    }

    /** Forgets this request without waiting (when sending it failed). */
    public void abandon() {
      waiting.remove(sequence, this);
    }

    private boolean complete(int source, long echoedToken, long nowNanos) {
      if (source != destination || echoedToken != token) {
        return false;
      }
      lock.lock();
      try {
        if (replyNanos >= 0) {
          return false; // a duplicate reply
        }
        replyNanos = nowNanos;
        done.signalAll();
        return true;
      } finally {
        lock.unlock();
      }
    }

    private void cancel() {
      lock.lock();
      try {
        cancelled = true;
        done.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * Registers a request before it is sent.
   *
   * @throws IllegalStateException if this sequence number is still outstanding (65536 pings in
   *     flight) or the table is closed
   */
  public Waiter register(int sequence, int destination, long token) {
    Waiter w = new Waiter(sequence, destination, token);
    if (closed) {
      throw new IllegalStateException("closed");
    }
    if (waiting.putIfAbsent(sequence, w) != null) {
      throw new IllegalStateException("ICMP sequence " + sequence + " is still waiting for a reply");
    }
    if (closed) {
      w.cancel();
    }
    return w;
  }

  /**
   * Completes the waiter for a received echo reply.
   *
   * @return whether a waiter took the reply
   */
  public boolean complete(int sequence, int source, long echoedToken) {
    Waiter w = waiting.get(sequence);
    return w != null && w.complete(source, echoedToken, System.nanoTime());
  }

  /** Whether no echo request is waiting; lets the write path skip lookups. */
  public boolean isEmpty() {
    return waiting.isEmpty();
  }

  /** Wakes every waiter with "no reply"; later registrations fail. */
  public void close() {
    closed = true;
    for (Waiter w : waiting.values()) {
      w.cancel();
    }
  }
}
