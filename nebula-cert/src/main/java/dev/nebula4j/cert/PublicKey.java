package dev.nebula4j.cert;

import dev.nebula4j.internal.cert.KeyOps;
import dev.nebula4j.internal.cert.PemBlock;
import dev.nebula4j.internal.cert.PemCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A public key in nebula's raw layout: 32 bytes for X25519/Ed25519, a 65-byte uncompressed point
 * for P-256. A host certificate's key is a key-agreement key; a CA certificate's is a signing key.
 */
public final class PublicKey {
  private final KeyType type;
  private final byte[] bytes;

  private PublicKey(KeyType type, byte[] bytes) {
    this.type = type;
    this.bytes = bytes;
  }

  /**
   * A public key from raw bytes. The length must fit the type; P-256 keys must be uncompressed
   * points on the curve.
   */
  public static PublicKey of(KeyType type, byte[] bytes) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(bytes, "bytes");
    byte[] copy = bytes.clone();
    KeyOps.validatePublic(type, copy);
    return new PublicKey(type, copy);
  }

  /** Length-checked only; for keys taken from certificates, whose signature is checked later. */
  static PublicKey trusted(KeyType type, byte[] bytes) {
    if (bytes.length != type.publicKeyLength()) {
      throw new CertFormatException("public key was " + bytes.length + " bytes, a "
          + type + " public key has " + type.publicKeyLength());
    }
    return new PublicKey(type, bytes.clone());
  }

  /**
   * Reads the first PEM block of {@code pem}, which must carry one of the public key banners:
   * {@code NEBULA X25519 PUBLIC KEY}, {@code NEBULA P256 PUBLIC KEY}, {@code NEBULA ED25519
   * PUBLIC KEY} or {@code NEBULA ECDSA P256 PUBLIC KEY}.
   */
  public static PublicKey fromPem(String pem) {
    return fromPem(pem.getBytes(StandardCharsets.UTF_8));
  }

  /** As {@link #fromPem(String)}, from file bytes. */
  public static PublicKey fromPem(byte[] pem) {
    PemBlock block = PemCodec.decodeFirst(pem);
    for (KeyType t : KeyType.values()) {
      if (t.publicKeyBanner().equals(block.type())) {
        return of(t, block.bytes());
      }
    }
    throw new CertFormatException("bytes did not contain a proper public key banner (found "
        + block.type() + ")");
  }

  public KeyType type() {
    return type;
  }

  public Curve curve() {
    return type.curve();
  }

  /** A copy of the raw key bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Number of key bytes (32 or 65). */
  public int length() {
    return bytes.length;
  }

  /** Lower-case hex of the raw bytes, as {@code nebula-cert print} shows keys. */
  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  /** The PEM form with this type's banner. */
  public String toPem() {
    return PemCodec.encode(type.publicKeyBanner(), bytes);
  }

  byte[] rawBytes() {
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PublicKey k && k.type == type && Arrays.equals(k.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return type.hashCode() * 31 + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "PublicKey[" + type + " " + hex() + "]";
  }
}
