package dev.nebula4j.cert;

/**
 * What a key is for and on which curve, which fixes its length and PEM banners. Signing types
 * belong to CAs, key-agreement (Diffie-Hellman) types to hosts.
 */
public enum KeyType {
  /** Host key on Curve25519: 32-byte scalar, 32-byte public key. */
  X25519(Curve.CURVE25519, false, 32, 32,
      "NEBULA X25519 PRIVATE KEY", "NEBULA X25519 PUBLIC KEY", null),
  /** Host key on P-256: 32-byte scalar, 65-byte uncompressed point. */
  P256_ECDH(Curve.P256, false, 32, 65,
      "NEBULA P256 PRIVATE KEY", "NEBULA P256 PUBLIC KEY", null),
  /** CA key on Curve25519: 64 bytes (seed then public key, Go's layout), 32-byte public key. */
  ED25519(Curve.CURVE25519, true, 64, 32,
      "NEBULA ED25519 PRIVATE KEY", "NEBULA ED25519 PUBLIC KEY",
      "NEBULA ED25519 ENCRYPTED PRIVATE KEY"),
  /** CA key on P-256: 32-byte scalar, 65-byte uncompressed point. */
  ECDSA_P256(Curve.P256, true, 32, 65,
      "NEBULA ECDSA P256 PRIVATE KEY", "NEBULA ECDSA P256 PUBLIC KEY",
      "NEBULA ECDSA P256 ENCRYPTED PRIVATE KEY");

  private final Curve curve;
  private final boolean signing;
  private final int privateKeyLength;
  private final int publicKeyLength;
  private final String privateKeyBanner;
  private final String publicKeyBanner;
  private final String encryptedPrivateKeyBanner;

  KeyType(Curve curve, boolean signing, int privateKeyLength, int publicKeyLength,
      String privateKeyBanner, String publicKeyBanner, String encryptedPrivateKeyBanner) {
    this.curve = curve;
    this.signing = signing;
    this.privateKeyLength = privateKeyLength;
    this.publicKeyLength = publicKeyLength;
    this.privateKeyBanner = privateKeyBanner;
    this.publicKeyBanner = publicKeyBanner;
    this.encryptedPrivateKeyBanner = encryptedPrivateKeyBanner;
  }

  /** The key-agreement type of a curve (host keys). */
  public static KeyType agreement(Curve curve) {
    return curve == Curve.P256 ? P256_ECDH : X25519;
  }

  /** The signing type of a curve (CA keys). */
  public static KeyType signing(Curve curve) {
    return curve == Curve.P256 ? ECDSA_P256 : ED25519;
  }

  public Curve curve() {
    return curve;
  }

  /** True for CA signing keys, false for host key-agreement keys. */
  public boolean isSigning() {
    return signing;
  }

  public int privateKeyLength() {
    return privateKeyLength;
  }

  public int publicKeyLength() {
    return publicKeyLength;
  }

  public String privateKeyBanner() {
    return privateKeyBanner;
  }

  public String publicKeyBanner() {
    return publicKeyBanner;
  }

  /** The banner of the passphrase-protected form; only signing keys have one. */
  public String encryptedPrivateKeyBanner() {
    if (encryptedPrivateKeyBanner == null) {
      throw new IllegalStateException(this + " keys are never encrypted");
    }
    return encryptedPrivateKeyBanner;
  }
}
