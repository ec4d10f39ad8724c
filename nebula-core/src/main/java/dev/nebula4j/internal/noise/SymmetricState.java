package dev.nebula4j.internal.noise;

import dev.nebula4j.cert.InsecureSecretKeyAccess;
import dev.nebula4j.cert.SecretBytes;
import dev.nebula4j.internal.crypto.AeadAlgorithm;
import dev.nebula4j.internal.crypto.InsecureCounterNonceCipher;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Noise SymmetricState with SHA-256 (Noise spec §5.2): chaining key {@code ck}, handshake hash
 * {@code h} and a {@link CipherState}. HKDF is HMAC-SHA256 on the JCE (measured faster than
 * BouncyCastle's here). Not thread-safe.
 */
final class SymmetricState {
  static final int HASH_LENGTH = 32;

  private static final byte[] EMPTY = new byte[0];

  private final MessageDigest sha256;
  private final Mac hmac;
  private final CipherState cipherState;
  private byte[] ck;
  private byte[] h;

  // checkpoint for rolling back a failed readMessage
  private byte[] savedCk;
  private byte[] savedH;
  private SecretBytes savedKey;
  private InsecureCounterNonceCipher savedCipher;
  private long savedN;

  SymmetricState(AeadAlgorithm algorithm, byte[] protocolName) {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
      hmac = Mac.getInstance("HmacSHA256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks SHA-256 or HmacSHA256", e);
    }
    cipherState = new CipherState(algorithm);
    if (protocolName.length <= HASH_LENGTH) {
      h = Arrays.copyOf(protocolName, HASH_LENGTH);
    } else {
      h = sha256.digest(protocolName);
    }
    ck = h.clone();
  }

  CipherState cipherState() {
    return cipherState;
  }

  byte[] handshakeHash() {
    return h.clone();
  }

  void mixHash(byte[] data, int off, int len) {
    sha256.update(h);
    sha256.update(data, off, len);
    h = sha256.digest();
  }

  void mixHash(byte[] data) {
    mixHash(data, 0, data.length);
  }

  /** MixKey: {@code ck, k = HKDF(ck, ikm)}, then {@code k} keys the cipher state with n = 0. */
  void mixKey(byte[] inputKeyMaterial) {
    byte[][] out = hkdf(ck, inputKeyMaterial, 2);
    Arrays.fill(ck, (byte) 0);
    ck = out[0];
    cipherState.initializeKey(SecretBytes.copyFrom(out[1], InsecureSecretKeyAccess.get()));
    Arrays.fill(out[1], (byte) 0);
  }

  /** Encrypts (or copies) {@code in} with {@code h} as associated data, then mixes the result. */
  int encryptAndHash(byte[] in, int off, int len, byte[] out, int outOff) {
    int written = cipherState.encryptWithAd(h, in, off, len, out, outOff);
    mixHash(out, outOff, written);
    return written;
  }

  /** Decrypts (or copies) {@code in} with {@code h} as associated data, then mixes {@code in}. */
  int decryptAndHash(byte[] in, int off, int len, byte[] out, int outOff) throws NoiseException {
    // The ciphertext must be hashed, and out may overlap in: hash from a copy when it does.
    byte[] src = in;
    int srcOff = off;
    if (out == in) {
      src = Arrays.copyOfRange(in, off, off + len);
      srcOff = 0;
    }
    int written = cipherState.decryptWithAd(h, src, srcOff, len, out, outOff);
    mixHash(src, srcOff, len);
    return written;
  }

  /** Split(): the two transport keys, initiator→responder first. */
  SecretBytes[] split() {
    byte[][] out = hkdf(ck, EMPTY, 2);
    SecretBytes[] keys = {
      SecretBytes.copyFrom(out[0], InsecureSecretKeyAccess.get()),
      SecretBytes.copyFrom(out[1], InsecureSecretKeyAccess.get())
    };
    Arrays.fill(out[0], (byte) 0);
    Arrays.fill(out[1], (byte) 0);
    return keys;
  }

  void checkpoint() {
    savedCk = ck.clone();
    savedH = h.clone();
    savedKey = cipherState.key();
    savedCipher = cipherState.cipher();
    savedN = cipherState.nonce();
  }

  void rollback() {
    Arrays.fill(ck, (byte) 0);
    ck = savedCk;
    h = savedH;
    cipherState.restore(savedKey, savedCipher, savedN);
  }

  /** Wipes the chaining key once the handshake is over. */
  void destroy() {
    Arrays.fill(ck, (byte) 0);
    if (savedCk != null) {
      Arrays.fill(savedCk, (byte) 0);
    }
  }

  /**
   * Noise HKDF (spec §4.3): {@code temp = HMAC(ck, ikm)}, {@code out1 = HMAC(temp, 0x01)}, {@code
   * out_i = HMAC(temp, out_{i-1} ‖ i)}.
   */
  private byte[][] hkdf(byte[] chainingKey, byte[] ikm, int outputs) {
    byte[] temp = hmac(chainingKey, ikm, null, (byte) 0, false);
    try {
      byte[][] out = new byte[outputs][];
      byte[] prev = null;
      for (int i = 0; i < outputs; i++) {
        prev = hmac(temp, EMPTY, prev, (byte) (i + 1), true);
        out[i] = prev;
      }
      return out;
    } finally {
      Arrays.fill(temp, (byte) 0);
    }
  }

  private byte[] hmac(byte[] key, byte[] data, byte[] prefix, byte suffix, boolean withSuffix) {
    try {
      hmac.init(new SecretKeySpec(key, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 rejected a 32-byte key", e);
    }
    if (prefix != null) {
      hmac.update(prefix);
    }
    hmac.update(data);
    if (withSuffix) {
      hmac.update(suffix);
    }
    return hmac.doFinal();
  }
}
