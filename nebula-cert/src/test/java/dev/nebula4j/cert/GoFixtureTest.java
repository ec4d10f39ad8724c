package dev.nebula4j.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nebula4j.net.IpNetwork;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Files written by Go's nebula-cert 1.6.1 load, re-encode byte for byte and verify. */
class GoFixtureTest {

  private static String jsonField(String json, String field) {
    Matcher m = Pattern.compile("\"" + field + "\":\"([^\"]*)\"").matcher(json);
    assertThat(m.find()).as(field).isTrue();
    return m.group(1);
  }

  @Test
  void caCertificateReadsAndReEncodesExactly() {
    Certificate ca = Certificate.fromPem(TestFiles.go("ca.crt"));
    assertThat(ca.name()).isEqualTo("Test CA");
    assertThat(ca.isCa()).isTrue();
    assertThat(ca.groups()).containsExactly("g1", "g2");
    assertThat(ca.networks()).containsExactly(IpNetwork.parse("10.42.0.0/16"));
    assertThat(ca.unsafeNetworks()).containsExactly(IpNetwork.parse("192.168.0.0/16"));
    assertThat(ca.issuer()).isEmpty();
    assertThat(ca.curve()).isEqualTo(Curve.CURVE25519);
    assertThat(ca.publicKey().type()).isEqualTo(KeyType.ED25519);
    assertThat(ca.toPem()).isEqualTo(TestFiles.goText("ca.crt"));
    String json = TestFiles.goText("ca.json");
    assertThat(ca.fingerprint().hex()).isEqualTo(jsonField(json, "fingerprint"));
    assertThat(ca.publicKey().hex()).isEqualTo(jsonField(json, "publicKey"));
    assertThat(ca.notBefore()).isEqualTo(Instant.parse(jsonField(json, "notBefore")));
    assertThat(ca.notAfter()).isEqualTo(Instant.parse(jsonField(json, "notAfter")));
    assertThat(ca.checkSignature(ca.publicKey())).isTrue();
  }

  @Test
  void hostCertificateVerifiesAgainstGoCa() {
    Certificate ca = Certificate.fromPem(TestFiles.go("ca.crt"));
    Certificate host = Certificate.fromPem(TestFiles.go("host1.crt"));
    String json = TestFiles.goText("host1.json");
    assertThat(host.toPem()).isEqualTo(TestFiles.goText("host1.crt"));
    assertThat(host.fingerprint().hex()).isEqualTo(jsonField(json, "fingerprint"));
    assertThat(host.issuer()).contains(ca.fingerprint());
    assertThat(host.networks()).containsExactly(IpNetwork.parse("10.42.1.5/24"));
    assertThat(host.unsafeNetworks()).containsExactly(IpNetwork.parse("192.168.1.0/24"));
    VerifiedCertificate v = CaPool.of(ca).verify(host, Instant.now());
    assertThat(v.issuerName()).isEqualTo("Test CA");
    assertThat(v.issuerFingerprint()).isEqualTo(ca.fingerprint());
  }

  @Test
  void goKeysMatchTheirCertificates() {
    Certificate ca = Certificate.fromPem(TestFiles.go("ca.crt"));
    PrivateKey caKey = PrivateKey.fromPem(TestFiles.go("ca.key"));
    assertThat(caKey.type()).isEqualTo(KeyType.ED25519);
    assertThat(ca.matches(caKey)).isTrue();
    assertThat(caKey.toPem(InsecureSecretKeyAccess.get())).isEqualTo(TestFiles.goText("ca.key"));

    HostCredential host = HostCredential.fromPem(TestFiles.goText("host1.crt"),
        TestFiles.goText("host1.key"));
    assertThat(host.privateKey().type()).isEqualTo(KeyType.X25519);
    assertThat(host.privateKey().toString()).doesNotContain(
        host.privateKey().publicKey().hex()).contains("redacted");

    PublicKey pub = PublicKey.fromPem(TestFiles.go("k.pub"));
    assertThat(pub.toPem()).isEqualTo(TestFiles.goText("k.pub"));
    Certificate ext = Certificate.fromPem(TestFiles.go("ext.crt"));
    assertThat(ext.publicKey()).isEqualTo(pub);
    assertThat(ext.matches(PrivateKey.fromPem(TestFiles.go("k.key")))).isTrue();
    assertThatThrownBy(() -> HostCredential.fromPem(TestFiles.goText("host1.crt"),
        TestFiles.goText("k.key")))
        .isInstanceOf(KeyMismatchException.class)
        .hasMessageContaining("don't match");
  }

  @Test
  void handshakeFormOmitsTheKeyAndRecombines() {
    Certificate host = Certificate.fromPem(TestFiles.go("host1.crt"));
    byte[] hs = host.marshalForHandshake();
    assertThat(hs.length).isEqualTo(host.marshal().length - 34);
    Certificate back = Certificate.fromHandshake(CertificateVersion.V1, hs,
        host.publicKey().bytes(), Curve.CURVE25519);
    assertThat(back).isEqualTo(host);
    assertThat(back.fingerprint()).isEqualTo(host.fingerprint());
    assertThatThrownBy(() -> Certificate.fromHandshake(CertificateVersion.V1, host.marshal(),
        host.publicKey().bytes(), Curve.CURVE25519))
        .isInstanceOf(CertFormatException.class)
        .hasMessageContaining("unexpected pubkey");
    assertThatThrownBy(() -> Certificate.fromHandshake(CertificateVersion.V1, hs,
        host.publicKey().bytes(), Curve.P256))
        .isInstanceOf(CertFormatException.class)
        .hasMessageContaining("curve");
  }

  @Test
  void wrongBannersAreNamed() {
    assertThatThrownBy(() -> Certificate.fromPem(TestFiles.go("ca.key")))
        .isInstanceOf(CertFormatException.class)
        .hasMessageContaining("proper nebula certificate banner")
        .hasMessageContaining("NEBULA ED25519 PRIVATE KEY");
    assertThatThrownBy(() -> PrivateKey.fromPem(TestFiles.go("ca.crt")))
        .isInstanceOf(CertFormatException.class)
        .hasMessageContaining("NEBULA CERTIFICATE");
    assertThatThrownBy(() -> Certificate.fromPem("not pem".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(CertFormatException.class)
        .hasMessageContaining("valid PEM");
  }
}
