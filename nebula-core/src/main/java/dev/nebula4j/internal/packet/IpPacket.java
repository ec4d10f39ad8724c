package dev.nebula4j.internal.packet;

/**
 * Family dispatch for raw IP packets, the first byte tells: {@code 4} → {@link Ipv4Packet}; {@code
 * 6} → IPv6 (Go nebula 1.10+ carries IPv6 inside tunnels; 1.6.1 drops it).
 */
public final class IpPacket {
  private IpPacket() {}

  /** The IP version nibble of the packet at {@code off}, or 0 when {@code len} is 0. */
  public static int version(byte[] buf, int off, int len) {
    return len <= 0 ? 0 : (buf[off] & 0xFF) >>> 4;
  }
}
