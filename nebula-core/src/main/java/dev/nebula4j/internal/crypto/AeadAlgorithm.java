package dev.nebula4j.internal.crypto;

import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;

/**
 * The two AEADs Nebula uses, with their Noise names and nonce layouts (spec §2.3, §3.1). Both
 * take a 32-byte key, a 12-byte nonce and produce a 16-byte tag; the nonce is four zero bytes
 * followed by the 64-bit counter, big-endian for AES-256-GCM and little-endian for
 * ChaCha20-Poly1305.
 *
 * <p>{@code cipher} must be the same on every node of a network: there is no negotiation, a
 * mismatch just fails every handshake.
 */
public enum AeadAlgorithm {
  /** AES-256-GCM, Noise name {@code AESGCM}, Nebula config {@code cipher: aes} (the default). */
  AES_256_GCM("AESGCM", dev.nebula4j.config.Cipher.AES, "AES/GCM/NoPadding", "AES", true),
  /** ChaCha20-Poly1305, Noise name {@code ChaChaPoly}, Nebula config {@code cipher: chachapoly}. */
  CHACHA20_POLY1305(
      "ChaChaPoly", dev.nebula4j.config.Cipher.CHACHAPOLY, "ChaCha20-Poly1305", "ChaCha20", false);

  /** Key length in bytes. */
  public static final int KEY_LENGTH = 32;
  /** Nonce length in bytes. */
  public static final int NONCE_LENGTH = 12;
  /** Authentication tag length in bytes. */
  public static final int TAG_LENGTH = 16;

  private final String noiseName;
  private final dev.nebula4j.config.Cipher config;
  private final String transformation;
  private final String keyAlgorithm;
  private final boolean bigEndianNonce; // AES-GCM; ChaChaPoly's counter is little-endian

  AeadAlgorithm(
      String noiseName,
      dev.nebula4j.config.Cipher config,
      String transformation,
      String keyAlgorithm,
      boolean bigEndianNonce) {
    this.noiseName = noiseName;
    this.config = config;
    this.transformation = transformation;
    this.keyAlgorithm = keyAlgorithm;
    this.bigEndianNonce = bigEndianNonce;
  }

  /** The name in Noise protocol names ({@code AESGCM}, {@code ChaChaPoly}). */
  public String noiseName() {
    return noiseName;
  }

  /** The value of Nebula's {@code cipher} config key that selects this algorithm. */
  public dev.nebula4j.config.Cipher config() {
    return config;
  }

  /** The JCE key algorithm name. */
  String keyAlgorithm() {
    return keyAlgorithm;
  }

  /** The algorithm with this Noise name. */
  public static AeadAlgorithm forNoiseName(String name) {
    for (AeadAlgorithm a : values()) {
      if (a.noiseName.equals(name)) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown Noise cipher name: " + name);
  }

  /** The algorithm a Nebula {@code cipher} config value selects. */
  public static AeadAlgorithm of(dev.nebula4j.config.Cipher config) {
    for (AeadAlgorithm a : values()) {
      if (a.config == config) {
        return a;
      }
    }
    throw new IllegalArgumentException("no AEAD for cipher " + config);
  }

  /**
   * Writes the 12-byte nonce for {@code counter} into {@code nonce}: bytes 0–3 zero, bytes 4–11
   * the counter in this algorithm's byte order.
   */
  public void writeNonce(byte[] nonce, long counter) {
    nonce[0] = 0;
    nonce[1] = 0;
    nonce[2] = 0;
    nonce[3] = 0;
    if (bigEndianNonce) {
      for (int i = 11; i >= 4; i--) {
        nonce[i] = (byte) counter;
        counter >>>= 8;
      }
    } else {
      for (int i = 4; i < 12; i++) {
        nonce[i] = (byte) counter;
        counter >>>= 8;
      }
    }
  }

  /** A fresh JCE cipher object for this algorithm. */
  Cipher newCipher() throws GeneralSecurityException {
    return Cipher.getInstance(transformation);
  }

  /** The JCE parameters for {@code nonce} (the array is copied by the spec). */
  AlgorithmParameterSpec parameters(byte[] nonce) {
    return bigEndianNonce
        ? new GCMParameterSpec(TAG_LENGTH * 8, nonce)
        : new IvParameterSpec(nonce);
  }
}
