package dev.nebula4j.cert;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Immutable secret bytes (a private key). The bytes leave only through {@link
 * #toByteArray(InsecureSecretKeyAccess)}; {@link #toString()} never shows them; {@link
 * #equalsSecretBytes} compares in constant time. {@code equals} is identity on purpose, so that
 * secrets do not end up compared or hashed by accident.
 */
public final class SecretBytes {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] bytes;

  private SecretBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps a copy of {@code value}. */
  public static SecretBytes copyFrom(byte[] value, InsecureSecretKeyAccess access) {
    Objects.requireNonNull(access, "access");
    return new SecretBytes(value.clone());
  }

  /** {@code length} bytes from a {@link SecureRandom}. */
  public static SecretBytes randomBytes(int length) {
    byte[] b = new byte[length];
    RANDOM.nextBytes(b);
    return new SecretBytes(b);
  }

  /** A copy of the secret bytes. Callers should overwrite the copy when done. */
  public byte[] toByteArray(InsecureSecretKeyAccess access) {
    Objects.requireNonNull(access, "access");
    return bytes.clone();
  }

  public int size() {
    return bytes.length;
  }

  /** Constant-time comparison of the contents. */
  public boolean equalsSecretBytes(SecretBytes other) {
    return other != null && MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public String toString() {
    return "SecretBytes[" + bytes.length + " bytes, redacted]";
  }
}
