package dev.nebula4j.internal.header;

/**
 * Allocation-free reads and writes of the 16-byte Nebula header (spec §2.1) inside a packet
 * buffer. All multi-byte fields are big-endian.
 *
 * <pre>
 *  byte 0      1         2..3       4..7                 8..15
 *  +---------+---------+----------+--------------------+---------------------------+
 *  | ver|type| subtype | reserved | remote index (u32) | message counter (u64)     |
 *  +---------+---------+----------+--------------------+---------------------------+
 * </pre>
 *
 * <p>Accessors do not check the buffer length beyond what array indexing does: the packet loop
 * checks {@code length >= LENGTH} once per datagram (shorter datagrams, such as 1-byte punches, are
 * ignored, spec §2.8). Use {@link Header#parse} where a checked decode is wanted.
 */
public final class HeaderCodec {
  /** Header size in bytes. */
  public static final int LENGTH = 16;

  private HeaderCodec() {}

  /** Header version (high nibble of byte 0); 1 for every Nebula release. */
  public static int version(byte[] buf, int off) {
    return (buf[off] & 0xFF) >>> 4;
  }

  /** Message type (low nibble of byte 0), see {@link MessageType}. */
  public static int type(byte[] buf, int off) {
    return buf[off] & 0x0F;
  }

  /** Message subtype (byte 1). */
  public static int subtype(byte[] buf, int off) {
    return buf[off + 1] & 0xFF;
  }

  /** Reserved bytes 2–3 (sent as 0, never checked by Go). */
  public static int reserved(byte[] buf, int off) {
    return ((buf[off + 2] & 0xFF) << 8) | (buf[off + 3] & 0xFF);
  }

  /** Remote index (bytes 4–7): the receiver's local index, unsigned 32-bit in an int. */
  public static int remoteIndex(byte[] buf, int off) {
    return ((buf[off + 4] & 0xFF) << 24)
        | ((buf[off + 5] & 0xFF) << 16)
        | ((buf[off + 6] & 0xFF) << 8)
        | (buf[off + 7] & 0xFF);
  }

  /** Message counter (bytes 8–15), an unsigned 64-bit value in a long. */
  public static long counter(byte[] buf, int off) {
    long v = 0;
    for (int i = 8; i < 16; i++) {
      v = (v << 8) | (buf[off + i] & 0xFF);
    }
    return v;
  }

  /**
   * Writes a version-1 header with zero reserved bytes.
   *
   * @return {@link #LENGTH}
   */
  public static int write(
      byte[] buf, int off, int type, int subtype, int remoteIndex, long counter) {
    return write(buf, off, MessageType.VERSION, type, subtype, 0, remoteIndex, counter);
  }

  /**
   * Writes every field of a header as given (tests and tools; nodes use the 6-argument form).
   *
   * @return {@link #LENGTH}
   */
  public static int write(
      byte[] buf,
      int off,
      int version,
      int type,
      int subtype,
      int reserved,
      int remoteIndex,
      long counter) {
    if ((version & ~0x0F) != 0 || (type & ~0x0F) != 0 || (subtype & ~0xFF) != 0
        || (reserved & ~0xFFFF) != 0) {
      throw new IllegalArgumentException(
          "header field out of range: version=" + version + " type=" + type + " subtype="
              + subtype + " reserved=" + reserved);
    }
    buf[off] = (byte) ((version << 4) | type);
    buf[off + 1] = (byte) subtype;
    buf[off + 2] = (byte) (reserved >>> 8);
    buf[off + 3] = (byte) reserved;
    buf[off + 4] = (byte) (remoteIndex >>> 24);
    buf[off + 5] = (byte) (remoteIndex >>> 16);
    buf[off + 6] = (byte) (remoteIndex >>> 8);
    buf[off + 7] = (byte) remoteIndex;
    writeCounter(buf, off, counter);
    return LENGTH;
  }

  /** Overwrites the remote index of a header already in the buffer (relay forwarding). */
  public static void writeRemoteIndex(byte[] buf, int off, int remoteIndex) {
    buf[off + 4] = (byte) (remoteIndex >>> 24);
    buf[off + 5] = (byte) (remoteIndex >>> 16);
    buf[off + 6] = (byte) (remoteIndex >>> 8);
    buf[off + 7] = (byte) remoteIndex;
  }

  /** Overwrites the counter of a header already in the buffer. */
  public static void writeCounter(byte[] buf, int off, long counter) {
    for (int i = 15; i >= 8; i--) {
      buf[off + i] = (byte) counter;
      counter >>>= 8;
    }
  }
}
