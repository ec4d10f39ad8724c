package dev.nebula4j.cert;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The SHA-256 identity of a certificate: what {@code nebula-cert print} shows, what a host
 * certificate names as its issuer, and what {@code pki.blocklist} lists. {@link #toString()} is
 * the lower-case hex form Go prints.
 */
public final class Fingerprint implements Comparable<Fingerprint> {
  /** Length in bytes. */
  public static final int LENGTH = 32;

  private final byte[] bytes;
  private final String hex;

  private Fingerprint(byte[] bytes) {
    this.bytes = bytes;
    this.hex = HexFormat.of().formatHex(bytes);
  }

  /** A fingerprint from its 32 raw bytes. */
  public static Fingerprint of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length != LENGTH) {
      throw new CertFormatException(
          "fingerprint must be " + LENGTH + " bytes, got " + bytes.length);
    }
    return new Fingerprint(bytes.clone());
  }

  /** SHA-256 of {@code data}. */
  public static Fingerprint sha256(byte[] data) {
    try {
      return new Fingerprint(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /** Parses 64 hex digits (either case), as in {@code pki.blocklist}. */
  public static Fingerprint fromHex(String hex) {
    Objects.requireNonNull(hex, "hex");
    if (hex.length() != 2 * LENGTH) {
      throw new CertFormatException("invalid fingerprint '" + hex + "': expected "
          + 2 * LENGTH + " hex digits, got " + hex.length() + " characters");
    }
    try {
      return new Fingerprint(HexFormat.of().parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new CertFormatException("invalid fingerprint '" + hex + "': not hexadecimal");
    }
  }

  /** A copy of the 32 bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Lower-case hex, 64 characters. */
  public String hex() {
    return hex;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Fingerprint f && Arrays.equals(f.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public int compareTo(Fingerprint o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public String toString() {
    return hex;
  }
}
