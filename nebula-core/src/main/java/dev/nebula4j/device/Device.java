package dev.nebula4j.device;

import dev.nebula4j.net.IpNetwork;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * A packet device: the local end of the overlay, like a TUN interface. A node writes the inbound
 * IP packets it decrypted (and its firewall admitted) into the device, and the device hands the
 * node every IP packet that should travel into the overlay.
 *
 * <pre>
 *            node                                     device
 *   UDP → decrypt → firewall ──── write(buf, off, len) ────▶  (kernel TUN, userspace stack, ...)
 *   UDP ← encrypt ← firewall ◀─── PacketHandler.onPacket ───  (device threads or app threads)
 * </pre>
 *
 * <p><b>Lifecycle.</b> A device is created configured (addresses, MTU), then {@link #start}ed
 * once with the node's handler, then {@link #close}d. {@code close()} is idempotent, may be called
 * in any state and from any thread, wakes every thread blocked inside the device and stops the
 * device's own threads before returning. A device cannot be restarted.
 *
 * <p><b>Threading contract</b> (what a node's packet loop may rely on):
 *
 * <ul>
 *   <li>{@link #write} is thread-safe and may be called concurrently by several node threads. It
 *       never blocks indefinitely (it queues without waiting, or performs one bounded system call)
 *       and does not retain {@code buf} after it returns.
 *   <li>{@link #write} never calls the handler on the calling thread: answers the device produces
 *       itself (an ICMP echo reply, say) reach the handler from the device's own thread. So a node
 *       may hold its per-thread buffers across {@code write} without fear of re-entry.
 *   <li>The handler is called only after {@code start} and may be called concurrently (see {@link
 *       PacketHandler}). After {@code close()} returns no device thread calls it any more; a call
 *       already running on an application thread may still finish.
 * </ul>
 *
 * <p>Implementations: {@link UserspaceDevice} (no root, for embedding and tests); a kernel TUN
 * lives in its own module and fits the same shape (a blocking read loop on the TUN file
 * descriptor calling the handler, {@code write} as one {@code write(2)}).
 */
public interface Device extends Closeable {

  /** A short name for logs: the interface name for a TUN, e.g. {@code nebula1}. */
  String name();

  /** The largest IP packet this device sends or accepts, in bytes (Go nebula {@code tun.mtu}). */
  int mtu();

  /**
   * The overlay networks this device owns, each an address with its prefix length as in the
   * host's certificate, e.g. {@code 10.10.10.1/24}. Never empty.
   */
  List<IpNetwork> addresses();

  /**
   * Attaches the node and starts the device's threads, if it has any. From now on the device may
   * call {@code handler}.
   *
   * @throws IllegalStateException if already started or closed
   * @throws IOException if the device cannot start (for a TUN: opening or configuring it failed)
   */
  void start(PacketHandler handler) throws IOException;

  /**
   * Delivers one inbound IP packet from the overlay to the device. Thread-safe, never blocks
   * indefinitely, never calls the handler on this thread.
   *
   * @return {@code true} if the device took the packet; {@code false} if it dropped it (queue
   *     full, malformed, larger than the MTU, device closed). The device counts its drops.
   * @throws IndexOutOfBoundsException if {@code off}/{@code len} lie outside {@code buf}
   */
  boolean write(byte[] buf, int off, int len);

  /** Stops the device and releases what it holds. Idempotent; never throws. */
  @Override
  void close();
}
