package dev.nebula4j.internal.packet;

/**
 * The RFC 1071 ones'-complement checksum used by IPv4, ICMP, UDP and TCP. Allocation-free; use
 * {@link #partial} to fold in a pseudo-header before the payload.
 */
public final class InternetChecksum {
  private InternetChecksum() {}

  /** The checksum of {@code len} bytes at {@code off}, ready to store (already complemented). */
  public static int compute(byte[] buf, int off, int len) {
    return finish(partial(0, buf, off, len));
  }

  /**
   * Adds {@code len} bytes at {@code off} to a running 32-bit sum; an odd trailing byte is padded
   * with zero. Only the final block of a sum may have odd length.
   */
  public static long partial(long sum, byte[] buf, int off, int len) {
    int end = off + len - 1;
    int i = off;
    for (; i < end; i += 2) {
      sum += ((buf[i] & 0xFF) << 8) | (buf[i + 1] & 0xFF);
    }
    if (i == end) {
      sum += (buf[i] & 0xFF) << 8;
    }
    return sum;
  }

  /** Folds the carries and complements: the value to store in the checksum field. */
  public static int finish(long sum) {
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xFFFF) + (sum >>> 16);
    }
    return (int) (~sum & 0xFFFF);
  }

  /**
   * The TCP/UDP checksum over an IPv4 pseudo-header (src, dst, protocol, length) and the segment.
   * The checksum field inside the segment must be zero when this is called.
   */
  public static int ipv4Transport(
      int srcAddr, int dstAddr, int protocol, byte[] buf, int off, int len) {
    long sum = 0;
    sum += (srcAddr >>> 16) + (srcAddr & 0xFFFF);
    sum += (dstAddr >>> 16) + (dstAddr & 0xFFFF);
    sum += protocol & 0xFF;
    sum += len & 0xFFFF;
    return finish(partial(sum, buf, off, len));
  }
}
