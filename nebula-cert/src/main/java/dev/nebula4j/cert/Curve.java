package dev.nebula4j.cert;

/**
 * The elliptic curve family of a certificate and its keys. A CA and every certificate it signs
 * share one curve.
 *
 * <ul>
 *   <li>{@link #CURVE25519}: Ed25519 CA signing keys, X25519 host (Diffie-Hellman) keys. The only
 *       curve nebula 1.6.1 knows; certificates of this curve carry no curve field, so they are
 *       byte-identical to those of every Go release.
 *   <li>{@link #P256}: NIST P-256, ECDSA CA signing keys and ECDH host keys (nebula 1.7+).
 * </ul>
 */
public enum Curve {
  CURVE25519(0),
  P256(1);

  private final int protoValue;

  Curve(int protoValue) {
    this.protoValue = protoValue;
  }

  /** The value of field 100 ({@code curve}) of the v1 certificate protobuf. */
  public int protoValue() {
    return protoValue;
  }

  /** The curve for a v1 protobuf enum value; other values are refused. */
  public static Curve fromProtoValue(long value) {
    if (value == 0) {
      return CURVE25519;
    }
    if (value == 1) {
      return P256;
    }
    throw new CertFormatException("unknown curve value " + value + " in certificate field 100 (curve)");
  }

  /**
   * Parses a curve name as {@code nebula-cert -curve} accepts it: {@code 25519}, {@code X25519},
   * {@code Curve25519}, {@code CURVE25519} or {@code P256}.
   */
  public static Curve parse(String name) {
    switch (name) {
      case "25519", "X25519", "Curve25519", "CURVE25519":
        return CURVE25519;
      case "P256":
        return P256;
      default:
        throw new IllegalArgumentException("invalid curve: " + name);
    }
  }
}
