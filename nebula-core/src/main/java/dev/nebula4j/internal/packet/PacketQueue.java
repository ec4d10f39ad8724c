package dev.nebula4j.internal.packet;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded FIFO of {@link PacketBuffer}s between a producer that must never block (a packet
 * loop) and consumers that wait with a timeout. {@link #offer} fails when full instead of waiting;
 * {@link #close} wakes every waiting consumer. The ring array is allocated once.
 */
public final class PacketQueue {
  private final PacketBuffer[] ring;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private int head;
  private int count;
  private boolean closed;

  public PacketQueue(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("queue capacity must be positive, was " + capacity);
    }
    this.ring = new PacketBuffer[capacity];
  }

  /**
   * Appends without blocking.
   *
   * @return false if the queue is full or closed; the caller still owns {@code buffer}
   */
  public boolean offer(PacketBuffer buffer) {
    lock.lock();
    try {
      if (closed || count == ring.length) {
        return false;
      }
      ring[(head + count) % ring.length] = buffer;
      count++;
      notEmpty.signal();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Takes the oldest buffer, waiting up to {@code timeout}; a zero timeout does not wait.
   *
   * @return the buffer (now owned by the caller), or {@code null} on timeout or when the queue is
   *     closed and empty
   * @throws InterruptedException if interrupted while waiting
   */
  public PacketBuffer poll(long timeout, TimeUnit unit) throws InterruptedException {
    long nanos = unit.toNanos(timeout);
    lock.lockInterruptibly();
    try {
      while (count == 0) {
        if (closed || nanos <= 0) {
          return null;
        }
        nanos = notEmpty.awaitNanos(nanos);
      }
      return take0();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Takes the oldest buffer, waiting as long as it takes: what a consumer thread's loop calls.
   *
   * @return the buffer, or {@code null} once the queue is closed and empty
   * @throws InterruptedException if interrupted while waiting
   */
  public PacketBuffer take() throws InterruptedException {
    lock.lockInterruptibly();
    try {
      while (count == 0) {
        if (closed) {
          return null;
        }
        notEmpty.await();
      }
      return take0();
    } finally {
      lock.unlock();
    }
  }

  /** Takes the oldest buffer without waiting, or returns {@code null}. */
  public PacketBuffer poll() {
    lock.lock();
    try {
      return count == 0 ? null : take0();
    } finally {
      lock.unlock();
    }
  }

  private PacketBuffer take0() {
    PacketBuffer b = ring[head];
    ring[head] = null;
    head = (head + 1) % ring.length;
    count--;
    return b;
  }

  /**
   * Refuses further offers and wakes every waiting consumer. Buffers still queued stay queued:
   * drain them with {@link #poll()} to give them back to their pool. Idempotent.
   */
  public void close() {
    lock.lock();
    try {
      closed = true;
      notEmpty.signalAll();
    } finally {
      lock.unlock();
    }
  }

  public boolean isClosed() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }

  public int size() {
    lock.lock();
    try {
      return count;
    } finally {
      lock.unlock();
    }
  }

  public int capacity() {
    return ring.length;
  }
}
