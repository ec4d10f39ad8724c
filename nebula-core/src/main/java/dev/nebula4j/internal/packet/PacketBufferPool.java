package dev.nebula4j.internal.packet;

/**
 * A bounded pool of equally sized {@link PacketBuffer}s. Buffers are created lazily up to {@code
 * maxBuffers}; after that {@link #acquire} returns {@code null} until one is released, which is the
 * signal for the caller to drop the packet and count it. In steady state nothing is allocated.
 * Thread-safe; acquire and release are short critical sections on one monitor.
 */
public final class PacketBufferPool {
  private final int bufferSize;
  private final int maxBuffers;
  private final PacketBuffer[] free;
  private int freeCount;
  private int created;

  public PacketBufferPool(int bufferSize, int maxBuffers) {
    if (bufferSize <= 0) {
      throw new IllegalArgumentException("buffer size must be positive, was " + bufferSize);
    }
    if (maxBuffers <= 0) {
      throw new IllegalArgumentException("pool size must be positive, was " + maxBuffers);
    }
    this.bufferSize = bufferSize;
    this.maxBuffers = maxBuffers;
    this.free = new PacketBuffer[maxBuffers];
  }

  /** A buffer with undefined contents, or {@code null} when all {@code maxBuffers} are in use. */
  public PacketBuffer acquire() {
    synchronized (this) {
      if (freeCount > 0) {
        PacketBuffer b = free[--freeCount];
        free[freeCount] = null;
        return b;
      }
      if (created == maxBuffers) {
        return null;
      }
      created++;
    }
    return new PacketBuffer(bufferSize);
  }

  /** Gives a buffer back. Releasing a buffer twice or one from another pool is a bug. */
  public void release(PacketBuffer buffer) {
    if (buffer.capacity() != bufferSize) {
      throw new IllegalArgumentException("buffer does not belong to this pool: " + buffer);
    }
    synchronized (this) {
      if (freeCount == free.length) {
        throw new IllegalStateException("more buffers released than acquired");
      }
      free[freeCount++] = buffer;
    }
  }

  public int bufferSize() {
    return bufferSize;
  }

  /** Buffers currently handed out (not in the free list). */
  public synchronized int inUse() {
    return created - freeCount;
  }

  @Override
  public synchronized String toString() {
    return "PacketBufferPool{size=" + bufferSize + ", inUse=" + (created - freeCount)
        + ", created=" + created + ", max=" + maxBuffers + "}";
  }
}
