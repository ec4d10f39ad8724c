package dev.nebula4j.internal.device;

import dev.nebula4j.device.PacketHandler;
import dev.nebula4j.internal.packet.PacketBuffer;
import dev.nebula4j.internal.packet.PacketBufferPool;
import dev.nebula4j.internal.packet.PacketQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that hands packets a device produced by itself (ICMP echo replies) to the node's
 * {@link PacketHandler}. It exists so that {@code Device.write} never calls the handler on the
 * writer's thread. Packets wait in a bounded queue; {@link #offer} fails instead of blocking.
 */
public final class HandlerPump implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HandlerPump.class);

  private final String threadName;
  private final PacketBufferPool pool;
  private final PacketQueue queue;
  private final AtomicLong handlerErrors = new AtomicLong();
  private volatile Thread thread;

  public HandlerPump(String threadName, PacketBufferPool pool, int capacity) {
    this.threadName = threadName;
    this.pool = pool;
    this.queue = new PacketQueue(capacity);
  }

  /** Starts the thread; it calls {@code handler} for every offered packet, in order. */
  public synchronized void start(PacketHandler handler) {
    if (thread != null) {
      throw new IllegalStateException(threadName + " already started");
    }
    Thread t = new Thread(() -> run(handler), threadName);
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  /**
   * Queues a filled buffer for the handler; on success the pump owns it and returns it to the
   * pool after the handler call.
   *
   * @return false if the queue is full or closed; the caller still owns {@code buffer}
   */
  public boolean offer(PacketBuffer buffer) {
    return queue.offer(buffer);
  }

  /** Handler calls that threw. */
  public long handlerErrors() {
    return handlerErrors.get();
  }

  /** The pump thread, {@code null} before {@link #start}. */
  public Thread thread() {
    return thread;
  }

  private void run(PacketHandler handler) {
    while (true) {
      PacketBuffer b;
      try {
        b = queue.take();
      } catch (InterruptedException e) {
        break;
      }
      if (b == null) {
        break; // closed
      }
      try {
        handler.onPacket(b.data(), 0, b.length());
      } catch (RuntimeException e) {
        if (handlerErrors.getAndIncrement() == 0) {
          log.warn("{}: packet handler threw (further failures are only counted)", threadName, e);
        }
      } finally {
        pool.release(b);
      }
    }
    drain();
  }

  private void drain() {
    for (PacketBuffer b = queue.poll(); b != null; b = queue.poll()) {
      pool.release(b);
    }
  }

  /**
   * Stops the thread and waits for it (unless called from the pump thread itself). Packets still
   * queued are discarded. Idempotent.
   */
  @Override
  public void close() {
    queue.close();
    Thread t = thread;
    if (t == null) {
      drain();
      return;
    }
    WorkerThreads.awaitExit(t, log);
  }
}
