package dev.nebula4j.cert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The secret wrapper: copies in, copies out with the token, redacted, comparable, wipeable. */
class SecretBytesTest {
  private static final byte[] KEY = HexFormat.of()
      .parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

  private static SecretBytes secret(byte[] raw) {
    return SecretBytes.copyFrom(raw, InsecureSecretKeyAccess.get());
  }

  @Test
  void secretBytesCopiesAndDestroys() {
    byte[] raw = KEY.clone();
    SecretBytes s = secret(raw);
    raw[0] = 99;
    assertThat(s.toByteArray(InsecureSecretKeyAccess.get())[0]).isEqualTo((byte) 0);
    assertThat(s.equalsSecretBytes(secret(KEY))).isTrue();
    s.destroy();
    assertThat(s.toByteArray(InsecureSecretKeyAccess.get())).containsOnly(0);
  }

  @Test
  void identityEqualsAndRedactedToString() {
    SecretBytes a = secret(KEY);
    SecretBytes b = secret(KEY);
    assertThat(a).isNotEqualTo(b);
    assertThat(a.equalsSecretBytes(b)).isTrue();
    assertThat(a.equalsSecretBytes(null)).isFalse();
    assertThat(a.toString()).isEqualTo("SecretBytes[32 bytes, redacted]");
    assertThat(a.size()).isEqualTo(32);
  }
}
