package dev.nebula4j.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nebula4j.cert.CertVerificationException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaPoolTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  private static CertificateAuthority ca(String name, Duration validity) {
    return CertificateAuthority.create(CaSpec.named(name).notBefore(T0).validFor(validity))
        .withClock(Clock.fixed(T0.plusSeconds(10), ZoneOffset.UTC));
  }

  @Test
  void bundlesHoldSeveralCasAndVerifyEach() {
    CertificateAuthority oldCa = ca("old", Duration.ofDays(30));
    CertificateAuthority newCa = ca("new", Duration.ofDays(365));
    CaPool pool = CaPool.fromPem(oldCa.certificate().toPem() + "\n" + newCa.certificate().toPem());
    assertThat(pool.certificates()).hasSize(2);
    Certificate a = oldCa.sign(HostSpec.named("a").network("10.0.0.1/24")).certificate();
    Certificate b = newCa.sign(HostSpec.named("b").network("10.0.0.2/24")).certificate();
    Instant now = T0.plus(Duration.ofDays(1));
    assertThat(pool.verify(a, now).issuerName()).isEqualTo("old");
    assertThat(pool.verify(b, now).issuerName()).isEqualTo("new");
    assertThat(pool.issuerOf(b)).contains(newCa.certificate());

    // after the old CA expired: kept, reported, its certificates refused
    Instant later = T0.plus(Duration.ofDays(40));
    assertThat(pool.expired(later)).containsExactly(oldCa.certificate());
    assertThat(pool.hasUsableCa(later)).isTrue();
    assertThat(pool.hasUsableCa(T0.plus(Duration.ofDays(400)))).isFalse();
    assertReason(() -> pool.verify(a, later), Reason.CA_EXPIRED, "root certificate is expired");
    assertThat(pool.verify(b, later).certificate()).isEqualTo(b);
  }

  @Test
  void verifyFollowsGoOrder() {
    CertificateAuthority ca = ca("ca", Duration.ofDays(30));
    CertificateAuthority other = ca("other", Duration.ofDays(30));
    Certificate host = ca.sign(HostSpec.named("h").network("10.0.0.1/24")
        .validFor(Duration.ofDays(1))).certificate();
    CaPool pool = CaPool.of(ca.certificate());
    Instant now = T0.plusSeconds(3600);

    assertReason(() -> pool.withBlocklist(List.of(host.fingerprint())).verify(host, now),
        Reason.BLOCKLISTED, "certificate has been blocked");
    assertReason(() -> pool.verify(ca.certificate(), now), Reason.NO_ISSUER,
        "no issuer in certificate");
    assertReason(() -> CaPool.of(other.certificate()).verify(host, now), Reason.UNKNOWN_CA,
        "could not find ca for the certificate");
    assertReason(() -> pool.verify(host, T0.plus(Duration.ofDays(2))), Reason.EXPIRED,
        "certificate is expired");
    assertReason(() -> pool.verify(host, T0.minusSeconds(1)), Reason.CA_EXPIRED,
        "root certificate is expired");

    // a certificate whose details were changed after signing
    byte[] bytes = host.marshal();
    int nameAt = indexOf(bytes, new byte[] {'h'});
    bytes[nameAt] = 'x';
    Certificate forged = CertificateV1.fromBytes(bytes);
    assertReason(() -> pool.verify(forged, now), Reason.SIGNATURE_MISMATCH,
        "certificate signature did not match");

    VerifiedCertificate v = pool.verify(host, now);
    pool.reverify(v, now);
    assertReason(() -> pool.withBlocklist(List.of(host.fingerprint())).reverify(v, now),
        Reason.BLOCKLISTED, "blocked");
    assertReason(() -> pool.reverify(v, T0.plus(Duration.ofDays(3))), Reason.EXPIRED, "expired");
  }

  @Test
  void curveMismatchIsItsOwnReason() {
    CertificateAuthority ca = ca("ca", Duration.ofDays(30));
    Certificate host = ca.sign(HostSpec.named("h").network("10.0.0.1/24")).certificate();
    // same CA fingerprint but P-256 curve: rebuild the host cert with curve 1 (signature broken)
    byte[] hs = host.marshalForHandshake();
    byte[] withCurve = java.util.Arrays.copyOf(hs, hs.length);
    Certificate p256Host = Certificate.fromHandshake(CertificateVersion.V1,
        appendCurveToDetails(withCurve), PrivateKey.generate(KeyType.P256_ECDH).publicKey().bytes(),
        Curve.P256);
    assertReason(() -> CaPool.of(ca.certificate()).verify(p256Host, T0.plusSeconds(60)),
        Reason.CURVE_MISMATCH, "certificate curve does not match CA");
  }

  @Test
  void poolsRefuseNonCaAndForgedCas() {
    CertificateAuthority ca = ca("ca", Duration.ofDays(30));
    Certificate host = ca.sign(HostSpec.named("h").network("10.0.0.1/24")).certificate();
    assertReason(() -> CaPool.fromPem(ca.certificate().toPem() + host.toPem()), Reason.NOT_CA,
        "h: certificate is not a CA");
    byte[] bytes = ca.certificate().marshal();
    bytes[indexOf(bytes, "ca".getBytes())] = 'x';
    Certificate forged = CertificateV1.fromBytes(bytes);
    assertReason(() -> CaPool.of(forged), Reason.NOT_SELF_SIGNED, "not self-signed");
    assertThatThrownBy(() -> CaPool.fromPem(ca.certificate().toPem() + "garbage"))
        .isInstanceOf(CertFormatException.class).hasMessageContaining("valid PEM");
    assertThatThrownBy(() -> CaPool.fromPem(""))
        .isInstanceOf(CertFormatException.class);
  }

  static byte[] appendCurveToDetails(byte[] cert) {
    // cert = 0a <len> details 12 <len> sig ; add a0 06 01 at the end of details
    int detailsLen = cert[1] & 0xFF;
    byte[] out = new byte[cert.length + 3];
    out[0] = 0x0a;
    out[1] = (byte) (detailsLen + 3);
    System.arraycopy(cert, 2, out, 2, detailsLen);
    out[2 + detailsLen] = (byte) 0xa0;
    out[3 + detailsLen] = 0x06;
    out[4 + detailsLen] = 0x01;
    System.arraycopy(cert, 2 + detailsLen, out, 5 + detailsLen, cert.length - 2 - detailsLen);
    return out;
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }

  static void assertReason(org.assertj.core.api.ThrowableAssert.ThrowingCallable call,
      Reason reason, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(CertVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessageContaining(message);
  }
}
