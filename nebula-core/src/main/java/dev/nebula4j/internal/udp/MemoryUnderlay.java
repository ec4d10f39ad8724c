package dev.nebula4j.internal.udp;

import dev.nebula4j.internal.device.HandlerPump;
import dev.nebula4j.internal.packet.PacketBuffer;
import dev.nebula4j.internal.packet.PacketBufferPool;
import dev.nebula4j.udp.DatagramHandler;
import dev.nebula4j.udp.Underlay;
import dev.nebula4j.udp.UnderlayStats;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One endpoint of a {@code dev.nebula4j.udp.MemoryNetwork}: a bounded queue of pooled buffers filled by senders'
 * threads and drained by this underlay's reader thread. See {@code MemoryNetwork} for the rules.
 */
public final class MemoryUnderlay implements Underlay {
  private final MemoryFabric network;
  private final InetSocketAddress localAddress;
  private final int maxDatagramSize;
  private final PacketBufferPool pool;
  private final HandlerPump pump;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Object startLock = new Object();

  private final AtomicLong received = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong sendErrors = new AtomicLong();

  MemoryUnderlay(MemoryFabric network, InetSocketAddress localAddress, int maxDatagramSize,
      int queueCapacity) {
    this.network = network;
    this.localAddress = localAddress;
    this.maxDatagramSize = maxDatagramSize;
    // one more buffer than the queue holds: the reader owns one while the handler runs
    this.pool = new PacketBufferPool(maxDatagramSize, queueCapacity + 1);
    this.pump = new HandlerPump("nebula4j-memudp-" + localAddress.getPort(), pool, queueCapacity);
  }

  @Override
  public InetSocketAddress localAddress() {
    return localAddress;
  }

  @Override
  public int maxDatagramSize() {
    return maxDatagramSize;
  }

  @Override
  public void start(DatagramHandler handler) {
    Objects.requireNonNull(handler, "handler");
    synchronized (startLock) {
      if (closed.get()) {
        throw new IllegalStateException("memory underlay " + localAddress + " is closed");
      }
      if (pump.thread() != null) {
        throw new IllegalStateException("memory underlay " + localAddress + " is already started");
      }
      pump.start(new HandlerPump.Consumer() {
        @Override
        public void accept(PacketBuffer b) {
          received.incrementAndGet();
          handler.onDatagram(b.data(), 0, b.length(), (InetSocketAddress) b.attachment());
        }

        @Override
        public void queueDrained() {
          handler.onBatchEnd();
        }
      });
    }
  }

  /** Queues a datagram from {@code from}; false if the queue is full or closed. */
  boolean enqueue(byte[] buf, int off, int len, InetSocketAddress from) {
    PacketBuffer b = pool.acquire();
    if (b == null) {
      return false;
    }
    b.fill(buf, off, Math.min(len, maxDatagramSize));
    b.setAttachment(from);
    if (!pump.offer(b)) {
      b.setAttachment(null);
      pool.release(b);
      return false;
    }
    return true;
  }

  @Override
  public boolean canSendTo(InetSocketAddress target) {
    return target != null && !target.isUnresolved()
        && (target.getAddress() instanceof Inet4Address)
            == (localAddress.getAddress() instanceof Inet4Address);
  }

  @Override
  public void send(byte[] buf, int off, int len, InetSocketAddress target) throws IOException {
    Objects.checkFromIndexSize(off, len, buf.length);
    if (closed.get()) {
      sendErrors.incrementAndGet();
      throw new ClosedChannelException();
    }
    if (!canSendTo(target)) {
      sendErrors.incrementAndGet();
      throw new IOException("memory underlay " + localAddress + " cannot send to " + target
          + ": other address family");
    }
    if (len > 0xFFFF) {
      sendErrors.incrementAndGet();
      throw new IOException("datagram of " + len + " bytes is too long for UDP");
    }
    sent.incrementAndGet();
    network.deliver(localAddress, buf, off, len, target);
  }

  @Override
  public UnderlayStats stats() {
    return new UnderlayStats(received.get(), sent.get(), sendErrors.get(), 0, pump.handlerErrors());
  }

  /** The reader thread, {@code null} before {@link #start}. */
  Thread readerThread() {
    return pump.thread();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    network.unbind(this);
    pump.close();
  }

  @Override
  public String toString() {
    return "MemoryUnderlay{" + localAddress + (closed.get() ? ", closed}" : "}");
  }
}
