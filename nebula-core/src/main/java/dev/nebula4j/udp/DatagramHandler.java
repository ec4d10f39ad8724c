package dev.nebula4j.udp;

import java.net.InetSocketAddress;

/**
 * Receives the UDP datagrams of an {@link Underlay}; a node's implementation runs the inbound
 * packet path (header, replay check, decrypt, firewall, device).
 *
 * <p><b>Threading.</b> Called only on the underlay's reader thread(s). An underlay with one
 * reader (the default) never calls it concurrently; one with several readers (several sockets
 * with {@code SO_REUSEPORT}, {@code listen.routines}) may, so implementations must be
 * thread-safe. Must not throw; the underlay counts and logs what is thrown and goes on reading.
 */
@FunctionalInterface
public interface DatagramHandler {

  /**
   * One received datagram in {@code buf[off .. off+len)}. The bytes are valid only during the
   * call: the reader reuses the buffer for the next datagram, so copy what must outlive it.
   *
   * @param source the sender. {@code InetSocketAddress} is immutable, so it may be kept; an
   *     underlay may pass the same instance for consecutive datagrams from one sender (the JDK's
   *     {@code DatagramChannel} caches the last sender), so comparing with {@code equals} is cheap
   *     and allocation-free.
   */
  void onDatagram(byte[] buf, int off, int len, InetSocketAddress source);

  /**
   * Called on the reader thread after a group of datagrams, when the reader is about to wait for
   * more (a {@code recvmmsg} batch, or a single datagram for the default underlay). A node may
   * flush work it batched during the group here, for example call {@link Underlay#flush()}.
   */
  default void onBatchEnd() {}
}
