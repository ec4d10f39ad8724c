package dev.nebula4j.internal.noise;

import dev.nebula4j.cert.SecretBytes;
import dev.nebula4j.internal.crypto.AeadAlgorithm;
import dev.nebula4j.internal.crypto.InsecureCounterNonceAead;
import dev.nebula4j.internal.crypto.InsecureCounterNonceCipher;

/**
 * A Noise CipherState: a key (possibly empty) and the nonce counter {@code n}, incremented after
 * every successful encryption or decryption (Noise spec §5.1). Used inside the handshake and, after
 * {@code Split()}, for the test vectors' transport messages. Nebula's data path does not use the
 * implicit counter; it takes the key via {@link #newCounterNonceAead()} and supplies the packet
 * counter itself.
 *
 * <p>Not thread-safe.
 */
public final class CipherState {
  /** Noise reserves nonce 2^64−1; it is never used for a message. */
  private static final long MAX_NONCE = -1L;

  private final AeadAlgorithm algorithm;
  private SecretBytes key;
  private InsecureCounterNonceCipher cipher;
  private long n;

  CipherState(AeadAlgorithm algorithm) {
    this.algorithm = algorithm;
  }

  CipherState(AeadAlgorithm algorithm, SecretBytes key) {
    this.algorithm = algorithm;
    initializeKey(key);
  }

  /** The AEAD algorithm. */
  public AeadAlgorithm algorithm() {
    return algorithm;
  }

  /** Whether a key is set (before the first MixKey of a handshake there is none). */
  public boolean hasKey() {
    return key != null;
  }

  /** The next nonce value (unsigned). */
  public long nonce() {
    return n;
  }

  void initializeKey(SecretBytes newKey) {
    key = newKey;
    cipher = new InsecureCounterNonceCipher(algorithm, newKey);
    n = 0;
  }

  SecretBytes key() {
    return key;
  }

  InsecureCounterNonceCipher cipher() {
    return cipher;
  }

  void restore(SecretBytes savedKey, InsecureCounterNonceCipher savedCipher, long savedN) {
    key = savedKey;
    cipher = savedCipher;
    n = savedN;
  }

  /**
   * Encrypts with the current nonce (or copies, if no key is set) into {@code out[outOff]}.
   *
   * @return bytes written: {@code len + 16} with a key, {@code len} without
   */
  int encryptWithAd(byte[] ad, byte[] in, int off, int len, byte[] out, int outOff) {
    if (key == null) {
      System.arraycopy(in, off, out, outOff, len);
      return len;
    }
    if (n == MAX_NONCE) {
      throw new IllegalStateException("Noise nonce exhausted");
    }
    int written = cipher.seal(n, ad, 0, ad == null ? 0 : ad.length, in, off, len, out, outOff);
    n++;
    return written;
  }

  /**
   * Decrypts with the current nonce (or copies, if no key is set); {@code n} advances only on
   * success.
   *
   * @return plaintext length
   */
  int decryptWithAd(byte[] ad, byte[] in, int off, int len, byte[] out, int outOff)
      throws NoiseException {
    if (key == null) {
      System.arraycopy(in, off, out, outOff, len);
      return len;
    }
    if (n == MAX_NONCE) {
      throw new NoiseException(NoiseException.Reason.DECRYPTION_FAILED, "Noise nonce exhausted");
    }
    int result = cipher.open(n, ad, 0, ad == null ? 0 : ad.length, in, off, len, out, outOff);
    if (result == InsecureCounterNonceCipher.FAIL_TOO_SHORT) {
      throw new NoiseException(
          NoiseException.Reason.MESSAGE_TOO_SHORT,
          "encrypted field of " + len + " bytes is shorter than the 16-byte tag");
    }
    if (result < 0) {
      throw new NoiseException(
          NoiseException.Reason.DECRYPTION_FAILED,
          algorithm.noiseName() + " authentication failed at nonce " + Long.toUnsignedString(n));
    }
    n++;
    return result;
  }

  /** Transport encryption with the implicit nonce: a new array ciphertext ‖ tag. */
  public byte[] encryptWithAd(byte[] ad, byte[] plaintext) {
    byte[] out = new byte[plaintext.length + (key == null ? 0 : AeadAlgorithm.TAG_LENGTH)];
    encryptWithAd(ad, plaintext, 0, plaintext.length, out, 0);
    return out;
  }

  /** Transport decryption with the implicit nonce: a new array with the plaintext. */
  public byte[] decryptWithAd(byte[] ad, byte[] ciphertext) throws NoiseException {
    if (key != null && ciphertext.length < AeadAlgorithm.TAG_LENGTH) {
      throw new NoiseException(
          NoiseException.Reason.MESSAGE_TOO_SHORT,
          "ciphertext of " + ciphertext.length + " bytes is shorter than the 16-byte tag");
    }
    byte[] out =
        new byte[ciphertext.length - (key == null ? 0 : AeadAlgorithm.TAG_LENGTH)];
    decryptWithAd(ad, ciphertext, 0, ciphertext.length, out, 0);
    return out;
  }

  /**
   * A thread-safe data-path AEAD with this state's key, for Nebula's explicit packet counters. The
   * implicit nonce of this CipherState plays no part in it.
   *
   * @throws IllegalStateException if no key is set
   */
  public InsecureCounterNonceAead newCounterNonceAead() {
    if (key == null) {
      throw new IllegalStateException("CipherState has no key");
    }
    return InsecureCounterNonceAead.create(algorithm, key);
  }

  /** Redacted: never shows the key. */
  @Override
  public String toString() {
    return "CipherState[" + algorithm.noiseName() + ", " + (key == null ? "no key" : "key redacted")
        + ", n=" + Long.toUnsignedString(n) + "]";
  }
}
