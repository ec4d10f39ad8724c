package dev.nebula4j.examples;

import dev.nebula4j.cert.CaPool;
import dev.nebula4j.cert.CaSpec;
import dev.nebula4j.cert.Certificate;
import dev.nebula4j.cert.CertificateAuthority;
import dev.nebula4j.cert.CertificateVersion;
import dev.nebula4j.cert.Fingerprint;
import dev.nebula4j.cert.HostCredential;
import dev.nebula4j.cert.HostSpec;
import dev.nebula4j.cert.VerifiedCertificate;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The Java code of {@code docs/certificates.md} (kept identical by a test): the tutorial's CA
 * and host certificates written as {@code nebula-cert} writes them, and what a node does with
 * its {@code pki} section and a peer's certificate.
 */
public final class CertificatesDoc {
  private CertificatesDoc() {}

  /**
   * Writes {@code ca.crt}, {@code ca.key} and the certificate and key of the tutorial's
   * lighthouse and two database hosts into {@code dir}, as the tutorial's {@code nebula-cert}
   * commands do.
   *
   * @return the lighthouse's certificate, verified against the new CA
   * @throws IOException if a file cannot be written or exists already
   */
  public static VerifiedCertificate writeTutorialPki(Path dir) throws IOException {
    // doc:begin docs/certificates.md
    CertificateAuthority ca = CertificateAuthority.create(
        CaSpec.named("My New CA").validFor(Duration.ofDays(365))); // default 8760h, Curve25519
    ca.writeTo(dir);                                                // ca.crt + ca.key, 0600

    HostCredential lighthouse = ca.sign(
        HostSpec.named("leuchtturm1").network("10.10.10.1/24").groups("lighthouse"));
    lighthouse.writeTo(dir);                                  // leuchtturm1.crt + .key, 0600
    ca.sign(HostSpec.named("prod1-postgresql-0").network("10.10.10.2/24").groups("db"))
        .writeTo(dir);
    ca.sign(HostSpec.named("prod4-postgresql-0").network("10.10.10.3/24").groups("db"))
        .writeTo(dir);

    VerifiedCertificate checked = CaPool.of(ca.certificate())  // throws if not trusted
        .verify(lighthouse.certificate(), Instant.now());
    // doc:end
    return checked;
  }

  /**
   * Trusts the CAs of {@code caBundlePem} except the host certificate {@code blockedFingerprint},
   * loads this host's credential, and accepts a peer's certificate as it arrives in a handshake.
   *
   * @param peerCertificate the peer's certificate without its public key ({@link
   *     Certificate#marshalForHandshake()})
   * @param peerStaticKey the peer's Noise static public key, the key its certificate was made for
   * @throws dev.nebula4j.cert.CertVerificationException if the peer is not trusted
   */
  public static VerifiedCertificate acceptPeer(String caBundlePem, String certPem, String keyPem,
      String blockedFingerprint, byte[] peerCertificate, byte[] peerStaticKey) {
    // doc:begin docs/certificates.md
    CaPool pool = CaPool.fromPem(caBundlePem)                // pki.ca: one or more CA certificates
        .withBlocklist(List.of(Fingerprint.fromHex(blockedFingerprint)));     // pki.blocklist
    HostCredential me = HostCredential.fromPem(certPem, keyPem); // pki.cert + pki.key, must match

    // a peer's certificate arrives in a handshake without its public key (ours goes out as
    // me.certificate().marshalForHandshake()); the Noise handshake supplies the key:
    Certificate peer = Certificate.fromHandshake(CertificateVersion.V1, peerCertificate,
        peerStaticKey, me.curve());
    VerifiedCertificate v = pool.verify(peer, Instant.now()); // v.issuerName() = firewall ca_name
    pool.reverify(v, Instant.now());                          // cheap re-check after a reload
    // doc:end
    return v;
  }
}
