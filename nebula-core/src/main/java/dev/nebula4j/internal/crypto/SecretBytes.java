package dev.nebula4j.internal.crypto;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Secret key material (a private key, a symmetric key). The raw bytes are reachable only through
 * {@link #toByteArrayInsecure()}, so every place that handles them can be found with {@code grep
 * Insecure}; {@link #toString()} is redacted and {@link #equalsConstantTime} does not leak where two
 * secrets differ.
 *
 * <p>Instances are immutable except for {@link #destroy()}, which zeroes the bytes once the owner no
 * longer needs them.
 */
public final class SecretBytes {
  private final byte[] bytes;

  private SecretBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Takes a copy of {@code bytes[off, off + len)}; the caller may then wipe its own array. */
  public static SecretBytes copyOf(byte[] bytes, int off, int len) {
    if (off < 0 || len < 0 || off > bytes.length - len) {
      throw new IllegalArgumentException("range outside the buffer");
    }
    return new SecretBytes(Arrays.copyOfRange(bytes, off, off + len));
  }

  /** Takes a copy of {@code bytes}. */
  public static SecretBytes copyOf(byte[] bytes) {
    return copyOf(bytes, 0, bytes.length);
  }

  /** Number of secret bytes. */
  public int length() {
    return bytes.length;
  }

  /**
   * A copy of the secret bytes. The one access point to raw key material: callers must not log,
   * persist or keep the copy longer than needed, and should wipe it after use.
   */
  public byte[] toByteArrayInsecure() {
    return bytes.clone();
  }

  /** Constant-time comparison (for equal lengths). */
  public boolean equalsConstantTime(SecretBytes other) {
    return MessageDigest.isEqual(bytes, other.bytes);
  }

  /** Zeroes the bytes; later reads see zeros. */
  public void destroy() {
    Arrays.fill(bytes, (byte) 0);
  }

  /** Redacted: only the length is shown. */
  @Override
  public String toString() {
    return "SecretBytes[" + bytes.length + " bytes, redacted]";
  }
}
