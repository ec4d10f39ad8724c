package dev.nebula4j.cert;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * Secret bytes: a private key, or a symmetric key of a tunnel. Raw bytes enter only through {@link
 * #copyFrom(byte[], InsecureSecretKeyAccess)} and leave only through {@link
 * #toByteArray(InsecureSecretKeyAccess)}, so {@code grep -rn InsecureSecretKeyAccess} finds every
 * place that handles them. {@link #toString()} never shows them; {@link #equalsSecretBytes}
 * compares in constant time. {@code equals} is identity on purpose, so that secrets do not end up
 * compared or hashed by accident.
 *
 * <p>Instances never change except through {@link #destroy()}, which the <em>owner</em> of an
 * instance (the code that created it, such as a handshake wiping its ephemeral key) calls once it
 * no longer needs the secret.
 */
public final class SecretBytes {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] bytes;

  private SecretBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps a copy of {@code value}; the caller may then wipe its own array. */
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

  /** Number of secret bytes. */
  public int size() {
    return bytes.length;
  }

  /** Constant-time comparison of the contents (the lengths are not secret). */
  public boolean equalsSecretBytes(SecretBytes other) {
    return other != null && MessageDigest.isEqual(bytes, other.bytes);
  }

  /**
   * Zeroes the bytes; later reads see zeros. Only for the owner of this instance: a {@link
   * PrivateKey}'s {@link PrivateKey#secret()} belongs to the key, not to its reader.
   */
  public void destroy() {
    Arrays.fill(bytes, (byte) 0);
  }

  /** Redacted: only the length is shown. */
  @Override
  public String toString() {
    return "SecretBytes[" + bytes.length + " bytes, redacted]";
  }
}
