package dev.nebula4j.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nebula4j.cert.InsecureSecretKeyAccess;
import dev.nebula4j.cert.SecretBytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class InsecureCounterNonceAeadTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] KEY =
      HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

  private static InsecureCounterNonceAead aead(AeadAlgorithm alg) {
    return InsecureCounterNonceAead.create(alg, secret(KEY));
  }

  @ParameterizedTest
  @EnumSource(AeadAlgorithm.class)
  void nonceLayout(AeadAlgorithm alg) {
    byte[] nonce = new byte[12];
    Arrays.fill(nonce, (byte) 0x55);
    alg.writeNonce(nonce, 0x0102030405060708L);
    assertThat(HEX.formatHex(nonce))
        .isEqualTo(alg == AeadAlgorithm.AES_256_GCM
            ? "000000000102030405060708"
            : "000000000807060504030201");
  }

  /** An independent implementation (BouncyCastle lightweight) with the nonce built by hand. */
  @ParameterizedTest
  @EnumSource(AeadAlgorithm.class)
  void matchesAnIndependentImplementationForLargeCounters(AeadAlgorithm alg) throws Exception {
    long counter = 0x0102030405060708L;
    byte[] header = HEX.parseHex("11000000deadbeef0102030405060708");
    byte[] plain = new byte[1300];
    new Random(1).nextBytes(plain);

    byte[] ours = new byte[16 + 1300 + 16];
    System.arraycopy(header, 0, ours, 0, 16);
    int n = aead(alg).seal(counter, ours, 0, 16, plain, 0, plain.length, ours, 16);
    assertThat(n).isEqualTo(1316);

    byte[] nonce = new byte[12];
    for (int i = 0; i < 8; i++) {
      int shift = 8 * (alg == AeadAlgorithm.AES_256_GCM ? 7 - i : i);
      nonce[4 + i] = (byte) (counter >>> shift);
    }
    org.bouncycastle.crypto.modes.AEADCipher bc = alg == AeadAlgorithm.AES_256_GCM
        ? GCMBlockCipher.newInstance(AESEngine.newInstance())
        : new ChaCha20Poly1305();
    bc.init(true, new AEADParameters(new KeyParameter(KEY), 128, nonce, header));
    byte[] theirs = new byte[bc.getOutputSize(plain.length)];
    int len = bc.processBytes(plain, 0, plain.length, theirs, 0);
    bc.doFinal(theirs, len);
    assertThat(Arrays.copyOfRange(ours, 16, 16 + n)).isEqualTo(theirs);
  }

  @ParameterizedTest
  @EnumSource(AeadAlgorithm.class)
  void inPlaceRoundTripWithHeaderAsAad(AeadAlgorithm alg) {
    InsecureCounterNonceAead a = aead(alg);
    byte[] buf = new byte[16 + 100 + 16];
    for (int i = 16; i < 116; i++) {
      buf[i] = (byte) i;
    }
    byte[] plain = Arrays.copyOfRange(buf, 16, 116);
    buf[0] = 0x11;
    assertThat(a.seal(3, buf, 0, 16, buf, 16, 100, buf, 16)).isEqualTo(116);
    assertThat(Arrays.copyOfRange(buf, 16, 116)).isNotEqualTo(plain);
    assertThat(a.open(3, buf, 0, 16, buf, 16, 116, buf, 16)).isEqualTo(100);
    assertThat(Arrays.copyOfRange(buf, 16, 116)).isEqualTo(plain);
  }

  @ParameterizedTest
  @EnumSource(AeadAlgorithm.class)
  void emptyPayloadIsJustATag(AeadAlgorithm alg) {
    // closeTunnel: 16-byte header + 16-byte tag = 32 bytes on the wire
    InsecureCounterNonceAead a = aead(alg);
    byte[] pkt = new byte[32];
    pkt[0] = 0x15;
    assertThat(a.seal(9, pkt, 0, 16, null, 0, 0, pkt, 16)).isEqualTo(16);
    assertThat(a.open(9, pkt, 0, 16, pkt, 16, 16, null, 0)).isZero();
  }

  @Property(tries = 60)
  void anyTamperingIsRejected(
      @ForAll("algorithms") AeadAlgorithm alg,
      @ForAll @Size(max = 200) byte[] payload,
      @ForAll long counter,
      @ForAll @IntRange(min = 0, max = 10_000) int flipSeed) {
    InsecureCounterNonceAead a = aead(alg);
    byte[] pkt = new byte[16 + payload.length + 16];
    pkt[0] = 0x11;
    pkt[15] = 3;
    System.arraycopy(payload, 0, pkt, 16, payload.length);
    a.seal(counter, pkt, 0, 16, pkt, 16, payload.length, pkt, 16);
    byte[] out = new byte[payload.length];
    assertThat(a.open(counter, pkt, 0, 16, pkt, 16, pkt.length - 16, out, 0))
        .isEqualTo(payload.length);
    assertThat(out).isEqualTo(payload);

    int bit = flipSeed % (pkt.length * 8);
    pkt[bit / 8] ^= (byte) (1 << (bit % 8));
    assertThat(a.open(counter, pkt, 0, 16, pkt, 16, pkt.length - 16, out, 0))
        .isEqualTo(InsecureCounterNonceCipher.FAIL_AUTHENTICATION);
    pkt[bit / 8] ^= (byte) (1 << (bit % 8));
    assertThat(a.open(counter + 1, pkt, 0, 16, pkt, 16, pkt.length - 16, out, 0))
        .as("wrong counter")
        .isEqualTo(InsecureCounterNonceCipher.FAIL_AUTHENTICATION);
    assertThat(a.open(counter, pkt, 0, 16, pkt, 16, pkt.length - 16, out, 0))
        .as("still opens after failures")
        .isEqualTo(payload.length);
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<AeadAlgorithm> algorithms() {
    return net.jqwik.api.Arbitraries.of(AeadAlgorithm.class);
  }

  /**
   * JDK 17's ChaCha20-Poly1305 refuses a decrypt init with the key and nonce of the previous one. A
   * forged packet with counter n must not make the genuine packet n undecryptable.
   */
  @ParameterizedTest
  @EnumSource(AeadAlgorithm.class)
  void forgedPacketDoesNotPoisonTheGenuineOne(AeadAlgorithm alg) {
    InsecureCounterNonceAead sender = aead(alg);
    InsecureCounterNonceAead receiver = aead(alg);
    byte[] genuine = new byte[16 + 50 + 16];
    sender.seal(42, genuine, 0, 16, genuine, 16, 50, genuine, 16);
    byte[] forged = genuine.clone();
    forged[20] ^= 1;
    byte[] out = new byte[50];
    assertThat(receiver.open(42, forged, 0, 16, forged, 16, 66, out, 0)).isNegative();
    assertThat(receiver.open(42, forged, 0, 16, forged, 16, 66, out, 0)).isNegative();
    assertThat(receiver.open(42, genuine, 0, 16, genuine, 16, 66, out, 0)).isEqualTo(50);
    // and a replay of the genuine packet (the window normally stops it first) is not a crash
    assertThat(receiver.open(42, genuine, 0, 16, genuine, 16, 66, out, 0)).isIn(50, -1);
  }

  @Property(tries = 200)
  void openNeverThrowsOnArbitraryInput(
      @ForAll("algorithms") AeadAlgorithm alg,
      @ForAll @Size(max = 64) byte[] data,
      @ForAll @IntRange(min = -5, max = 80) int aadOff,
      @ForAll @IntRange(min = -5, max = 80) int aadLen,
      @ForAll @IntRange(min = -5, max = 80) int inOff,
      @ForAll @IntRange(min = -5, max = 80) int inLen,
      @ForAll @IntRange(min = -5, max = 80) int outOff,
      @ForAll @IntRange(min = 0, max = 80) int outSize) {
    InsecureCounterNonceAead a = aead(alg);
    int r = a.open(1, data, aadOff, aadLen, data, inOff, inLen, new byte[outSize], outOff);
    assertThat(r).isIn(
        InsecureCounterNonceCipher.FAIL_AUTHENTICATION,
        InsecureCounterNonceCipher.FAIL_TOO_SHORT,
        InsecureCounterNonceCipher.FAIL_BAD_RANGE);
    assertThat(a.openAuthOnly(1, data, inOff, inLen)).isNegative();
  }

  @ParameterizedTest
  @EnumSource(AeadAlgorithm.class)
  void specificFailureCodes(AeadAlgorithm alg) {
    InsecureCounterNonceAead a = aead(alg);
    byte[] buf = new byte[64];
    assertThat(a.open(1, buf, 0, 16, buf, 16, 15, buf, 0))
        .isEqualTo(InsecureCounterNonceCipher.FAIL_TOO_SHORT);
    assertThat(a.open(1, buf, 0, 16, buf, 16, 48, new byte[31], 0))
        .isEqualTo(InsecureCounterNonceCipher.FAIL_BAD_RANGE);
    assertThat(a.open(1, buf, 0, 16, buf, 16, 49, buf, 0))
        .isEqualTo(InsecureCounterNonceCipher.FAIL_BAD_RANGE);
    assertThat(a.open(1, buf, 0, 16, buf, 16, 48, buf, 0))
        .isEqualTo(InsecureCounterNonceCipher.FAIL_AUTHENTICATION);
    assertThatThrownBy(() -> a.seal(1, buf, 0, 16, buf, 16, 40, buf, 16))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @EnumSource(AeadAlgorithm.class)
  void sealingTheSameCounterTwiceInARowIsRefused(AeadAlgorithm alg) {
    InsecureCounterNonceAead a = aead(alg);
    byte[] buf = new byte[64];
    a.seal(5, buf, 0, 16, buf, 16, 10, buf, 16);
    assertThatThrownBy(() -> a.seal(5, buf, 0, 16, buf, 16, 10, buf, 16))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("counter 5");
    // the instance recovers for the next (fresh) counter
    assertThat(a.seal(6, buf, 0, 16, buf, 16, 10, buf, 16)).isEqualTo(26);
  }

  /** Relay frames (spec §5.3): tag over outer header ‖ inner packet with an empty plaintext. */
  @ParameterizedTest
  @EnumSource(AeadAlgorithm.class)
  void relayAuthOnlyFrames(AeadAlgorithm alg) throws Exception {
    InsecureCounterNonceAead a = aead(alg);
    byte[] frame = new byte[16 + 80 + 16];
    new Random(7).nextBytes(frame);
    frame[0] = 0x11;
    frame[1] = 0x01;
    byte[] authenticated = Arrays.copyOf(frame, 96);
    assertThat(a.sealAuthOnly(77, frame, 0, 96)).isEqualTo(16);
    assertThat(Arrays.copyOf(frame, 96)).as("inner is not encrypted").isEqualTo(authenticated);

    // the tag is the AEAD of an empty plaintext with aad = outer header ‖ inner
    byte[] tagOnly = new byte[16];
    assertThat(a.seal(78, authenticated, 0, 96, null, 0, 0, tagOnly, 0)).isEqualTo(16);
    InsecureCounterNonceAead b = aead(alg);
    byte[] expectedTag = new byte[16];
    b.seal(77, authenticated, 0, 96, null, 0, 0, expectedTag, 0);
    assertThat(Arrays.copyOfRange(frame, 96, 112)).isEqualTo(expectedTag);

    assertThat(a.openAuthOnly(77, frame, 0, 112)).isEqualTo(96);
    for (int i : new int[] {0, 5, 15, 16, 60, 95, 96, 111}) {
      frame[i] ^= 0x20;
      assertThat(a.openAuthOnly(77, frame, 0, 112)).as("byte %d flipped", i)
          .isEqualTo(InsecureCounterNonceCipher.FAIL_AUTHENTICATION);
      frame[i] ^= 0x20;
    }
    assertThat(a.openAuthOnly(76, frame, 0, 112))
        .isEqualTo(InsecureCounterNonceCipher.FAIL_AUTHENTICATION);
    assertThat(a.openAuthOnly(77, frame, 0, 112)).isEqualTo(96);
    assertThat(a.openAuthOnly(77, frame, 0, 15)).isEqualTo(InsecureCounterNonceCipher.FAIL_TOO_SHORT);
  }

  @ParameterizedTest
  @EnumSource(AeadAlgorithm.class)
  void oneInstanceIsSafeForSeveralThreads(AeadAlgorithm alg) throws Exception {
    InsecureCounterNonceAead sender = aead(alg);
    InsecureCounterNonceAead receiver = aead(alg);
    int threads = 4;
    int perThread = 2000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int base = t * perThread;
        results.add(pool.submit(() -> {
          byte[] pkt = new byte[16 + 300 + 16];
          byte[] out = new byte[300];
          int ok = 0;
          for (int i = 0; i < perThread; i++) {
            long counter = base + i + 3;
            Arrays.fill(pkt, 16, 316, (byte) counter);
            sender.seal(counter, pkt, 0, 16, pkt, 16, 300, pkt, 16);
            if (receiver.open(counter, pkt, 0, 16, pkt, 16, 316, out, 0) == 300
                && out[0] == (byte) counter && out[299] == (byte) counter) {
              ok++;
            }
          }
          return ok;
        }));
      }
      for (Future<Integer> f : results) {
        assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(perThread);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest
  @EnumSource(AeadAlgorithm.class)
  void keysNeverAppearInToString(AeadAlgorithm alg) {
    SecretBytes key = secret(KEY);
    assertThat(key.toString()).isEqualTo("SecretBytes[32 bytes, redacted]");
    String s = InsecureCounterNonceAead.create(alg, key).toString();
    assertThat(s).contains(alg.noiseName()).contains("redacted")
        .doesNotContain(HEX.formatHex(KEY).substring(0, 8));
    assertThat(new InsecureCounterNonceCipher(alg, key).toString()).contains("redacted");
  }

  @ParameterizedTest
  @EnumSource(AeadAlgorithm.class)
  void wrongKeyLengthIsRefused(AeadAlgorithm alg) {
    assertThatThrownBy(() -> InsecureCounterNonceAead.create(alg, secret(new byte[16])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32-byte key");
  }

  @org.junit.jupiter.api.Test
  void configAndNoiseNames() {
    assertThat(AeadAlgorithm.of(dev.nebula4j.config.Cipher.parse("aes")))
        .isEqualTo(AeadAlgorithm.AES_256_GCM);
    assertThat(AeadAlgorithm.of(dev.nebula4j.config.Cipher.parse("chachapoly")))
        .isEqualTo(AeadAlgorithm.CHACHA20_POLY1305);
    for (AeadAlgorithm a : AeadAlgorithm.values()) {
      assertThat(AeadAlgorithm.of(a.config())).isSameAs(a);
    }
    assertThat(AeadAlgorithm.forNoiseName("ChaChaPoly")).isEqualTo(AeadAlgorithm.CHACHA20_POLY1305);
    assertThatThrownBy(() -> dev.nebula4j.config.Cipher.parse("AES"))
        .hasMessageContaining("expected aes or chachapoly");
  }

  private static SecretBytes secret(byte[] raw) {
    return SecretBytes.copyFrom(raw, InsecureSecretKeyAccess.get());
  }
}
