package dev.nebula4j.udp;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The UDP socket(s) a node speaks nebula through: Go nebula's {@code listen.*} settings. An
 * underlay is bound when an {@link UnderlayFactory} creates it, starts reading on {@link #start},
 * and is released by {@link #close}.
 *
 * <pre>
 *             reader thread(s)                              any node thread
 *   socket ──▶ DatagramHandler.onDatagram(buf, off, len, src)      send(buf, off, len, target) ──▶ socket
 *              DatagramHandler.onBatchEnd()                       flush()
 * </pre>
 *
 * <p><b>Contract a node can rely on:</b>
 *
 * <ul>
 *   <li>{@link #send} is thread-safe and does not retain {@code buf}. It may block briefly while
 *       the kernel's send buffer is full, never indefinitely. Implementations that batch ({@code
 *       sendmmsg}) may hold datagrams back until the calling thread calls {@link #flush()} or
 *       returns from {@link DatagramHandler#onBatchEnd}; callers therefore call {@code flush()}
 *       when they have nothing more to send for now. The default implementation sends at once.
 *   <li>The handler runs on reader threads owned by the underlay (see {@link DatagramHandler}).
 *   <li>{@link #close()} is idempotent, callable from any thread including a reader, wakes the
 *       readers promptly, and when it returns (from a non-reader thread) the reader threads have
 *       ended and the port is free.
 *   <li>Nothing on the receive or send path allocates per datagram in the default
 *       implementation.
 * </ul>
 *
 * <p>Implementations: {@link UnderlayFactory#datagramChannel()} (JDK {@code DatagramChannel}, the
 * default) and {@link MemoryNetwork} (in-process, for tests). A batched native implementation
 * ({@code recvmmsg}/{@code sendmmsg}) plugs in through the same factory.
 */
public interface Underlay extends Closeable {

  /** The bound local address, with the real port when port 0 (ephemeral) was asked for. */
  InetSocketAddress localAddress();

  /**
   * Starts the reader thread(s). Datagrams that arrived since binding are delivered too.
   *
   * @throws IllegalStateException if already started or closed
   */
  void start(DatagramHandler handler);

  /**
   * Whether this underlay can send to {@code target} at all: an IPv4-only socket cannot reach
   * IPv6 addresses, a socket bound to a specific IPv6 address cannot reach IPv4 ones. Lets a node
   * skip remotes of the wrong family without trying.
   */
  boolean canSendTo(InetSocketAddress target);

  /**
   * Sends {@code len} bytes at {@code off} as one datagram to {@code target}.
   *
   * @throws IOException if the datagram cannot be sent (closed, unreachable family, too large,
   *     kernel error); the node counts and drops it
   */
  void send(byte[] buf, int off, int len, InetSocketAddress target) throws IOException;

  /** Sends whatever this thread's batch holds; a no-op for unbatched implementations. */
  default void flush() throws IOException {}

  /** The largest datagram the readers receive whole (Go nebula: 9001). */
  int maxDatagramSize();

  /** A snapshot of the counters. */
  UnderlayStats stats();

  /** Stops the readers and releases the socket(s). Idempotent; never throws. */
  @Override
  void close();
}
