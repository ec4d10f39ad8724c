package dev.nebula4j.udp;

import dev.nebula4j.internal.udp.DatagramChannelUnderlay;
import java.io.IOException;

/**
 * Creates bound {@link Underlay}s; a node takes one in its builder and calls it once at start. The
 * default is {@link #datagramChannel()}; tests pass a {@link MemoryNetwork}; a batched native
 * implementation would be another factory.
 */
@FunctionalInterface
public interface UnderlayFactory {

  /**
   * Binds an underlay as {@code settings} say. The underlay is not reading yet: see {@link
   * Underlay#start}.
   *
   * @throws java.net.BindException if the address is in use or not local; the message names it
   * @throws IOException for other socket errors
   */
  Underlay bind(UnderlaySettings settings) throws IOException;

  /**
   * The default: one JDK {@code DatagramChannel} (IPv4-only for an IPv4 host, dual-stack for
   * {@code ::}) and one daemon reader thread named {@code nebula4j-udp-<port>}.
   */
  static UnderlayFactory datagramChannel() {
    return DatagramChannelUnderlay::bind;
  }
}
