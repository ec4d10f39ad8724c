package dev.nebula4j.cert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nebula4j.cert.CertVerificationException.Reason;
import dev.nebula4j.internal.cert.KeyOps;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** P-256: low-s signing, both s forms verifying, the twin fingerprint, key checks. */
class P256Test {
  private static final BigInteger N = CustomNamedCurves.getByName("secp256r1").getN();

  private static BigInteger s(byte[] der) {
    return ASN1Integer.getInstance(ASN1Sequence.getInstance(der).getObjectAt(1)).getValue();
  }

  @RepeatedTest(20)
  void signaturesAreLowSAndVerifyIndependently() throws Exception {
    CertificateAuthority ca = CertificateAuthority.create(CaSpec.named("p").curve(Curve.P256));
    Certificate host = ca.sign(HostSpec.named("h").network("10.0.0.1/24")).certificate();
    byte[] sig = host.signature();
    assertThat(s(sig)).isLessThanOrEqualTo(N.shiftRight(1));
    // an independent ECDSA implementation (BouncyCastle's) accepts it
    ASN1Sequence seq = ASN1Sequence.getInstance(sig);
    var params = CustomNamedCurves.getByName("secp256r1");
    ECDSASigner verifier = new ECDSASigner();
    verifier.init(false, new ECPublicKeyParameters(
        params.getCurve().decodePoint(ca.certificate().publicKey().bytes()),
        new ECDomainParameters(params)));
    byte[] details = ((CertificateV1) host).detailsForSigning();
    byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(details);
    assertThat(verifier.verifySignature(digest,
        ASN1Integer.getInstance(seq.getObjectAt(0)).getValue(),
        ASN1Integer.getInstance(seq.getObjectAt(1)).getValue())).isTrue();
  }

  @Test
  void highSTwinVerifiesAndIsBlockedThroughTheAlternateFingerprint() {
    CertificateAuthority ca = CertificateAuthority.create(CaSpec.named("p").curve(Curve.P256));
    Certificate host = ca.sign(HostSpec.named("h").network("10.0.0.1/24")).certificate();
    byte[] twinSig = KeyOps.swapS(host.signature());
    assertThat(s(twinSig)).isGreaterThan(N.shiftRight(1));
    Certificate twin = withSignature(host, twinSig);
    assertThat(twin.fingerprint()).isNotEqualTo(host.fingerprint());
    assertThat(twin.alternateFingerprint()).contains(host.fingerprint());
    assertThat(host.alternateFingerprint()).contains(twin.fingerprint());

    CaPool pool = CaPool.of(ca.certificate());
    Instant now = Instant.now();
    pool.verify(twin, now); // both forms verify, as in Go
    CaPool blocked = pool.withBlocklist(List.of(host.fingerprint()));
    CaPoolTest.assertReason(() -> blocked.verify(twin, now), Reason.BLOCKLISTED, "blocked");
    VerifiedCertificate v = pool.verify(host, now);
    CaPoolTest.assertReason(() -> pool.withBlocklist(List.of(twin.fingerprint())).reverify(v, now),
        Reason.BLOCKLISTED, "blocked");
  }

  private static Certificate withSignature(Certificate c, byte[] sig) {
    byte[] details = ((CertificateV1) c).detailsForSigning();
    dev.nebula4j.internal.proto.ProtoWriter d = new dev.nebula4j.internal.proto.ProtoWriter();
    d.rawBytes(details);
    dev.nebula4j.internal.proto.ProtoWriter w = new dev.nebula4j.internal.proto.ProtoWriter();
    w.message(1, d).bytes(2, sig);
    return CertificateV1.fromBytes(w.toByteArray());
  }

  @Test
  void keysRoundTripThroughPem() {
    for (KeyType t : new KeyType[] {KeyType.P256_ECDH, KeyType.ECDSA_P256}) {
      PrivateKey k = PrivateKey.generate(t);
      PrivateKey back = PrivateKey.fromPem(k.toPem(InsecureSecretKeyAccess.get()));
      assertThat(back.type()).isEqualTo(t);
      assertThat(back.publicKey()).isEqualTo(k.publicKey());
      assertThat(k.publicKey().bytes()).hasSize(65).startsWith(4);
      assertThat(PublicKey.fromPem(k.publicKey().toPem())).isEqualTo(k.publicKey());
    }
    // ECDH agrees both ways (BouncyCastle's own ECDH as an independent judge)
    PrivateKey a = PrivateKey.generate(KeyType.P256_ECDH);
    PrivateKey b = PrivateKey.generate(KeyType.P256_ECDH);
    byte[] ab = ecdh(a.secret().toByteArray(InsecureSecretKeyAccess.get()), b.publicKey().bytes());
    byte[] ba = ecdh(b.secret().toByteArray(InsecureSecretKeyAccess.get()), a.publicKey().bytes());
    assertThat(ab).isEqualTo(ba).hasSize(32);
  }

  private static byte[] ecdh(byte[] priv, byte[] peerPub) {
    var curve = CustomNamedCurves.getByName("secp256r1");
    var domain = new ECDomainParameters(curve);
    var agreement = new org.bouncycastle.crypto.agreement.ECDHBasicAgreement();
    agreement.init(new org.bouncycastle.crypto.params.ECPrivateKeyParameters(
        new BigInteger(1, priv), domain));
    BigInteger x = agreement.calculateAgreement(
        new ECPublicKeyParameters(curve.getCurve().decodePoint(peerPub), domain));
    return org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, x);
  }

  @Test
  void invalidKeysAreRefused() {
    byte[] zero = new byte[32];
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PrivateKey.of(KeyType.P256_ECDH,
        SecretBytes.copyFrom(zero, InsecureSecretKeyAccess.get())))
        .isInstanceOf(CertFormatException.class).hasMessageContaining("out of range");
    byte[] notOnCurve = new byte[65];
    notOnCurve[0] = 4;
    notOnCurve[64] = 1;
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PublicKey.of(KeyType.P256_ECDH,
        notOnCurve)).isInstanceOf(CertFormatException.class);
    byte[] ed = PrivateKey.generate(KeyType.ED25519).secret()
        .toByteArray(InsecureSecretKeyAccess.get());
    ed[40] ^= 1; // public half no longer matches the seed
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PrivateKey.of(KeyType.ED25519,
        SecretBytes.copyFrom(ed, InsecureSecretKeyAccess.get())))
        .isInstanceOf(CertFormatException.class).hasMessageContaining("does not match its seed");
  }
}
