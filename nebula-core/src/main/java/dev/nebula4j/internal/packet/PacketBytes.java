package dev.nebula4j.internal.packet;

/**
 * Big-endian (network order) reads and writes of 8-, 16- and 32-bit fields in a {@code byte[]}.
 * Callers check bounds first; these never allocate.
 */
public final class PacketBytes {
  private PacketBytes() {}

  /** The unsigned byte at {@code i}. */
  public static int u8(byte[] b, int i) {
    return b[i] & 0xFF;
  }

  /** The unsigned 16-bit big-endian value at {@code i}. */
  public static int u16(byte[] b, int i) {
    return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
  }

  /** The 32-bit big-endian value at {@code i}. */
  public static int i32(byte[] b, int i) {
    return ((b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8)
        | (b[i + 3] & 0xFF);
  }

  /** Stores the low 16 bits of {@code v} big-endian at {@code i}. */
  public static void put16(byte[] b, int i, int v) {
    b[i] = (byte) (v >>> 8);
    b[i + 1] = (byte) v;
  }

  /** Stores {@code v} big-endian at {@code i}. */
  public static void put32(byte[] b, int i, int v) {
    b[i] = (byte) (v >>> 24);
    b[i + 1] = (byte) (v >>> 16);
    b[i + 2] = (byte) (v >>> 8);
    b[i + 3] = (byte) v;
  }
}
