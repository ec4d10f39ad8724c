package dev.nebula4j.cert;

import dev.nebula4j.internal.cert.KeyEncryption;
import dev.nebula4j.internal.cert.KeyOps;
import dev.nebula4j.internal.cert.PemBlock;
import dev.nebula4j.internal.cert.PemCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A private key in nebula's raw layout: a 32-byte X25519 or P-256 scalar for hosts, a 64-byte
 * Ed25519 key (seed then public key) or 32-byte P-256 scalar for CAs. The bytes stay inside a
 * {@link SecretBytes}; reading them or writing them out needs {@link InsecureSecretKeyAccess}.
 * {@link #toString()} is redacted.
 *
 * <pre>{@code
 * PrivateKey key = PrivateKey.fromPem(Files.readString(Path.of("host.key")));
 * byte[] scalar = key.secret().toByteArray(InsecureSecretKeyAccess.get());  // for the Noise DH
 * }</pre>
 */
public final class PrivateKey {
  private final KeyType type;
  private final SecretBytes secret;
  private final PublicKey publicKey;

  private PrivateKey(KeyType type, SecretBytes secret, PublicKey publicKey) {
    this.type = type;
    this.secret = secret;
    this.publicKey = publicKey;
  }

  /** A fresh random key. */
  public static PrivateKey generate(KeyType type) {
    Objects.requireNonNull(type, "type");
    byte[] raw = KeyOps.generatePrivate(type);
    try {
      return fromRaw(type, raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /**
   * A key from its raw bytes. Refuses wrong lengths, P-256 scalars outside [1, n-1] and Ed25519
   * keys whose stored public half does not match their seed.
   */
  public static PrivateKey of(KeyType type, SecretBytes secret) {
    Objects.requireNonNull(type, "type");
    byte[] raw = secret.toByteArray(InsecureSecretKeyAccess.get());
    try {
      return fromRaw(type, raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  private static PrivateKey fromRaw(KeyType type, byte[] raw) {
    byte[] pub = KeyOps.derivePublic(type, raw);
    return new PrivateKey(type, SecretBytes.copyFrom(raw, InsecureSecretKeyAccess.get()),
        PublicKey.trusted(type, pub));
  }

  /**
   * Reads the first PEM block of {@code pem}: one of {@code NEBULA X25519 PRIVATE KEY}, {@code
   * NEBULA P256 PRIVATE KEY}, {@code NEBULA ED25519 PRIVATE KEY}, {@code NEBULA ECDSA P256
   * PRIVATE KEY}. An encrypted CA key raises {@link EncryptedKeyException} with {@link
   * EncryptedKeyException#passphraseRequired()} set; use {@link #decryptPem} for those.
   */
  public static PrivateKey fromPem(String pem) {
    return fromPem(pem.getBytes(StandardCharsets.UTF_8));
  }

  /** As {@link #fromPem(String)}, from file bytes. */
  public static PrivateKey fromPem(byte[] pem) {
    PemBlock block = PemCodec.decodeFirst(pem);
    try {
      for (KeyType t : KeyType.values()) {
        if (t.privateKeyBanner().equals(block.type())) {
          return fromRaw(t, block.bytes());
        }
      }
      if (encryptedType(block.type()) != null) {
        throw new EncryptedKeyException("private key must be decrypted", true);
      }
    } finally {
      Arrays.fill(block.bytes(), (byte) 0);
    }
    throw new CertFormatException("bytes did not contain a proper private key banner (found "
        + block.type() + ")");
  }

  /** Whether the first PEM block of {@code pem} is a passphrase-protected CA key. */
  public static boolean isEncryptedPem(byte[] pem) {
    PemBlock block = PemCodec.decode(pem, 0);
    return block != null && encryptedType(block.type()) != null;
  }

  /**
   * Decrypts a passphrase-protected CA key ({@code NEBULA ED25519 ENCRYPTED PRIVATE KEY} or
   * {@code NEBULA ECDSA P256 ENCRYPTED PRIVATE KEY}). Unencrypted banners are refused, as Go does.
   * Argon2 runs with the parameters stored in the file, so this may take seconds and gigabytes.
   */
  public static PrivateKey decryptPem(byte[] pem, byte[] passphrase) {
    Objects.requireNonNull(passphrase, "passphrase");
    PemBlock block = PemCodec.decodeFirst(pem);
    KeyType type = encryptedType(block.type());
    if (type == null) {
      throw new CertFormatException(
          "bytes did not contain a proper nebula encrypted Ed25519/ECDSA private key banner (found "
              + block.type() + ")");
    }
    byte[] raw = KeyEncryption.decrypt(block.bytes(), passphrase);
    try {
      if (raw.length != type.privateKeyLength()) {
        throw new EncryptedKeyException("key was not " + type.privateKeyLength()
            + " bytes, is invalid " + (type == KeyType.ED25519 ? "ed25519" : "ECDSA P256")
            + " private key");
      }
      return fromRaw(type, raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** As {@link #decryptPem(byte[], byte[])} for PEM text. */
  public static PrivateKey decryptPem(String pem, byte[] passphrase) {
    return decryptPem(pem.getBytes(StandardCharsets.UTF_8), passphrase);
  }

  /** The Argon2 parameters of an encrypted CA key PEM, without decrypting it. */
  public static Argon2Parameters encryptionParameters(byte[] pem) {
    PemBlock block = PemCodec.decode(pem, 0);
    if (block == null || encryptedType(block.type()) == null) {
      throw new CertFormatException("not an encrypted private key PEM block");
    }
    return KeyEncryption.parameters(block.bytes());
  }

  /** The signing key type whose encrypted banner {@code banner} is, or null. */
  private static KeyType encryptedType(String banner) {
    for (KeyType t : KeyType.values()) {
      if (t.isSigning() && t.encryptedPrivateKeyBanner().equals(banner)) {
        return t;
      }
    }
    return null;
  }

  public KeyType type() {
    return type;
  }

  public Curve curve() {
    return type.curve();
  }

  /** The wrapped secret bytes (read them with {@link InsecureSecretKeyAccess}). */
  public SecretBytes secret() {
    return secret;
  }

  /** The public key derived from this key. */
  public PublicKey publicKey() {
    return publicKey;
  }

  /** Whether {@code pub} is this key's public key (same curve and bytes; role ignored). */
  public boolean matches(PublicKey pub) {
    return pub != null && pub.curve() == curve()
        && java.security.MessageDigest.isEqual(pub.rawBytes(), publicKey.rawBytes());
  }

  /** The unencrypted PEM form, written as Go writes it. */
  public String toPem(InsecureSecretKeyAccess access) {
    byte[] raw = secret.toByteArray(access);
    try {
      return PemCodec.encode(type.privateKeyBanner(), raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /**
   * The passphrase-protected PEM form (CA keys only): Argon2id with {@code params} and a random
   * salt, AES-256-GCM with a random nonce.
   */
  public String toEncryptedPem(byte[] passphrase, Argon2Parameters params) {
    Objects.requireNonNull(params, "params");
    if (!type.isSigning()) {
      throw new KeyMismatchException("only CA signing keys can be encrypted, this is a " + type + " key");
    }
    if (passphrase == null || passphrase.length == 0) {
      throw new IllegalArgumentException("no passphrase specified");
    }
    byte[] raw = secret.toByteArray(InsecureSecretKeyAccess.get());
    try {
      return PemCodec.encode(type.encryptedPrivateKeyBanner(),
          KeyEncryption.encrypt(raw, passphrase, params));
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** Signs with this CA key (Ed25519, or ECDSA P-256 with low s). */
  byte[] sign(byte[] message) {
    byte[] raw = secret.toByteArray(InsecureSecretKeyAccess.get());
    try {
      return KeyOps.sign(type, raw, message);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "PrivateKey[" + type + ", redacted]";
  }
}
