package dev.nebula4j.internal.crypto;

import dev.nebula4j.cert.InsecureSecretKeyAccess;
import dev.nebula4j.cert.SecretBytes;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * An AEAD (AES-256-GCM or ChaCha20-Poly1305) keyed once, whose nonce is built from a 64-bit counter
 * the <em>caller</em> supplies: four zero bytes then the counter (byte order per {@link
 * AeadAlgorithm}). <b>Not thread-safe</b>: one instance belongs to one thread. The thread-safe
 * form for the data path is {@link InsecureCounterNonceAead}, which keeps one of these per thread.
 *
 * <h2>Why "Insecure"</h2>
 *
 * <p>Security rests entirely on the caller never sealing two messages with the same counter under
 * one key: a repeated nonce reveals the XOR of two plaintexts and, for GCM, lets an attacker forge
 * messages. Nebula guarantees this with one monotonically increasing counter per tunnel direction
 * (spec §2.4) and fresh keys per handshake; this class cannot check it (JCE only refuses an
 * immediate repetition).
 *
 * <h2>Failure handling</h2>
 *
 * <p>{@code open} never throws: bad ranges, short input, a wrong tag and any JCE exception return a
 * negative code. JDK 17's ChaCha20-Poly1305 refuses to initialise a {@code Cipher} object with
 * the key and nonce of its previous initialisation, whatever the mode. Hence sealing and opening
 * use separate JCE objects, and after any failure the object is replaced: otherwise a forged packet
 * carrying counter {@code n} would make the genuine packet {@code n} fail too.
 * {@code seal} throws {@link IllegalArgumentException} for ranges outside the buffers and {@link
 * IllegalStateException} if the provider fails (for example a counter sealed twice in a row),
 * which are bugs of the caller.
 *
 * <p>Buffers may overlap exactly (in-place: {@code in == out}, {@code inOff == outOff}).
 */
public final class InsecureCounterNonceCipher {
  /** {@code open} result: the tag did not verify, or the provider failed. */
  public static final int FAIL_AUTHENTICATION = -1;
  /** {@code open} result: the input is shorter than the 16-byte tag. */
  public static final int FAIL_TOO_SHORT = -2;
  /** {@code open} result: an offset or length lies outside its buffer, or the output is short. */
  public static final int FAIL_BAD_RANGE = -3;

  private static final byte[] EMPTY = new byte[0];

  private final AeadAlgorithm algorithm;
  private final SecretKeySpec key;
  private final byte[] nonce = new byte[AeadAlgorithm.NONCE_LENGTH];
  private Cipher sealer;
  private Cipher opener;

  /** Keys a cipher with a copy of {@code key} (32 bytes). */
  public InsecureCounterNonceCipher(AeadAlgorithm algorithm, SecretBytes key) {
    this(algorithm, keySpec(algorithm, key));
  }

  InsecureCounterNonceCipher(AeadAlgorithm algorithm, SecretKeySpec key) {
    this.algorithm = algorithm;
    this.key = key;
  }

