package dev.nebula4j.internal.noise;

import dev.nebula4j.cert.SecretBytes;
import java.util.HexFormat;

/**
 * A DH key pair of one {@link DhFunction}: the private key behind {@link SecretBytes} and the
 * encoded public key. {@link #toString()} shows only the public half.
 */
public final class DhKeyPair {
  private final DhFunction function;
  private final SecretBytes privateKey;
  private final byte[] publicKey;

  /**
   * Pairs a private key with its public key as given; no consistency check (use {@link
   * DhFunction#keyPairFromPrivate} to derive the public key).
   */
  public DhKeyPair(DhFunction function, SecretBytes privateKey, byte[] publicKey) {
    if (privateKey.size() != function.privateKeyLength()) {
      throw new IllegalArgumentException(
          function.noiseName() + " private key must be " + function.privateKeyLength()
              + " bytes, got " + privateKey.size());
    }
    if (publicKey.length != function.publicKeyLength()) {
      throw new IllegalArgumentException(
          function.noiseName() + " public key must be " + function.publicKeyLength()
              + " bytes, got " + publicKey.length);
    }
    this.function = function;
    this.privateKey = privateKey;
    this.publicKey = publicKey.clone();
  }

  /** The DH function the keys belong to. */
  public DhFunction function() {
    return function;
  }

  /**
   * The private key; its bytes are reachable only with {@link
   * dev.nebula4j.cert.InsecureSecretKeyAccess}.
   */
  public SecretBytes privateKey() {
    return privateKey;
  }

  /** A copy of the encoded public key. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** Copies the public key into {@code out[off]}. */
  void copyPublicKey(byte[] out, int off) {
    System.arraycopy(publicKey, 0, out, off, publicKey.length);
  }

  byte[] publicKeyUnsafe() {
    return publicKey;
  }

  @Override
  public String toString() {
    return "DhKeyPair[" + function.noiseName() + ", public=" + HexFormat.of().formatHex(publicKey)
        + ", private redacted]";
  }
}
