package dev.nebula4j.device;

import dev.nebula4j.internal.packet.PacketQueue;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UDP port opened on a {@link UserspaceDevice} with {@link UserspaceDevice#openUdp}: sends
 * datagrams from it to overlay addresses and receives the datagrams the overlay delivers to it.
 * Like a {@code DatagramSocket}, but the packets travel through the nebula node, not the kernel.
 *
 * <p>Received datagrams wait in a bounded queue (the device's {@code queueCapacity}); when it is
 * full, further datagrams are dropped and counted ({@link #droppedDatagrams()}).
 *
 * <p>Thread-safe. {@link #close()} is idempotent and wakes threads blocked in {@link #receive},
 * which then throw {@link DeviceClosedException}; closing the device closes its sockets.
 */
public final class UserspaceUdpSocket implements Closeable {
  private final UserspaceDevice device;
  private final int port;
  private final PacketQueue queue;
  private final AtomicLong dropped = new AtomicLong();

  UserspaceUdpSocket(UserspaceDevice device, int port, PacketQueue queue) {
    this.device = device;
    this.port = port;
    this.queue = queue;
  }

  /** The local port. */
  public int port() {
    return port;
  }

  /** The device's first address with this socket's port. */
  public InetSocketAddress localAddress() {
    return new InetSocketAddress(device.primaryAddress(), port);
  }

  /** Sends all of {@code payload} to {@code target}. */
  public void send(InetSocketAddress target, byte[] payload) throws IOException {
    send(target, payload, 0, payload.length);
  }

  /**
   * Sends {@code len} bytes at {@code off} of {@code payload} as one datagram to {@code target},
   * from the device address in the target's network (else the first one).
   *
   * @throws IllegalArgumentException if the target is IPv6, unresolved or port 0, or the payload
   *     exceeds {@code mtu - 28}
   * @throws DeviceClosedException if this socket or the device is closed
   * @throws IllegalStateException if the device has not been started
   */
  public void send(InetSocketAddress target, byte[] payload, int off, int len) throws IOException {
    if (queue.isClosed()) {
      throw device.isClosed() ? device.closedException()
          : new DeviceClosedException("UDP port " + port + " is closed");
    }
    device.sendUdp(port, target, payload, off, len);
  }

  /**
   * The next datagram, waiting up to {@code timeout}; {@link Duration#ZERO} does not wait.
   *
   * @throws SocketTimeoutException if none arrives in time
   * @throws DeviceClosedException if this socket or the device is or gets closed
   */
  public OverlayDatagram receive(Duration timeout) throws IOException {
    return device.receiveUdp(this, timeout);
  }

  /** Datagrams dropped because the receive queue was full. */
  public long droppedDatagrams() {
    return dropped.get();
  }

  public boolean isClosed() {
    return queue.isClosed();
  }

  /** Frees the port; queued datagrams are discarded. Idempotent. */
  @Override
  public void close() {
    device.unregister(this);
  }

  @Override
  public String toString() {
    return "UserspaceUdpSocket{" + device.name() + ":" + port + (isClosed() ? ", closed}" : "}");
  }

  PacketQueue queue() {
    return queue;
  }

  void closeQueue() {
    queue.close();
  }

  /** Counts a datagram the device could not queue here; always returns false. */
  boolean countDrop() {
    if (!queue.isClosed()) {
      dropped.incrementAndGet();
    }
    return false;
  }
}
