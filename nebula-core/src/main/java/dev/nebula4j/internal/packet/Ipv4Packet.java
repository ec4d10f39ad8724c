package dev.nebula4j.internal.packet;

import static dev.nebula4j.internal.packet.PacketBytes.i32;
import static dev.nebula4j.internal.packet.PacketBytes.put16;
import static dev.nebula4j.internal.packet.PacketBytes.put32;
import static dev.nebula4j.internal.packet.PacketBytes.u16;
import static dev.nebula4j.internal.packet.PacketBytes.u8;

/**
 * Allocation-free access to an IPv4 header (RFC 791) in a {@code byte[]}. Addresses are
 * big-endian {@code int}s, as {@code dev.nebula4j.net.IpNetwork#ipv4Address()} returns them.
 *
 * <pre>
 *  0      4      8              16     19                       31
 * +------+------+---------------+----------------------------------+
 * |ver=4 | IHL  |     TOS       |          total length            |
 * |        identification       |flags|     fragment offset        |
 * |     TTL     |   protocol    |         header checksum          |
 * |                       source address                           |
 * |                    destination address                         |
 * |                  options (IHL &gt; 5) ...                          |
 * </pre>
 *
 * <p>Call {@link #check} once; the field accessors then assume a well-formed header at {@code
 * off} and do no bounds checks of their own.
 */
public final class Ipv4Packet {
  private Ipv4Packet() {}

  public static final int MIN_HEADER_LENGTH = 20;
  public static final int MAX_HEADER_LENGTH = 60;
  public static final int MAX_TOTAL_LENGTH = 0xFFFF;
  /** TTL of packets this library originates (Linux's default). */
  public static final int DEFAULT_TTL = 64;

  public static final int OFFSET_TOTAL_LENGTH = 2;
  public static final int OFFSET_IDENTIFICATION = 4;
  public static final int OFFSET_FLAGS_FRAGMENT = 6;
  public static final int OFFSET_TTL = 8;
  public static final int OFFSET_PROTOCOL = 9;
  public static final int OFFSET_CHECKSUM = 10;
  public static final int OFFSET_SOURCE = 12;
  public static final int OFFSET_DESTINATION = 16;

  /** "Don't fragment" in the 16-bit flags/fragment-offset field. */
  public static final int FLAG_DONT_FRAGMENT = 0x4000;
  /** "More fragments" in the 16-bit flags/fragment-offset field. */
  public static final int FLAG_MORE_FRAGMENTS = 0x2000;
  /** The fragment offset (in 8-byte units) in the 16-bit flags/fragment-offset field. */
  public static final int FRAGMENT_OFFSET_MASK = 0x1FFF;

  /**
   * Checks that {@code len} bytes at {@code off} start with a well-formed IPv4 header: version 4,
   * IHL at least 5 and within the bytes, total length between the header length and {@code len}.
   * Bytes after the total length (padding) are allowed and ignored. The header checksum is not
   * verified here (see {@link #headerChecksumValid}).
   *
   * @return the header length in bytes (20..60), or a negative {@link PacketCheck} code
   * @throws IndexOutOfBoundsException if {@code off}/{@code len} do not lie inside {@code buf}
   */
  public static int check(byte[] buf, int off, int len) {
    java.util.Objects.checkFromIndexSize(off, len, buf.length);
    if (len < MIN_HEADER_LENGTH) {
      return len > 0 && (buf[off] & 0xF0) != 0x40 ? PacketCheck.NOT_IPV4 : PacketCheck.TRUNCATED;
    }
    int b0 = buf[off] & 0xFF;
    if ((b0 >>> 4) != 4) {
      return PacketCheck.NOT_IPV4;
    }
    int ihl = (b0 & 0x0F) * 4;
    if (ihl < MIN_HEADER_LENGTH) {
      return PacketCheck.BAD_HEADER_LENGTH;
    }
    if (ihl > len) {
      return PacketCheck.TRUNCATED;
    }
    int total = u16(buf, off + OFFSET_TOTAL_LENGTH);
    if (total < ihl || total > len) {
      return PacketCheck.BAD_TOTAL_LENGTH;
    }
    return ihl;
  }

