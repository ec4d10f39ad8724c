package dev.nebula4j.internal.handshake;

import dev.nebula4j.cert.CaPool;
import dev.nebula4j.cert.CertException;
import dev.nebula4j.cert.CertVerificationException;
import dev.nebula4j.cert.Certificate;
import dev.nebula4j.cert.CertificateVersion;
import dev.nebula4j.cert.Curve;
import dev.nebula4j.cert.VerifiedCertificate;
import dev.nebula4j.firewall.FirewallPeer;
import dev.nebula4j.net.IpNetwork;
import dev.nebula4j.node.HandshakeFailure;
import java.time.Instant;

/**
 * Turns the certificate bytes of a handshake payload into a trusted peer (spec §3.3): rebuilds the
 * certificate with the Noise-authenticated static key, verifies it against the CA pool (blocklist,
 * issuer, expiry, signature, CA constraints), and derives the peer's VPN address and firewall
 * identity. Every failure is a {@link HandshakeRefusal} with a precise reason.
 */
public final class PeerVerifier {
  private PeerVerifier() {}

  /**
   * A peer whose certificate verified.
   *
   * @param certificate the verified certificate
   * @param vpnAddress the first network's address (big-endian IPv4): the tunnel's VPN address
   * @param firewallPeer the firewall's view of it
   */
  public record VerifiedPeer(
      VerifiedCertificate certificate, int vpnAddress, FirewallPeer firewallPeer) {}

  /**
   * Verifies a handshake certificate.
   *
   * @param rawCertificate the payload's {@code Cert} field (no public key)
   * @param certVersion the payload's {@code CertVersion} (0 or 1 for v1)
   * @param peerStaticKey the static key Noise authenticated
   * @param curve our curve: the peer must use the same
   */
  public static VerifiedPeer verify(byte[] rawCertificate, int certVersion, byte[] peerStaticKey,
      Curve curve, CaPool caPool, Instant now) throws HandshakeRefusal {
    if (certVersion > 1) {
      throw new HandshakeRefusal(HandshakeFailure.CERT_VERSION_UNSUPPORTED,
          "certificate version " + Integer.toUnsignedString(certVersion)
              + " is not supported (only v1)");
    }
    Certificate cert;
    try {
      cert = Certificate.fromHandshake(CertificateVersion.V1, rawCertificate, peerStaticKey, curve);
    } catch (CertException | IllegalArgumentException e) {
      throw new HandshakeRefusal(HandshakeFailure.CERT_MALFORMED,
          "certificate could not be decoded: " + e.getMessage(), e);
    }
    VerifiedCertificate verified;
    try {
      verified = caPool.verify(cert, now);
    } catch (CertVerificationException e) {
      throw new HandshakeRefusal(failureFor(e.reason()),
          "certificate of '" + cert.name() + "' " + cert.networks() + " (fingerprint "
              + cert.fingerprint().hex() + "): " + e.getMessage(), e);
    }
    if (cert.isCa()) {
      throw new HandshakeRefusal(HandshakeFailure.CERT_UNTRUSTED,
          "certificate of '" + cert.name() + "' is a CA certificate, not a host certificate");
    }
    IpNetwork first = cert.networks().isEmpty() ? null : cert.networks().get(0);
    if (first == null || !first.isIpv4()) {
      throw new HandshakeRefusal(HandshakeFailure.CERT_MALFORMED,
          "certificate of '" + cert.name() + "' has no IPv4 VPN address");
    }
    FirewallPeer fw = FirewallPeer.builder()
        .name(cert.name())
        .vpnNetworks(cert.networks())
        .unsafeNetworks(cert.unsafeNetworks())
        .groups(cert.groups())
        .issuerFingerprint(verified.issuerFingerprint().hex())
        .caName(verified.issuerName())
        .build();
    return new VerifiedPeer(verified, first.ipv4Address(), fw);
  }

  /** The handshake failure for a certificate verification failure. */
  public static HandshakeFailure failureFor(CertVerificationException.Reason reason) {
    return switch (reason) {
      case BLOCKLISTED -> HandshakeFailure.CERT_BLOCKLISTED;
      case EXPIRED, CA_EXPIRED -> HandshakeFailure.CERT_EXPIRED;
      default -> HandshakeFailure.CERT_UNTRUSTED;
    };
  }
}
