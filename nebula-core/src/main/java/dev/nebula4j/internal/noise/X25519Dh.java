package dev.nebula4j.internal.noise;

import dev.nebula4j.cert.InsecureSecretKeyAccess;
import dev.nebula4j.cert.SecretBytes;
import java.security.SecureRandom;
import java.util.Arrays;


/**
 * X25519 (RFC 7748) on BouncyCastle's lightweight, constant-time implementation. Private keys are
 * 32 bytes, clamped when used, so unclamped keys (as Go generates them) give the same results.
 */
final class X25519Dh implements DhFunction {
  static final X25519Dh INSTANCE = new X25519Dh();

  private X25519Dh() {}

  @Override
  public String noiseName() {
    return "25519";
  }

  @Override
  public int publicKeyLength() {
    return org.bouncycastle.math.ec.rfc7748.X25519.POINT_SIZE;
  }

  @Override
  public int privateKeyLength() {
    return org.bouncycastle.math.ec.rfc7748.X25519.SCALAR_SIZE;
  }

  @Override
  public DhKeyPair generateKeyPair(SecureRandom random) {
    byte[] priv = new byte[org.bouncycastle.math.ec.rfc7748.X25519.SCALAR_SIZE];
    try {
      org.bouncycastle.math.ec.rfc7748.X25519.generatePrivateKey(random, priv);
      byte[] pub = new byte[org.bouncycastle.math.ec.rfc7748.X25519.POINT_SIZE];
      org.bouncycastle.math.ec.rfc7748.X25519.generatePublicKey(priv, 0, pub, 0);
      return new DhKeyPair(this, SecretBytes.copyFrom(priv, InsecureSecretKeyAccess.get()), pub);
    } finally {
      Arrays.fill(priv, (byte) 0);
    }
  }

  @Override
  public DhKeyPair keyPairFromPrivate(SecretBytes privateKey) {
    if (privateKey.size() != org.bouncycastle.math.ec.rfc7748.X25519.SCALAR_SIZE) {
      throw new IllegalArgumentException(
          "X25519 private key must be 32 bytes, got " + privateKey.size());
    }
    byte[] priv = privateKey.toByteArray(InsecureSecretKeyAccess.get());
    try {
      byte[] pub = new byte[org.bouncycastle.math.ec.rfc7748.X25519.POINT_SIZE];
      org.bouncycastle.math.ec.rfc7748.X25519.generatePublicKey(priv, 0, pub, 0);
      return new DhKeyPair(this, privateKey, pub);
    } finally {
      Arrays.fill(priv, (byte) 0);
    }
  }

  @Override
  public void validatePublicKey(byte[] publicKey) throws NoiseException {
    if (publicKey.length != org.bouncycastle.math.ec.rfc7748.X25519.POINT_SIZE) {
      throw new NoiseException(
          NoiseException.Reason.INVALID_PUBLIC_KEY,
          "X25519 public key must be 32 bytes, got " + publicKey.length);
    }
  }

  @Override
  public byte[] dh(SecretBytes privateKey, byte[] publicKey) throws NoiseException {
    validatePublicKey(publicKey);
    byte[] priv = privateKey.toByteArray(InsecureSecretKeyAccess.get());
    try {
      byte[] out = new byte[org.bouncycastle.math.ec.rfc7748.X25519.POINT_SIZE];
      boolean nonZero =
          org.bouncycastle.math.ec.rfc7748.X25519.calculateAgreement(priv, 0, publicKey, 0, out, 0);
      if (!nonZero) {
        throw new NoiseException(
            NoiseException.Reason.INVALID_PUBLIC_KEY,
            "X25519 public key is a low-order point (all-zero shared secret)");
      }
      return out;
    } finally {
      Arrays.fill(priv, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "DH 25519";
  }
}
