package dev.nebula4j.internal.noise;

import dev.nebula4j.cert.SecretBytes;
import java.security.SecureRandom;

/**
 * A Noise DH function (spec §3.1). Nebula uses {@link #X25519} (Noise name {@code 25519}) and, from
 * Go 1.7, {@link #P256} (Noise name {@code P256}), where public keys are 65-byte uncompressed points
 * and the DH output is the 32-byte X coordinate. As in Go, the Noise "DHLEN" used for the key tokens
 * of a message is the public-key length ({@link #publicKeyLength()}).
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface DhFunction {
  /** Curve25519 through BouncyCastle's lightweight X25519 (faster than JCE on this JDK). */
  DhFunction X25519 = X25519Dh.INSTANCE;
  /** NIST P-256 ECDH through the JDK's constant-time SunEC implementation. */
  DhFunction P256 = P256Dh.INSTANCE;

  /** The name in Noise protocol names: {@code 25519} or {@code P256}. */
  String noiseName();

  /** Length of an encoded public key: 32 (X25519) or 65 (P-256, uncompressed). */
  int publicKeyLength();

  /** Length of a private key: 32 for both curves. */
  int privateKeyLength();

  /** A fresh key pair from {@code random}. */
  DhKeyPair generateKeyPair(SecureRandom random);

  /**
   * The key pair of an existing private key (for example a host key loaded from a Nebula key
   * file).
   *
   * @throws IllegalArgumentException if the private key has the wrong length or is not a valid
   *     scalar for the curve
   */
  DhKeyPair keyPairFromPrivate(SecretBytes privateKey);

  /**
   * Checks an encoded public key received from a peer.
   *
   * @throws NoiseException ({@link NoiseException.Reason#INVALID_PUBLIC_KEY}) if it has the wrong
   *     length or, for P-256, is not an uncompressed point on the curve
   */
  void validatePublicKey(byte[] publicKey) throws NoiseException;

  /**
   * The DH shared secret of our private key and the peer's public key (32 bytes, a fresh array the
   * caller must wipe).
   *
   * @throws NoiseException ({@link NoiseException.Reason#INVALID_PUBLIC_KEY}) if the public key is
   *     invalid or the result is the all-zero value of a low-order point
   */
  byte[] dh(SecretBytes privateKey, byte[] publicKey) throws NoiseException;

  /** The function whose Noise name this is. */
  static DhFunction forNoiseName(String name) {
    if (X25519.noiseName().equals(name)) {
      return X25519;
    }
    if (P256.noiseName().equals(name)) {
      return P256;
    }
    throw new IllegalArgumentException("unknown Noise DH name: " + name);
  }
}
