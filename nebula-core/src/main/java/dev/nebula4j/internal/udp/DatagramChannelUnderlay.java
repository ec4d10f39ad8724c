package dev.nebula4j.internal.udp;

import dev.nebula4j.config.HostPort;
import dev.nebula4j.internal.device.WorkerThreads;
import dev.nebula4j.udp.DatagramHandler;
import dev.nebula4j.udp.Underlay;
import dev.nebula4j.udp.UnderlaySettings;
import dev.nebula4j.udp.UnderlayStats;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link Underlay}: one blocking JDK {@link DatagramChannel} and one reader thread.
 *
 * <ul>
 *   <li>An IPv4 host opens the channel with {@link StandardProtocolFamily#INET}: the JDK's default
 *       dual-stack IPv6 socket is measurably slower for IPv4 traffic. An IPv6 host opens {@code
 *       INET6}; bound to {@code ::} it also serves IPv4 (v4-mapped), as Go nebula's socket does.
 *   <li>Receive: into one heap buffer of {@code maxDatagramSize} bytes owned by the reader. The
 *       JDK receives through its per-thread cached direct buffer and returns the previous sender's
 *       {@code InetSocketAddress} instance when the sender has not changed, so a steady stream
 *       allocates nothing.
 *   <li>Send: the bytes are copied into a per-thread direct buffer and sent from there (the JDK
 *       would make the same copy for a heap buffer, and {@code ByteBuffer.wrap} would allocate a
 *       wrapper per datagram). The JDK also caches the encoded target address when the same
 *       {@code InetSocketAddress} instance is used again, so nodes should keep one instance per
 *       remote.
 *   <li>Close: closing the channel wakes the reader blocked in {@code receive}
 *       ({@code AsynchronousCloseException}); {@link #close()} then joins the reader, after which
 *       the file descriptor is closed and the port free.
 * </ul>
 */
public final class DatagramChannelUnderlay implements Underlay {
  private static final Logger log = LoggerFactory.getLogger(DatagramChannelUnderlay.class);
  private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;

  private final DatagramChannel channel;
  private final InetSocketAddress localAddress;
  private final int maxDatagramSize;
  private final boolean ipv4Capable;
  private final boolean ipv6Capable;
  private final ThreadLocal<ByteBuffer> sendBuffers;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Object startLock = new Object();
  private volatile Thread reader;

  private final AtomicLong received = new AtomicLong();
  private final LongAdder sent = new LongAdder();
  private final LongAdder sendErrors = new LongAdder();
  private final AtomicLong receiveErrors = new AtomicLong();
  private final AtomicLong handlerErrors = new AtomicLong();
  private long lastErrorLogNanos;

  private DatagramChannelUnderlay(DatagramChannel channel, InetSocketAddress local, int maxSize) {
    this.channel = channel;
    this.localAddress = local;
    this.maxDatagramSize = maxSize;
    InetAddress host = local.getAddress();
    this.ipv4Capable = host instanceof Inet4Address || host.isAnyLocalAddress();
    this.ipv6Capable = host instanceof Inet6Address;
    this.sendBuffers = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(maxSize));
  }

  /** Opens and binds the channel as {@code settings} say; see {@link
   * dev.nebula4j.udp.UnderlayFactory#datagramChannel()}. */
  public static DatagramChannelUnderlay bind(UnderlaySettings settings) throws IOException {
    Objects.requireNonNull(settings, "settings");
    InetSocketAddress wanted = settings.listenAddress();
    StandardProtocolFamily family = settings.host() instanceof Inet6Address
        ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    DatagramChannel channel = DatagramChannel.open(family);
    try {
      if (settings.receiveBufferSize() > 0) {
        channel.setOption(StandardSocketOptions.SO_RCVBUF, settings.receiveBufferSize());
      }
      if (settings.sendBufferSize() > 0) {
        channel.setOption(StandardSocketOptions.SO_SNDBUF, settings.sendBufferSize());
      }
      try {
        channel.bind(wanted);
      } catch (IOException e) {
        BindException b = new BindException(
            "cannot listen on UDP " + format(wanted) + ": " + e.getMessage());
        b.initCause(e);
        throw b;
      }
      InetSocketAddress local = (InetSocketAddress) channel.getLocalAddress();
      DatagramChannelUnderlay u =
          new DatagramChannelUnderlay(channel, local, settings.maxDatagramSize());
      log.debug("UDP underlay bound to {} (SO_RCVBUF {} B, SO_SNDBUF {} B)", format(local),
          u.receiveBufferSize(), u.sendBufferSize());
      return u;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public InetSocketAddress localAddress() {
    return localAddress;
  }

  @Override
  public int maxDatagramSize() {
    return maxDatagramSize;
  }

  /** The kernel's effective {@code SO_RCVBUF} (Linux reports twice what was asked). */
  public int receiveBufferSize() throws IOException {
    return channel.getOption(StandardSocketOptions.SO_RCVBUF);
  }

  /** The kernel's effective {@code SO_SNDBUF}. */
  public int sendBufferSize() throws IOException {
    return channel.getOption(StandardSocketOptions.SO_SNDBUF);
  }

  @Override
  public void start(DatagramHandler handler) {
    Objects.requireNonNull(handler, "handler");
    synchronized (startLock) {
      if (closed.get()) {
        throw new IllegalStateException("UDP underlay " + format(localAddress) + " is closed");
      }
      if (reader != null) {
        throw new IllegalStateException(
            "UDP underlay " + format(localAddress) + " is already started");
      }
      Thread t = new Thread(() -> readLoop(handler), "nebula4j-udp-" + localAddress.getPort());
      t.setDaemon(true);
      reader = t;
      t.start();
    }
  }

  private void readLoop(DatagramHandler handler) {
    byte[] buf = new byte[maxDatagramSize];
    ByteBuffer bb = ByteBuffer.wrap(buf);
    while (!closed.get()) {
      bb.clear();
      SocketAddress source;
      try {
        source = channel.receive(bb);
      } catch (ClosedChannelException e) {
        break; // AsynchronousCloseException is one: close() woke us
      } catch (IOException e) {
        if (!channel.isOpen()) {
          break;
        }
        receiveErrors.incrementAndGet();
        logThrottled("UDP receive on " + format(localAddress) + " failed", e);
        continue;
      }
      if (source == null) {
        continue;
      }
      received.incrementAndGet();
      try {
        handler.onDatagram(buf, 0, bb.position(), (InetSocketAddress) source);
        handler.onBatchEnd();
      } catch (RuntimeException e) {
        handlerErrors.incrementAndGet();
        logThrottled("datagram handler on " + format(localAddress) + " threw", e);
      }
    }
  }

  @Override
  public boolean canSendTo(InetSocketAddress target) {
    if (target == null || target.isUnresolved()) {
      return false;
    }
    return target.getAddress() instanceof Inet4Address ? ipv4Capable : ipv6Capable;
  }

  @Override
  public void send(byte[] buf, int off, int len, InetSocketAddress target) throws IOException {
    Objects.checkFromIndexSize(off, len, buf.length);
    if (!canSendTo(target)) {
      sendErrors.increment();
      throw new IOException("cannot send from UDP " + format(localAddress) + " to "
          + (target == null ? "null" : target.isUnresolved() ? target.toString() : format(target))
          + ": address family not served by this socket");
    }
    ByteBuffer bb = len <= maxDatagramSize ? sendBuffers.get() : ByteBuffer.allocate(len);
    bb.clear();
    bb.put(buf, off, len).flip();
    try {
      channel.send(bb, target);
    } catch (IOException | RuntimeException e) {
      sendErrors.increment();
      throw e;
    }
    sent.increment();
  }

  @Override
  public UnderlayStats stats() {
    return new UnderlayStats(received.get(), sent.sum(), sendErrors.sum(), receiveErrors.get(),
        handlerErrors.get());
  }

  /** The reader thread, {@code null} before {@link #start}. */
  Thread readerThread() {
    return reader;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      log.debug("closing UDP {} failed", format(localAddress), e);
    }
    Thread t;
    synchronized (startLock) {
      t = reader;
    }
    WorkerThreads.awaitExit(t, log);
  }

  @Override
  public String toString() {
    return "DatagramChannelUnderlay{" + format(localAddress) + (closed.get() ? ", closed}" : "}");
  }

  private void logThrottled(String message, Exception e) {
    long now = System.nanoTime();
    synchronized (this) {
      if (lastErrorLogNanos != 0 && now - lastErrorLogNanos < LOG_INTERVAL_NANOS) {
        return;
      }
      lastErrorLogNanos = now;
    }
    log.warn("{} (further failures within 10 s are only counted)", message, e);
  }

  static String format(InetSocketAddress a) {
    return HostPort.of(a).toString();
  }
}
