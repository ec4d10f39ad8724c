package dev.nebula4j.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Passphrase-protected CA keys: Go's own test keys (shared/vectors/encrypted-ca-key, Argon2id
 * m=64 MiB t=3 p=4) and round trips with small parameters (Go's default of 2 GiB is too heavy
 * for unit tests; {@link Argon2Parameters#DEFAULT} documents it).
 */
class EncryptedKeyTest {
  private static final byte[] GO_PASSPHRASE = "DO NOT USE".getBytes(StandardCharsets.UTF_8);
  private static final Argon2Parameters SMALL = new Argon2Parameters(64, 1, 1);

  @Test
  void decryptsGoTestKey() {
    byte[] pem = TestFiles.vector("encrypted-ca-key/good.pem");
    assertThat(PrivateKey.isEncryptedPem(pem)).isTrue();
    assertThat(PrivateKey.encryptionParameters(pem)).isEqualTo(new Argon2Parameters(65536, 3, 4));
    PrivateKey key = PrivateKey.decryptPem(pem, GO_PASSPHRASE);
    assertThat(key.type()).isEqualTo(KeyType.ED25519);
    byte[] raw = key.secret().toByteArray(InsecureSecretKeyAccess.get());
    assertThat(raw).hasSize(64);
    assertThat(java.util.Arrays.copyOfRange(raw, 32, 64)).isEqualTo(key.publicKey().bytes());
    assertThatThrownBy(() -> PrivateKey.fromPem(pem))
        .isInstanceOfSatisfying(EncryptedKeyException.class,
            e -> assertThat(e.passphraseRequired()).isTrue())
        .hasMessage("private key must be decrypted");
  }

  @Test
  void refusesGoBadKeys() {
    assertThatThrownBy(() -> PrivateKey.decryptPem(
        TestFiles.vector("encrypted-ca-key/good.pem"), "wrong".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(EncryptedKeyException.class)
        .hasMessage("invalid passphrase or corrupt private key");
    assertThatThrownBy(() -> PrivateKey.decryptPem(
        TestFiles.vector("encrypted-ca-key/too-short-after-decrypt.pem"), GO_PASSPHRASE))
        .isInstanceOf(EncryptedKeyException.class)
        .hasMessageContaining("key was not 64 bytes");
    assertThatThrownBy(() -> PrivateKey.decryptPem(
        TestFiles.vector("encrypted-ca-key/invalid-banner-not-encrypted.pem"), GO_PASSPHRASE))
        .isInstanceOf(CertFormatException.class)
        .hasMessageContaining("encrypted Ed25519/ECDSA private key banner");
    assertThatThrownBy(() -> PrivateKey.decryptPem(
        TestFiles.vector("encrypted-ca-key/invalid-pem.pem"), GO_PASSPHRASE))
        .isInstanceOf(CertFormatException.class)
        .hasMessageContaining("valid PEM");
  }

  @ParameterizedTest
  @EnumSource(Curve.class)
  void roundTripsBothCurves(Curve curve) {
    CertificateAuthority ca = CertificateAuthority.create(CaSpec.named("enc").curve(curve));
    byte[] pass = "correct horse".getBytes(StandardCharsets.UTF_8);
    String pem = ca.privateKey().toEncryptedPem(pass, SMALL);
    assertThat(pem).startsWith("-----BEGIN " + KeyType.signing(curve).encryptedPrivateKeyBanner());
    PrivateKey back = PrivateKey.decryptPem(pem, pass);
    assertThat(back.secret().equalsSecretBytes(ca.privateKey().secret())).isTrue();
    assertThat(PrivateKey.encryptionParameters(pem.getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(SMALL);
    CertificateAuthority again = CertificateAuthority.of(ca.certificate(), back);
    Certificate host = again.sign(HostSpec.named("h").network("10.1.2.3/24")).certificate();
    CaPool.of(ca.certificate()).verify(host, Instant.now());
  }

  @Test
  void hostKeysAreNeverEncrypted() {
    assertThatThrownBy(() -> PrivateKey.generate(KeyType.X25519)
        .toEncryptedPem("x".getBytes(StandardCharsets.UTF_8), SMALL))
        .isInstanceOf(KeyMismatchException.class);
  }

  @Test
  void goDefaultsAreDocumented() {
    assertThat(Argon2Parameters.DEFAULT).isEqualTo(new Argon2Parameters(2097152, 1, 4));
    assertThatThrownBy(() -> new Argon2Parameters(1, 1, 256))
        .hasMessageContaining("parallelism");
  }
}
