package dev.nebula4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nebula4j.cert.CaPool;
import dev.nebula4j.cert.CaSpec;
import dev.nebula4j.cert.CertVerificationException;
import dev.nebula4j.cert.CertificateAuthority;
import dev.nebula4j.cert.HostCredential;
import dev.nebula4j.cert.HostSpec;
import dev.nebula4j.cert.InsecureSecretKeyAccess;
import dev.nebula4j.cert.VerifiedCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java of docs/certificates.md does what the page says. */
class CertificatesDocTest {

  @Test
  void writesTheTutorialsPkiAsOwnerOnlyFilesThatReadBack(@TempDir Path dir) throws Exception {
    VerifiedCertificate lighthouse = CertificatesDoc.writeTutorialPki(dir);
    assertThat(lighthouse.certificate().name()).isEqualTo("leuchtturm1");
    assertThat(lighthouse.issuerName()).isEqualTo("My New CA");

    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
          "ca.crt", "ca.key", "leuchtturm1.crt", "leuchtturm1.key", "prod1-postgresql-0.crt",
          "prod1-postgresql-0.key", "prod4-postgresql-0.crt", "prod4-postgresql-0.key");
    }
    assertThat(Files.getPosixFilePermissions(dir.resolve("ca.key")))
        .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    CaPool pool = CaPool.read(dir.resolve("ca.crt"));
    HostCredential prod4 = HostCredential.read(dir.resolve("prod4-postgresql-0.crt"),
        dir.resolve("prod4-postgresql-0.key"));
    assertThat(prod4.certificate().groups()).containsExactly("db");
    assertThat(prod4.certificate().networks()).hasToString("[10.10.10.3/24]");
    assertThat(pool.verify(prod4.certificate(), Instant.now()).issuerName())
        .isEqualTo("My New CA");
  }

  @Test
  void acceptsATrustedPeerFromItsHandshakeBytesAndRefusesABlocklistedOne() {
    CertificateAuthority ca = CertificateAuthority.create(CaSpec.named("My New CA"));
    HostCredential me = ca.sign(HostSpec.named("prod1-postgresql-0").network("10.10.10.2/24"));
    HostCredential peer = ca.sign(HostSpec.named("prod4-postgresql-0").network("10.10.10.3/24"));
    HostCredential blocked = ca.sign(HostSpec.named("stolen-laptop").network("10.10.10.9/24"));
    String caPem = ca.certificate().toPem();
    String certPem = me.certificate().toPem();
    String keyPem = me.privateKey().toPem(InsecureSecretKeyAccess.get());
    String blockedHex = blocked.certificate().fingerprint().hex();

    VerifiedCertificate v = CertificatesDoc.acceptPeer(caPem, certPem, keyPem, blockedHex,
        peer.certificate().marshalForHandshake(), peer.certificate().publicKey().bytes());
    assertThat(v.certificate().name()).isEqualTo("prod4-postgresql-0");
    assertThat(v.fingerprint()).isEqualTo(peer.certificate().fingerprint());
    assertThat(v.issuerName()).isEqualTo("My New CA");

    assertThatThrownBy(() -> CertificatesDoc.acceptPeer(caPem, certPem, keyPem, blockedHex,
        blocked.certificate().marshalForHandshake(), blocked.certificate().publicKey().bytes()))
        .isInstanceOfSatisfying(CertVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(CertVerificationException.Reason.BLOCKLISTED));
  }
}
