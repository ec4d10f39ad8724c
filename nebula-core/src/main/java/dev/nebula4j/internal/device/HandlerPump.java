package dev.nebula4j.internal.device;

import dev.nebula4j.internal.packet.IcmpEchoResponder;
import dev.nebula4j.internal.packet.PacketBuffer;
import dev.nebula4j.internal.packet.PacketBufferPool;
import dev.nebula4j.internal.packet.PacketQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that takes pooled packet buffers from a bounded queue and hands each to a {@link
 * Consumer}, returning the buffer to its pool afterwards. Devices use it so that {@code
 * Device.write} never calls the node's handler on the writer's thread (ICMP echo replies); the
 * in-memory underlay uses it as its reader thread. {@link #offer} fails instead of blocking.
 */
public final class HandlerPump implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HandlerPump.class);

  /** What the pump thread does with the buffers; runs only on that thread. */
  @FunctionalInterface
  public interface Consumer {
    /** Handles one buffer; it goes back to the pool when this returns or throws. */
    void accept(PacketBuffer buffer);

    /** Called after {@link #accept} when nothing else is queued (the end of a burst). */
    default void queueDrained() {}
  }

  /** What {@link #offerEchoReply} did with a request. */
  public enum EchoReply {
    /** The reply is queued for the consumer. */
    QUEUED,
    /** No pooled buffer was free or the queue is full (or closed): dropped for lack of room. */
    NO_ROOM,
    /** Not a well-formed echo request to that address: nothing to answer. */
    NOT_ANSWERABLE
  }

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

  /**
   * Starts the thread; it hands every offered buffer to {@code consumer}, in order.
   *
   * @throws IllegalStateException if already started or closed
   */
  public synchronized void start(Consumer consumer) {
    if (thread != null) {
      throw new IllegalStateException(threadName + " already started");
    }
    if (queue.isClosed()) {
      throw new IllegalStateException(threadName + " is closed");
    }
    Thread t = new Thread(() -> run(consumer), threadName);
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  /**
   * Queues a filled buffer for the consumer; on success the pump owns it and returns it to the
   * pool after the consumer call.
   *
   * @return false if the queue is full or closed; the caller still owns {@code buffer}
   */
  public boolean offer(PacketBuffer buffer) {
    return queue.offer(buffer);
  }

  /**
   * Writes the ICMP echo reply to the request {@code buf[off, off + len)}, addressed to {@code
   * localAddress}, into a buffer from the pool and queues it: how a device answers pings to its
   * own addresses without calling the node's handler on the writer's thread.
   */
  public EchoReply offerEchoReply(byte[] buf, int off, int len, int localAddress) {
    PacketBuffer out = pool.acquire();
    if (out == null) {
      return EchoReply.NO_ROOM;
    }
    int n = IcmpEchoResponder.reply(buf, off, len, localAddress, out.data(), 0);
    if (n < 0) {
      pool.release(out);
      return EchoReply.NOT_ANSWERABLE;
    }
    out.setLength(n);
    if (!queue.offer(out)) {
      pool.release(out);
      return EchoReply.NO_ROOM;
    }
    return EchoReply.QUEUED;
  }

  /** Consumer calls that threw. */
  public long handlerErrors() {
    return handlerErrors.get();
  }

  /** The pump thread, {@code null} before {@link #start}. */
  public Thread thread() {
    return thread;
  }

  private void run(Consumer consumer) {
    boolean burst = false; // buffers were handed over since the last queueDrained
    while (true) {
      // one lock per buffer: poll; only when that finds the queue empty end the burst and wait
      PacketBuffer b = queue.poll();
      if (b == null) {
        if (burst) {
          burst = false;
          try {
            consumer.queueDrained();
          } catch (RuntimeException e) {
            handlerFailed(e);
          }
        }
        try {
          b = queue.take();
        } catch (InterruptedException e) {
          break;
        }
        if (b == null) {
          break; // closed
        }
      }
      try {
        consumer.accept(b);
      } catch (RuntimeException e) {
        handlerFailed(e);
      } finally {
        release(b);
      }
      burst = true;
    }
    drain();
  }

  private void handlerFailed(RuntimeException e) {
    if (handlerErrors.getAndIncrement() == 0) {
      log.warn("{}: packet handler threw (further failures are only counted)", threadName, e);
    }
  }

  private void release(PacketBuffer b) {
    b.setAttachment(null);
    pool.release(b);
  }

  private void drain() {
    for (PacketBuffer b = queue.poll(); b != null; b = queue.poll()) {
      release(b);
    }
  }

  /**
   * Stops the thread and waits for it (unless called from the pump thread itself). Packets still
   * queued are discarded. Idempotent.
   */
  @Override
  public void close() {
    queue.close();
    Thread t;
    synchronized (this) {
      t = thread; // a concurrent start() has either finished or will see the closed queue
    }
    if (t == null) {
      drain();
      return;
    }
    WorkerThreads.awaitExit(t, log);
  }
}
