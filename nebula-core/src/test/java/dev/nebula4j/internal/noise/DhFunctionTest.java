package dev.nebula4j.internal.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nebula4j.cert.InsecureSecretKeyAccess;
import dev.nebula4j.cert.SecretBytes;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.KeyAgreement;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

class DhFunctionTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void x25519Rfc7748Vector() throws Exception {
    // RFC 7748 §6.1 Alice/Bob
    DhKeyPair alice = DhFunction.X25519.keyPairFromPrivate(secret(HEX.parseHex(
        "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")));
    assertThat(HEX.formatHex(alice.publicKey()))
        .isEqualTo("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    byte[] bobPub = HEX.parseHex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    assertThat(HEX.formatHex(DhFunction.X25519.dh(alice.privateKey(), bobPub)))
        .isEqualTo("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
  }

  @Test
  void x25519AgreesWithTheJdk() throws Exception {
    DhKeyPair ours = DhFunction.X25519.generateKeyPair(RANDOM);
    KeyPairGenerator kpg = KeyPairGenerator.getInstance("X25519");
    KeyPair jdk = kpg.generateKeyPair();
    byte[] jdkPub = littleEndian32(
        ((java.security.interfaces.XECPublicKey) jdk.getPublic()).getU());
    KeyAgreement ka = KeyAgreement.getInstance("X25519");
    ka.init(jdk.getPrivate());
    PublicKey ourPub = KeyFactory.getInstance("X25519").generatePublic(new XECPublicKeySpec(
        NamedParameterSpec.X25519, new BigInteger(1, reverse(ours.publicKey()))));
    ka.doPhase(ourPub, true);
    assertThat(DhFunction.X25519.dh(ours.privateKey(), jdkPub)).isEqualTo(ka.generateSecret());
  }

  @Test
  void x25519RefusesLowOrderPoints() {
    DhKeyPair ours = DhFunction.X25519.generateKeyPair(RANDOM);
    assertThatThrownBy(() -> DhFunction.X25519.dh(ours.privateKey(), new byte[32]))
        .isInstanceOf(NoiseException.class)
        .hasMessageContaining("low-order")
        .extracting(e -> ((NoiseException) e).reason())
        .isEqualTo(NoiseException.Reason.INVALID_PUBLIC_KEY);
    assertThatThrownBy(() -> DhFunction.X25519.dh(ours.privateKey(), new byte[31]))
        .isInstanceOf(NoiseException.class)
        .hasMessageContaining("32 bytes");
  }

  @Test
  void p256KeysHaveNebulaShapes() throws Exception {
    DhKeyPair kp = DhFunction.P256.generateKeyPair(RANDOM);
    assertThat(kp.publicKey()).hasSize(65);
    assertThat(kp.publicKey()[0]).isEqualTo((byte) 0x04);
    assertThat(kp.privateKey().size()).isEqualTo(32);
    DhFunction.P256.validatePublicKey(kp.publicKey());
  }

  /** Public keys derived from private keys agree with the JDK's own key generation. */
  @Test
  void p256PublicKeyDerivationAgreesWithTheJdk() throws Exception {
    KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
    kpg.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
    for (int i = 0; i < 3; i++) {
      KeyPair jdk = kpg.generateKeyPair();
      BigInteger s = ((java.security.interfaces.ECPrivateKey) jdk.getPrivate()).getS();
      java.security.spec.ECPoint w = ((java.security.interfaces.ECPublicKey) jdk.getPublic()).getW();
      byte[] expected = new byte[65];
      expected[0] = 4;
      System.arraycopy(fixed32(w.getAffineX()), 0, expected, 1, 32);
      System.arraycopy(fixed32(w.getAffineY()), 0, expected, 33, 32);
      DhKeyPair ours = DhFunction.P256.keyPairFromPrivate(secret(fixed32(s)));
      assertThat(ours.publicKey()).isEqualTo(expected);
    }
  }

  private static byte[] fixed32(BigInteger v) {
    byte[] be = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(32, be.length);
    System.arraycopy(be, be.length - n, out, 32 - n, n);
    return out;
  }

  /** ECDH output is the X coordinate of d·Q, checked with BouncyCastle's point arithmetic. */
  @Test
  void p256SharedSecretIsTheXCoordinate() throws Exception {
    X9ECParameters curve = CustomNamedCurves.getByName("secp256r1");
    for (int i = 0; i < 5; i++) {
      DhKeyPair a = DhFunction.P256.generateKeyPair(RANDOM);
      DhKeyPair b = DhFunction.P256.generateKeyPair(RANDOM);
      byte[] ab = DhFunction.P256.dh(a.privateKey(), b.publicKey());
      byte[] ba = DhFunction.P256.dh(b.privateKey(), a.publicKey());
      assertThat(ab).hasSize(32).isEqualTo(ba);
      ECPoint q = curve.getCurve().decodePoint(b.publicKey());
      BigInteger d = new BigInteger(1, a.privateKey().toByteArray(InsecureSecretKeyAccess.get()));
      byte[] x = q.multiply(d).normalize().getAffineXCoord().getEncoded();
      assertThat(ab).isEqualTo(x);
    }
  }

  @Test
  void p256RefusesBadPoints() {
    DhKeyPair kp = DhFunction.P256.generateKeyPair(RANDOM);
    byte[] offCurve = kp.publicKey();
    offCurve[64] ^= 1;
    assertThatThrownBy(() -> DhFunction.P256.dh(kp.privateKey(), offCurve))
        .isInstanceOf(NoiseException.class)
        .hasMessageContaining("not on the curve");
    byte[] compressed = Arrays.copyOf(kp.publicKey(), 33);
    compressed[0] = 0x02;
    assertThatThrownBy(() -> DhFunction.P256.validatePublicKey(compressed))
        .isInstanceOf(NoiseException.class)
        .hasMessageContaining("65-byte uncompressed point");
    byte[] wrongPrefix = kp.publicKey();
    wrongPrefix[0] = 0x06;
    assertThatThrownBy(() -> DhFunction.P256.validatePublicKey(wrongPrefix))
        .isInstanceOf(NoiseException.class);
    byte[] bigX = kp.publicKey();
    Arrays.fill(bigX, 1, 33, (byte) 0xFF);
    assertThatThrownBy(() -> DhFunction.P256.validatePublicKey(bigX))
        .isInstanceOf(NoiseException.class)
        .hasMessageContaining("≥ p");
  }

  @Test
  void p256RefusesOutOfRangePrivateKeys() {
    assertThatThrownBy(() -> DhFunction.P256.keyPairFromPrivate(secret(new byte[32])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[1, n-1]");
    byte[] ff = new byte[32];
    Arrays.fill(ff, (byte) 0xFF);
    assertThatThrownBy(() -> DhFunction.P256.keyPairFromPrivate(secret(ff)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keyPairToStringHidesThePrivateKey() {
    DhKeyPair kp = DhFunction.X25519.keyPairFromPrivate(secret(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
        17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}));
    assertThat(kp.toString())
        .contains(HEX.formatHex(kp.publicKey()))
        .contains("private redacted")
        .doesNotContain("0102030405");
  }

  @Test
  void namesResolve() {
    assertThat(DhFunction.forNoiseName("25519")).isSameAs(DhFunction.X25519);
    assertThat(DhFunction.forNoiseName("P256")).isSameAs(DhFunction.P256);
    assertThatThrownBy(() -> DhFunction.forNoiseName("448"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] reverse(byte[] b) {
    byte[] r = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      r[i] = b[b.length - 1 - i];
    }
    return r;
  }

  private static byte[] littleEndian32(BigInteger u) {
    byte[] be = u.toByteArray();
    byte[] fixed = new byte[32];
    int n = Math.min(32, be.length);
    System.arraycopy(be, be.length - n, fixed, 32 - n, n);
    return reverse(fixed);
  }

  private static SecretBytes secret(byte[] raw) {
    return SecretBytes.copyFrom(raw, InsecureSecretKeyAccess.get());
  }
}