  static SecretKeySpec keySpec(AeadAlgorithm algorithm, SecretBytes key) {
    if (key.size() != AeadAlgorithm.KEY_LENGTH) {
      throw new IllegalArgumentException(
          algorithm.noiseName() + " needs a 32-byte key, got " + key.size() + " bytes");
    }
    byte[] raw = key.toByteArray(InsecureSecretKeyAccess.get());
    try {
      return new SecretKeySpec(raw, algorithm.keyAlgorithm());
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** The AEAD algorithm. */
  public AeadAlgorithm algorithm() {
    return algorithm;
  }

  /**
   * Encrypts {@code in[inOff, inOff + inLen)} under the nonce for {@code counter}, authenticating
   * {@code aad[aadOff, aadOff + aadLen)} too, and writes ciphertext ‖ tag at {@code out[outOff]}.
   *
   * @return bytes written: {@code inLen + 16}
   */
  public int seal(
      long counter,
      byte[] aad,
      int aadOff,
      int aadLen,
      byte[] in,
      int inOff,
      int inLen,
      byte[] out,
      int outOff) {
    if (!validRange(aad, aadOff, aadLen)
        || !validRange(in, inOff, inLen)
        || inLen > Integer.MAX_VALUE - AeadAlgorithm.TAG_LENGTH
        || !validRange(out, outOff, inLen + AeadAlgorithm.TAG_LENGTH)) {
      throw new IllegalArgumentException("seal: range outside a buffer");
    }
    try {
      return init(Cipher.ENCRYPT_MODE, counter, aad, aadOff, aadLen)
          .doFinal(in == null ? EMPTY : in, inOff, inLen, out, outOff);
    } catch (GeneralSecurityException | RuntimeException e) {
      sealer = null;
      throw new IllegalStateException(
          algorithm.noiseName() + " seal failed for counter " + Long.toUnsignedString(counter), e);
    }
  }

  /**
   * Verifies and decrypts ciphertext ‖ tag {@code in[inOff, inOff + inLen)} under the nonce for
   * {@code counter} and the associated data, writing the plaintext at {@code out[outOff]}. After a
   * failure the output range holds unspecified bytes and must not be used.
   *
   * @return plaintext length ({@code inLen - 16}) or a negative {@code FAIL_*} code; never throws
   */
  public int open(
      long counter,
      byte[] aad,
      int aadOff,
      int aadLen,
      byte[] in,
      int inOff,
      int inLen,
      byte[] out,
      int outOff) {
    if (!validRange(aad, aadOff, aadLen) || !validRange(in, inOff, inLen)) {
      return FAIL_BAD_RANGE;
    }
    if (inLen < AeadAlgorithm.TAG_LENGTH) {
      return FAIL_TOO_SHORT;
    }
    if (!validRange(out, outOff, inLen - AeadAlgorithm.TAG_LENGTH)) {
      return FAIL_BAD_RANGE;
    }
    try {
      return init(Cipher.DECRYPT_MODE, counter, aad, aadOff, aadLen)
          .doFinal(in, inOff, inLen, out == null ? EMPTY : out, outOff);
    } catch (GeneralSecurityException | RuntimeException e) {
      opener = null;
      return FAIL_AUTHENTICATION;
    }
  }

  /**
   * Relay-frame mode (spec §5.3): authenticates {@code buf[off, off + len)} (outer header ‖ inner
   * packet) as associated data with an empty plaintext, and writes the 16-byte tag right after it,
   * at {@code buf[off + len]}.
   *
   * @return 16, the bytes appended
   */
  public int sealAuthOnly(long counter, byte[] buf, int off, int len) {
    // seal's range checks cover this: buf[off, off + len) as AAD, then 16 bytes at off + len
    return seal(counter, buf, off, len, null, 0, 0, buf, off + len);
  }

  /**
   * Relay-frame mode: verifies that the last 16 bytes of {@code buf[off, off + len)} are the tag
   * over the bytes before them (empty plaintext).
   *
   * @return {@code len - 16}, the length of outer header ‖ inner packet, or a negative {@code
   *     FAIL_*} code; never throws
   */
  public int openAuthOnly(long counter, byte[] buf, int off, int len) {
    if (len < 0) {
      return FAIL_BAD_RANGE;
    }
    int aadLen = len - AeadAlgorithm.TAG_LENGTH;
    if (aadLen < 0) {
      return validRange(buf, off, len) ? FAIL_TOO_SHORT : FAIL_BAD_RANGE;
    }
    int result =
        open(counter, buf, off, aadLen, buf, off + aadLen, AeadAlgorithm.TAG_LENGTH, null, 0);
    return result == 0 ? aadLen : result;
  }

  /** Redacted: never shows key bytes. */
  @Override
  public String toString() {
    return "InsecureCounterNonceCipher[" + algorithm.noiseName() + ", key redacted]";
  }

  /**
   * The sealing or opening JCE object (created on first use or after a failure), initialised for
   * {@code counter} and fed the associated data.
   */
  private Cipher init(int mode, long counter, byte[] aad, int aadOff, int aadLen)
      throws GeneralSecurityException {
    boolean sealing = mode == Cipher.ENCRYPT_MODE;
    Cipher c = sealing ? sealer : opener;
    if (c == null) {
      c = algorithm.newCipher();
      if (sealing) {
        sealer = c;
      } else {
        opener = c;
      }
    }
    algorithm.writeNonce(nonce, counter);
    c.init(mode, key, algorithm.parameters(nonce));
    if (aadLen > 0) {
      c.updateAAD(aad, aadOff, aadLen);
    }
    return c;
  }

  private static boolean validRange(byte[] buf, int off, int len) {
    if (buf == null) {
      return off == 0 && len == 0;
    }
    return off >= 0 && len >= 0 && off <= buf.length - len;
  }
}
