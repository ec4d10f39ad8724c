package dev.nebula4j.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nebula4j.cert.CertVerificationException.Reason;
import dev.nebula4j.cert.ConstraintViolationException.Constraint;
import dev.nebula4j.net.IpNetwork;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CertificateAuthorityTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.700Z");

  private static CertificateAuthority constrainedCa(Curve curve) {
    return CertificateAuthority.create(CaSpec.named("Test CA")
        .validFor(Duration.ofHours(100))
        .notBefore(T0)
        .groups("g1", "g2")
        .networks("10.42.0.0/16")
        .unsafeNetworks("192.168.0.0/16")
        .curve(curve)).withClock(Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC));
  }

  @ParameterizedTest
  @EnumSource(Curve.class)
  void createsCaWithGoDefaultsAndSignsHosts(Curve curve) {
    CertificateAuthority ca = CertificateAuthority.create(CaSpec.named("My New CA").curve(curve));
    Certificate c = ca.certificate();
    assertThat(c.isCa()).isTrue();
    assertThat(c.curve()).isEqualTo(curve);
    assertThat(Duration.between(c.notBefore(), c.notAfter())).isEqualTo(Duration.ofHours(8760));
    assertThat(c.checkSignature(c.publicKey())).isTrue();
    assertThat(ca.privateKey().type()).isEqualTo(KeyType.signing(curve));

    HostCredential host = ca.sign(HostSpec.named("leuchtturm1").network("10.10.10.1/24")
        .groups("lighthouse"));
    Certificate h = host.certificate();
    assertThat(h.issuer()).contains(c.fingerprint());
    assertThat(h.notAfter()).isEqualTo(c.notAfter().minusSeconds(1));
    assertThat(h.networks()).containsExactly(IpNetwork.parse("10.10.10.1/24"));
    assertThat(host.privateKey().type()).isEqualTo(KeyType.agreement(curve));
    VerifiedCertificate v = CaPool.of(c).verify(h, Instant.now());
    assertThat(v.issuerName()).isEqualTo("My New CA");
    // re-parse: identical bytes, still verifies
    Certificate again = Certificate.fromPem(h.toPem());
    assertThat(again).isEqualTo(h);
    assertThat(again.checkSignature(c.publicKey())).isTrue();
  }

  @Test
  void timesAreTruncatedToSecondsLikeGo() {
    CertificateAuthority ca = constrainedCa(Curve.CURVE25519);
    assertThat(ca.certificate().notBefore()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(ca.certificate().notAfter()).isEqualTo(Instant.parse("2026-01-05T04:00:00Z"));
  }

  @ParameterizedTest
  @EnumSource(Curve.class)
  void refusalsNameTheViolatedConstraint(Curve curve) {
    CertificateAuthority ca = constrainedCa(curve);
    HostSpec ok = HostSpec.named("a").network("10.42.0.1/24").groups("g1")
        .unsafeNetworks("192.168.1.0/24");
    assertThat(ca.sign(ok).certificate().groups()).containsExactly("g1");

    assertRefused(ca, HostSpec.named("a").network("10.43.0.1/24"), Constraint.NETWORKS,
        "10.43.0.1/24", "certificate contained an ip assignment outside the limitations of the"
            + " signing ca: 10.43.0.1/24");
    assertRefused(ca, HostSpec.named("a").network("10.42.0.1/8"), Constraint.NETWORKS,
        "10.42.0.1/8", "outside the limitations of the signing ca: 10.42.0.1/8");
    assertRefused(ca, ok.groups("g1", "g4"), Constraint.GROUPS, "g4",
        "certificate contained a group not present on the signing ca: g4");
    assertRefused(ca, ok.unsafeNetworks("172.16.0.0/12"), Constraint.UNSAFE_NETWORKS,
        "172.16.0.0/12", "certificate contained a subnet assignment outside the limitations of"
            + " the signing ca: 172.16.0.0/12");
    assertRefused(ca, ok.validFor(Duration.ofHours(200)), Constraint.NOT_AFTER,
        null, "certificate expires after signing certificate");
    assertRefused(ca, ok.notBefore(T0.minusSeconds(3600)), Constraint.NOT_BEFORE, null,
        "certificate is valid before the signing certificate");
  }

  private static void assertRefused(CertificateAuthority ca, HostSpec spec, Constraint c,
      String value, String message) {
    assertThatThrownBy(() -> ca.sign(spec))
        .isInstanceOfSatisfying(ConstraintViolationException.class, e -> {
          assertThat(e.constraint()).isEqualTo(c);
          assertThat(e.reason()).isEqualTo(Reason.CONSTRAINT_VIOLATED);
          if (value != null) {
            assertThat(e.offendingValue()).isEqualTo(value);
          }
        })
        .hasMessageContaining(message);
  }

  @Test
  void expiredCaRefusesToSign() {
    CertificateAuthority ca = constrainedCa(Curve.CURVE25519)
        .withClock(Clock.fixed(T0.plus(Duration.ofHours(101)), ZoneOffset.UTC));
    assertThatThrownBy(() -> ca.sign(HostSpec.named("a").network("10.42.0.1/24")))
        .isInstanceOfSatisfying(CertVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.CA_EXPIRED))
        .hasMessage("ca certificate is expired");
  }

  @Test
  void signsExternalPublicKeysOfTheRightKind() {
    CertificateAuthority ca = constrainedCa(Curve.CURVE25519);
    PrivateKey hostKey = PrivateKey.generate(KeyType.X25519);
    Certificate c = ca.sign(HostSpec.named("ext").network("10.42.3.3/16"), hostKey.publicKey());
    assertThat(c.matches(hostKey)).isTrue();
    assertThatThrownBy(() -> ca.sign(HostSpec.named("x").network("10.42.3.3/16"),
        PrivateKey.generate(KeyType.P256_ECDH).publicKey()))
        .isInstanceOf(KeyMismatchException.class)
        .hasMessageContaining("curve of in-pub does not match ca");
    assertThatThrownBy(() -> ca.sign(HostSpec.named("x").network("10.42.3.3/16"),
        PrivateKey.generate(KeyType.ED25519).publicKey()))
        .isInstanceOf(KeyMismatchException.class);
  }

  @Test
  void specSettersRejectBadValuesImmediately() {
    assertThatThrownBy(() -> CaSpec.named("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CaSpec.named("x").validFor(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CaSpec.named("x").networks("fd00::/8"))
        .hasMessageContaining("IPv4");
    assertThatThrownBy(() -> HostSpec.named("x").network("10.0.0.1"))
        .hasMessageContaining("10.0.0.1");
    assertThatThrownBy(() -> HostSpec.named("x").groups(" "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CertificateAuthority.create(CaSpec.named("x"))
        .sign(HostSpec.named("nonet")))
        .hasMessageContaining("needs a network");
  }

  @Test
  void writesFilesWithMode0600AndNeverOverwrites(@TempDir Path dir) throws Exception {
    CertificateAuthority ca = CertificateAuthority.create(CaSpec.named("My New CA"));
    ca.writeTo(dir);
    HostCredential host = ca.sign(HostSpec.named("leuchtturm1").network("10.10.10.1/24"));
    host.writeTo(dir);
    for (String f : new String[] {"ca.crt", "ca.key", "leuchtturm1.crt", "leuchtturm1.key"}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(f))))
          .as(f).isEqualTo("rw-------");
    }
    assertThatThrownBy(() -> ca.writeTo(dir)).isInstanceOf(FileAlreadyExistsException.class)
        .hasMessageContaining("refusing to overwrite existing CA key");
    assertThatThrownBy(() -> host.writeTo(dir)).isInstanceOf(FileAlreadyExistsException.class)
        .hasMessageContaining("refusing to overwrite existing cert");

    CertificateAuthority back = CertificateAuthority.read(dir.resolve("ca.crt"),
        dir.resolve("ca.key"), null);
    assertThat(back.certificate()).isEqualTo(ca.certificate());
    HostCredential hostBack = HostCredential.read(dir.resolve("leuchtturm1.crt"),
        dir.resolve("leuchtturm1.key"));
    assertThat(hostBack.certificate()).isEqualTo(host.certificate());
    CaPool.read(dir.resolve("ca.crt")).verify(hostBack.certificate(), Instant.now());
  }

  @Test
  void existingCaMustMatchItsKey() {
    CertificateAuthority a = CertificateAuthority.create(CaSpec.named("A"));
    CertificateAuthority b = CertificateAuthority.create(CaSpec.named("B"));
    assertThatThrownBy(() -> CertificateAuthority.of(a.certificate(), b.privateKey()))
        .isInstanceOf(KeyMismatchException.class);
    HostCredential h = a.sign(HostSpec.named("h").network("10.0.0.1/24"));
    assertThatThrownBy(() -> CertificateAuthority.of(h.certificate(), h.privateKey()))
        .isInstanceOfSatisfying(CertVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NOT_CA));
  }
}
