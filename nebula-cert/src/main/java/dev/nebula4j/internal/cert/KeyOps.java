package dev.nebula4j.internal.cert;

import dev.nebula4j.cert.CertFormatException;
import dev.nebula4j.cert.KeyType;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The curve operations certificates need, on raw key bytes in nebula's layouts: Ed25519 and
 * X25519 through BouncyCastle's lightweight API, P-256 ECDSA through the JDK (BouncyCastle's
 * curve arithmetic only derives a P-256 public point from its scalar and validates points).
 */
public final class KeyOps {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
  private static final BigInteger P256_N = P256.getN();
  private static final BigInteger P256_HALF_N = P256_N.shiftRight(1);
  private static final ECParameterSpec P256_JCA = jcaP256();

  private KeyOps() {}

  /** Fresh private key bytes of {@code type} in nebula's layout. */
  public static byte[] generatePrivate(KeyType type) {
    switch (type) {
      case X25519 -> {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        return k;
      }
      case ED25519 -> {
        byte[] k = new byte[64];
        RANDOM.nextBytes(k);
        Ed25519.generatePublicKey(k, 0, k, 32);
        return k;
      }
      case P256_ECDH, ECDSA_P256 -> {
        BigInteger d;
        do {
          d = new BigInteger(256, RANDOM);
        } while (d.signum() == 0 || d.compareTo(P256_N) >= 0);
        return to32(d);
      }
      default -> throw new IllegalArgumentException(type.toString());
    }
  }

  /**
   * The public key belonging to {@code priv}. Refuses private keys that are not valid for their
   * type (wrong length, P-256 scalar out of range, Ed25519 key whose stored public half does not
   * match its seed).
   */
  public static byte[] derivePublic(KeyType type, byte[] priv) {
    if (priv.length != type.privateKeyLength()) {
      throw new CertFormatException("key was not " + type.privateKeyLength()
          + " bytes, is invalid " + type + " private key");
    }
    switch (type) {
      case X25519 -> {
        byte[] pub = new byte[32];
        X25519.scalarMultBase(priv, 0, pub, 0);
        return pub;
      }
      case ED25519 -> {
        byte[] pub = new byte[32];
        Ed25519.generatePublicKey(priv, 0, pub, 0);
        if (!java.security.MessageDigest.isEqual(pub, Arrays.copyOfRange(priv, 32, 64))) {
          throw new CertFormatException(
              "invalid ED25519 private key: its public half does not match its seed");
        }
        return pub;
      }
      case P256_ECDH, ECDSA_P256 -> {
        BigInteger d = new BigInteger(1, priv);
        if (d.signum() == 0 || d.compareTo(P256_N) >= 0) {
          throw new CertFormatException("invalid " + type + " private key: scalar out of range");
        }
        return P256.getG().multiply(d).normalize().getEncoded(false);
      }
      default -> throw new IllegalArgumentException(type.toString());
    }
  }

  /** Checks that {@code pub} is a valid public key of {@code type}. */
  public static void validatePublic(KeyType type, byte[] pub) {
    if (pub.length != type.publicKeyLength()) {
      throw new CertFormatException("key was not " + type.publicKeyLength()
          + " bytes, is invalid " + type + " public key");
    }
    if (type.curve() == dev.nebula4j.cert.Curve.P256) {
      if (pub[0] != 0x04) {
        throw new CertFormatException("invalid " + type + " public key: not an uncompressed point");
      }
      try {
        if (!P256.getCurve().decodePoint(pub).isValid()) {
          throw new CertFormatException("invalid " + type + " public key: point not on P-256");
        }
      } catch (IllegalArgumentException e) {
        throw new CertFormatException("invalid " + type + " public key: point not on P-256");
      }
    }
  }

  /** Signs {@code message} with a CA key: pure Ed25519, or ECDSA-P256/SHA-256 with low s. */
  public static byte[] sign(KeyType type, byte[] priv, byte[] message) {
    switch (type) {
      case ED25519 -> {
        byte[] sig = new byte[64];
        Ed25519.sign(priv, 0, priv, 32, message, 0, message.length, sig, 0);
        return sig;
      }
      case ECDSA_P256 -> {
        try {
          Signature s = Signature.getInstance("SHA256withECDSA");
          s.initSign(p256Private(priv), RANDOM);
          s.update(message);
          return normalizeLowS(s.sign());
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("ECDSA P-256 signing failed", e);
        }
      }
      default -> throw new IllegalArgumentException(type + " keys cannot sign certificates");
    }
  }

  /** Verifies a certificate signature; false for any malformed key or signature. */
  public static boolean verify(KeyType type, byte[] pub, byte[] message, byte[] signature) {
    switch (type) {
      case ED25519 -> {
        return pub.length == 32 && signature.length == 64
            && Ed25519.verify(signature, 0, pub, 0, message, 0, message.length);
      }
      case ECDSA_P256 -> {
        try {
          validatePublic(type, pub);
          Signature s = Signature.getInstance("SHA256withECDSA");
          s.initVerify(p256Public(pub));
          s.update(message);
          return s.verify(signature);
        } catch (GeneralSecurityException | CertFormatException | IllegalArgumentException e) {
          return false;
        }
      }
      default -> {
        return false;
      }
    }
  }

  /**
   * A DER ECDSA signature with s replaced by n - s when s is above n/2 (Go 1.10.3+ signs this way).
   */
  public static byte[] normalizeLowS(byte[] der) {
    BigInteger[] rs = EcdsaDer.decode(der);
    if (rs[1].compareTo(P256_HALF_N) <= 0) {
      return der;
    }
    return EcdsaDer.encode(rs[0], P256_N.subtract(rs[1]));
  }

  /** The same signature with s swapped for n - s; null if {@code der} is not a valid signature. */
  public static byte[] swapS(byte[] der) {
    BigInteger[] rs;
    try {
      rs = EcdsaDer.decode(der);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (rs[1].signum() <= 0 || rs[1].compareTo(P256_N) >= 0) {
      return null;
    }
    return EcdsaDer.encode(rs[0], P256_N.subtract(rs[1]));
  }

  private static ECPrivateKey p256Private(byte[] priv) throws GeneralSecurityException {
    return (ECPrivateKey) KeyFactory.getInstance("EC")
        .generatePrivate(new ECPrivateKeySpec(new BigInteger(1, priv), P256_JCA));
  }

  private static ECPublicKey p256Public(byte[] pub) throws GeneralSecurityException {
    BigInteger x = new BigInteger(1, Arrays.copyOfRange(pub, 1, 33));
    BigInteger y = new BigInteger(1, Arrays.copyOfRange(pub, 33, 65));
    return (ECPublicKey) KeyFactory.getInstance("EC")
        .generatePublic(new ECPublicKeySpec(new ECPoint(x, y), P256_JCA));
  }

  private static byte[] to32(BigInteger d) {
    byte[] raw = d.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return out;
  }

  private static ECParameterSpec jcaP256() {
    try {
      AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
      p.init(new ECGenParameterSpec("secp256r1"));
      return p.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("secp256r1 is missing from this JDK", e);
    }
  }
}
