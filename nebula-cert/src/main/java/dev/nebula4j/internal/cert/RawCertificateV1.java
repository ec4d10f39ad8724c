package dev.nebula4j.internal.cert;

import java.util.List;

/**
 * The fields of a v1 certificate as they are on the wire ({@code RawNebulaCertificate}), before
 * any interpretation. Arrays are owned by the record's creator and not copied.
 *
 * @param ips address/netmask pairs, flattened (may be odd-sized when read from hostile input)
 * @param subnets address/netmask pairs of the unsafe networks, flattened
 * @param curve the raw enum value of field 100
 */
public record RawCertificateV1(
    String name,
    int[] ips,
    int[] subnets,
    List<String> groups,
    long notBefore,
    long notAfter,
    byte[] publicKey,
    boolean isCa,
    byte[] issuer,
    int curve,
    byte[] signature) {

  /** The same fields with another signature (signing, the P-256 twin form). */
  public RawCertificateV1 withSignature(byte[] newSignature) {
    return new RawCertificateV1(name, ips, subnets, groups, notBefore, notAfter, publicKey, isCa,
        issuer, curve, newSignature);
  }

  /** The same fields with another public key (a handshake certificate and the peer's key). */
  public RawCertificateV1 withPublicKey(byte[] newPublicKey) {
    return new RawCertificateV1(name, ips, subnets, groups, notBefore, notAfter, newPublicKey,
        isCa, issuer, curve, signature);
  }
}