  /** The header length in bytes, from the IHL nibble. */
  public static int headerLength(byte[] buf, int off) {
    return (buf[off] & 0x0F) * 4;
  }

  /** The total length field: header plus payload, in bytes. */
  public static int totalLength(byte[] buf, int off) {
    return u16(buf, off + OFFSET_TOTAL_LENGTH);
  }

  public static int identification(byte[] buf, int off) {
    return u16(buf, off + OFFSET_IDENTIFICATION);
  }

  /** The raw 16-bit flags and fragment offset field. */
  public static int flagsAndFragmentOffset(byte[] buf, int off) {
    return u16(buf, off + OFFSET_FLAGS_FRAGMENT);
  }

  /** The fragment offset in 8-byte units; non-zero for every fragment but the first. */
  public static int fragmentOffset(byte[] buf, int off) {
    return flagsAndFragmentOffset(buf, off) & FRAGMENT_OFFSET_MASK;
  }

  /** Whether the packet is any fragment of a larger datagram (first, middle or last). */
  public static boolean isFragment(byte[] buf, int off) {
    return (flagsAndFragmentOffset(buf, off) & (FLAG_MORE_FRAGMENTS | FRAGMENT_OFFSET_MASK)) != 0;
  }

  /**
   * Whether the packet is a fragment other than the first, i.e. carries no transport header. This
   * is Go nebula's firewall {@code fragment} notion (spec §6.1).
   */
  public static boolean isNonFirstFragment(byte[] buf, int off) {
    return fragmentOffset(buf, off) != 0;
  }

  public static int ttl(byte[] buf, int off) {
    return u8(buf, off + OFFSET_TTL);
  }

  /** The protocol number, see {@link IpProtocol}. */
  public static int protocol(byte[] buf, int off) {
    return u8(buf, off + OFFSET_PROTOCOL);
  }

  /** The source address as a big-endian int. */
  public static int source(byte[] buf, int off) {
    return i32(buf, off + OFFSET_SOURCE);
  }

  /** The destination address as a big-endian int. */
  public static int destination(byte[] buf, int off) {
    return i32(buf, off + OFFSET_DESTINATION);
  }

  /** Whether the header checksum over the IHL bytes verifies. */
  public static boolean headerChecksumValid(byte[] buf, int off) {
    return InternetChecksum.compute(buf, off, headerLength(buf, off)) == 0;
  }

  /**
   * Writes a 20-byte header (no options, TOS 0) at {@code off} and computes its checksum. The
   * payload is not touched.
   *
   * @param totalLength header plus payload, 20..65535
   * @param flagsAndFragment e.g. {@link #FLAG_DONT_FRAGMENT}, or 0
   */
  public static void writeHeader(
      byte[] buf,
      int off,
      int totalLength,
      int identification,
      int flagsAndFragment,
      int ttl,
      int protocol,
      int source,
      int destination) {
    if (totalLength < MIN_HEADER_LENGTH || totalLength > MAX_TOTAL_LENGTH) {
      throw new IllegalArgumentException("IPv4 total length " + totalLength + " out of range");
    }
    buf[off] = 0x45;
    buf[off + 1] = 0;
    put16(buf, off + OFFSET_TOTAL_LENGTH, totalLength);
    put16(buf, off + OFFSET_IDENTIFICATION, identification);
    put16(buf, off + OFFSET_FLAGS_FRAGMENT, flagsAndFragment);
    buf[off + OFFSET_TTL] = (byte) ttl;
    buf[off + OFFSET_PROTOCOL] = (byte) protocol;
    put32(buf, off + OFFSET_SOURCE, source);
    put32(buf, off + OFFSET_DESTINATION, destination);
    updateHeaderChecksum(buf, off);
  }

  /** Recomputes the header checksum over the IHL bytes (after editing header fields). */
  public static void updateHeaderChecksum(byte[] buf, int off) {
    put16(buf, off + OFFSET_CHECKSUM, 0);
    put16(buf, off + OFFSET_CHECKSUM, InternetChecksum.compute(buf, off, headerLength(buf, off)));
  }
}
