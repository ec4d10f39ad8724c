package dev.nebula4j.internal.noise;

import dev.nebula4j.cert.InsecureSecretKeyAccess;
import dev.nebula4j.cert.SecretBytes;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import javax.crypto.KeyAgreement;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * NIST P-256 ECDH as Go nebula uses it from 1.7: public keys are 65-byte uncompressed points
 * ({@code 04 ‖ X ‖ Y}), private keys 32-byte big-endian scalars, and the DH output is the 32-byte
 * big-endian X coordinate of the shared point. Peer points are checked to lie on the curve.
 *
 * <p>The DH itself runs on the JDK's SunEC provider (constant-time), since it involves the
 * long-lived static key and attacker-chosen points; on JDK 17 it costs about 1–3 ms per operation,
 * so a P-256 handshake is roughly ten times as expensive as an X25519 one. Public keys are derived
 * (and ephemeral keys generated) with BouncyCastle's fixed-point comb over the base point, which
 * uses cache-safe lookup tables and is several times faster than SunEC's key generation.
 */
final class P256Dh implements DhFunction {
  static final P256Dh INSTANCE = new P256Dh();

  private static final int FIELD_BYTES = 32;
  private static final int POINT_BYTES = 1 + 2 * FIELD_BYTES;

  private final ECParameterSpec params;
  private final BigInteger p;
  private final BigInteger a;
  private final BigInteger b;
  private final BigInteger n;
  private final X9ECParameters bcParams;

  private P256Dh() {
    try {
      AlgorithmParameters ap = AlgorithmParameters.getInstance("EC");
      ap.init(new ECGenParameterSpec("secp256r1"));
      params = ap.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks the secp256r1 curve", e);
    }
    p = ((ECFieldFp) params.getCurve().getField()).getP();
    a = params.getCurve().getA();
    b = params.getCurve().getB();
    n = params.getOrder();
    bcParams = CustomNamedCurves.getByName("secp256r1");
  }

  @Override
  public String noiseName() {
    return "P256";
  }

  @Override
  public int publicKeyLength() {
    return POINT_BYTES;
  }

  @Override
  public int privateKeyLength() {
    return FIELD_BYTES;
  }

  /** A uniformly random scalar in [1, n−1] (rejection sampling) and its public point. */
  @Override
  public DhKeyPair generateKeyPair(SecureRandom random) {
    byte[] d = new byte[FIELD_BYTES];
    try {
      while (true) {
        random.nextBytes(d);
        BigInteger v = new BigInteger(1, d);
        if (v.signum() != 0 && v.compareTo(n) < 0) {
          return keyPairFromPrivate(SecretBytes.copyFrom(d, InsecureSecretKeyAccess.get()));
        }
      }
    } finally {
      Arrays.fill(d, (byte) 0);
    }
  }

  @Override
  public DhKeyPair keyPairFromPrivate(SecretBytes privateKey) {
    BigInteger d = scalar(privateKey);
    org.bouncycastle.math.ec.ECPoint q =
        new FixedPointCombMultiplier().multiply(bcParams.getG(), d).normalize();
    byte[] pub = q.getEncoded(false);
    return new DhKeyPair(this, privateKey, pub);
  }

  @Override
  public void validatePublicKey(byte[] publicKey) throws NoiseException {
    decode(publicKey);
  }

  @Override
  public byte[] dh(SecretBytes privateKey, byte[] publicKey) throws NoiseException {
    ECPoint w = decode(publicKey);
    BigInteger d = scalar(privateKey);
    try {
      KeyFactory kf = KeyFactory.getInstance("EC");
      PrivateKey priv = kf.generatePrivate(new ECPrivateKeySpec(d, params));
      PublicKey pub = kf.generatePublic(new ECPublicKeySpec(w, params));
      KeyAgreement ka = KeyAgreement.getInstance("ECDH");
      ka.init(priv);
      ka.doPhase(pub, true);
      byte[] secret = ka.generateSecret();
      if (secret.length != FIELD_BYTES) {
        throw new IllegalStateException("P-256 ECDH returned " + secret.length + " bytes");
      }
      return secret;
    } catch (GeneralSecurityException e) {
      throw new NoiseException(
          NoiseException.Reason.INVALID_PUBLIC_KEY, "P-256 ECDH failed: " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "DH P256";
  }

  private BigInteger scalar(SecretBytes privateKey) {
    if (privateKey.size() != FIELD_BYTES) {
      throw new IllegalArgumentException(
          "P-256 private key must be 32 bytes, got " + privateKey.size());
    }
    byte[] raw = privateKey.toByteArray(InsecureSecretKeyAccess.get());
    try {
      BigInteger d = new BigInteger(1, raw);
      if (d.signum() == 0 || d.compareTo(n) >= 0) {
        throw new IllegalArgumentException("P-256 private key is not in [1, n-1]");
      }
      return d;
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  private ECPoint decode(byte[] encoded) throws NoiseException {
    if (encoded.length != POINT_BYTES || encoded[0] != 0x04) {
      throw new NoiseException(
          NoiseException.Reason.INVALID_PUBLIC_KEY,
          "P-256 public key must be a 65-byte uncompressed point (04 ‖ X ‖ Y), got "
              + encoded.length + " bytes" + (encoded.length > 0
                  ? " starting with 0x" + Integer.toHexString(encoded[0] & 0xFF) : ""));
    }
    BigInteger x = new BigInteger(1, Arrays.copyOfRange(encoded, 1, 1 + FIELD_BYTES));
    BigInteger y = new BigInteger(1, Arrays.copyOfRange(encoded, 1 + FIELD_BYTES, POINT_BYTES));
    if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
      throw new NoiseException(
          NoiseException.Reason.INVALID_PUBLIC_KEY, "P-256 public key coordinate ≥ p");
    }
    // y² = x³ + a·x + b (mod p)
    BigInteger lhs = y.multiply(y).mod(p);
    BigInteger rhs = x.multiply(x).add(a).multiply(x).add(b).mod(p);
    if (!lhs.equals(rhs)) {
      throw new NoiseException(
          NoiseException.Reason.INVALID_PUBLIC_KEY, "P-256 public key is not on the curve");
    }
    return new ECPoint(x, y);
  }
}
