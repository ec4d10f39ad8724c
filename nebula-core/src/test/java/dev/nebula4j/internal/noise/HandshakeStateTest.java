package dev.nebula4j.internal.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nebula4j.cert.InsecureSecretKeyAccess;
import dev.nebula4j.internal.crypto.AeadAlgorithm;
import dev.nebula4j.internal.crypto.InsecureCounterNonceAead;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HandshakeStateTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.nebula4j.internal.noise.NebulaProtocols#all")
  void ixProducesMatchingTransportKeysBothWays(NoiseProtocol protocol) throws Exception {
    DhKeyPair is = protocol.dh().generateKeyPair(RANDOM);
    DhKeyPair rs = protocol.dh().generateKeyPair(RANDOM);
    HandshakeState init = HandshakeState.builder(protocol, true).localStatic(is).build();
    HandshakeState resp = HandshakeState.builder(protocol, false).localStatic(rs).build();

    byte[] p1 = "initiator cert".getBytes(StandardCharsets.UTF_8);
    byte[] msg1 = init.writeMessage(p1);
    int keyLen = protocol.dh().publicKeyLength();
    assertThat(msg1).hasSize(2 * keyLen + p1.length);
    assertThat(Arrays.copyOfRange(msg1, keyLen, 2 * keyLen)).as("s in clear")
        .isEqualTo(is.publicKey());
    assertThat(Arrays.copyOfRange(msg1, 2 * keyLen, msg1.length)).as("payload in clear")
        .isEqualTo(p1);
    assertThat(resp.readMessage(msg1, 0, msg1.length)).isEqualTo(p1);
    assertThat(resp.remoteStaticPublicKey()).isEqualTo(is.publicKey());

    byte[] p2 = "responder cert".getBytes(StandardCharsets.UTF_8);
    byte[] msg2 = resp.writeMessage(p2);
    assertThat(msg2).hasSize(keyLen + keyLen + 16 + p2.length + 16);
    assertThat(init.readMessage(msg2, 0, msg2.length)).isEqualTo(p2);
    assertThat(init.remoteStaticPublicKey()).isEqualTo(rs.publicKey());

    assertThat(init.isComplete()).isTrue();
    assertThat(resp.isComplete()).isTrue();
    assertThat(init.handshakeHash()).isEqualTo(resp.handshakeHash());

    TransportKeys ik = init.transportKeys();
    TransportKeys rk = resp.transportKeys();
    assertOneWay(ik.newSendAead(), rk.newReceiveAead(), true);
    assertOneWay(rk.newSendAead(), ik.newReceiveAead(), true);
    // the two directions use different keys
    assertOneWay(ik.newSendAead(), ik.newReceiveAead(), false);
  }

  private static void assertOneWay(
      InsecureCounterNonceAead sender, InsecureCounterNonceAead receiver, boolean works) {
    byte[] pkt = new byte[16 + 40 + 16];
    pkt[0] = 0x11;
    pkt[15] = 3;
    Arrays.fill(pkt, 16, 56, (byte) 0x5a);
    sender.seal(3, pkt, 0, 16, pkt, 16, 40, pkt, 16);
    byte[] out = new byte[40];
    int n = receiver.open(3, pkt, 0, 16, pkt, 16, 56, out, 0);
    if (works) {
      assertThat(n).isEqualTo(40);
      assertThat(out).containsOnly((byte) 0x5a);
    } else {
      assertThat(n).isNegative();
    }
  }

  @Test
  void differentProloguesOrCiphersDoNotAgree() throws Exception {
    NoiseProtocol aes = NoiseProtocol.nebula(DhFunction.X25519, AeadAlgorithm.AES_256_GCM);
    NoiseProtocol chacha = NoiseProtocol.nebula(DhFunction.X25519, AeadAlgorithm.CHACHA20_POLY1305);
    DhKeyPair is = DhFunction.X25519.generateKeyPair(RANDOM);
    DhKeyPair rs = DhFunction.X25519.generateKeyPair(RANDOM);

    HandshakeState init = HandshakeState.builder(aes, true).localStatic(is).build();
    HandshakeState resp = HandshakeState.builder(chacha, false).localStatic(rs).build();
    byte[] msg1 = init.writeMessage(new byte[0]);
    resp.readMessage(msg1, 0, msg1.length); // msg1 is all cleartext: no check yet
    byte[] msg2 = resp.writeMessage(new byte[5]);
    assertThatThrownBy(() -> init.readMessage(msg2, 0, msg2.length))
        .isInstanceOf(NoiseException.class)
        .extracting(e -> ((NoiseException) e).reason())
        .isEqualTo(NoiseException.Reason.DECRYPTION_FAILED);

    HandshakeState init2 =
        HandshakeState.builder(aes, true).localStatic(is).prologue(new byte[] {1}).build();
    HandshakeState resp2 = HandshakeState.builder(aes, false).localStatic(rs).build();
    byte[] m1 = init2.writeMessage(new byte[0]);
    resp2.readMessage(m1, 0, m1.length);
    byte[] m2 = resp2.writeMessage(new byte[0]);
    assertThatThrownBy(() -> init2.readMessage(m2, 0, m2.length))
        .isInstanceOf(NoiseException.class);
  }

  /** An attacker's garbage msg2 must not spoil the pending handshake (spec §3.5). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.nebula4j.internal.noise.NebulaProtocols#all")
  void failedReadLeavesTheStateUntouched(NoiseProtocol protocol) throws Exception {
    DhKeyPair is = protocol.dh().generateKeyPair(RANDOM);
    DhKeyPair rs = protocol.dh().generateKeyPair(RANDOM);
    HandshakeState init = HandshakeState.builder(protocol, true).localStatic(is).build();
    HandshakeState resp = HandshakeState.builder(protocol, false).localStatic(rs).build();
    byte[] msg1 = init.writeMessage(new byte[] {1, 2, 3});
    resp.readMessage(msg1, 0, msg1.length);
    byte[] msg2 = resp.writeMessage(new byte[] {4, 5, 6});
    byte[] hashBefore = init.handshakeHash();

    for (int i : new int[] {0, protocol.dh().publicKeyLength() + 3, msg2.length - 1}) {
      byte[] bad = msg2.clone();
      bad[i] ^= 0x01;
      assertThatThrownBy(() -> init.readMessage(bad, 0, bad.length))
          .isInstanceOf(NoiseException.class);
      assertThat(init.handshakeHash()).isEqualTo(hashBefore);
      assertThat(init.remoteStaticPublicKey()).isNull();
      assertThat(init.isComplete()).isFalse();
    }
    assertThatThrownBy(() -> init.readMessage(msg2, 0, 10))
        .isInstanceOf(NoiseException.class)
        .extracting(e -> ((NoiseException) e).reason())
        .isEqualTo(NoiseException.Reason.MESSAGE_TOO_SHORT);

    assertThat(init.readMessage(msg2, 0, msg2.length)).containsExactly(4, 5, 6);
    assertThat(init.transportKeys().send().newCounterNonceAead()).isNotNull();
    assertOneWay(init.transportKeys().newSendAead(), resp.transportKeys().newReceiveAead(), true);
  }

  @Test
  void truncatedMessageOneIsRefused() throws Exception {
    NoiseProtocol p = NoiseProtocol.nebula(DhFunction.X25519, AeadAlgorithm.AES_256_GCM);
    HandshakeState resp = HandshakeState.builder(p, false)
        .localStatic(DhFunction.X25519.generateKeyPair(RANDOM)).build();
    assertThatThrownBy(() -> resp.readMessage(new byte[63], 0, 63))
        .isInstanceOf(NoiseException.class)
        .hasMessageContaining("static key needs 32 bytes, only 31 left");
    assertThatThrownBy(() -> resp.readMessage(new byte[70_000], 0, 70_000))
        .isInstanceOf(NoiseException.class)
        .extracting(e -> ((NoiseException) e).reason())
        .isEqualTo(NoiseException.Reason.MESSAGE_TOO_LONG);
    assertThat(resp.messageIndex()).isZero();
  }

  @Test
  void lowOrderEphemeralFailsAtTheResponderWrite() throws Exception {
    NoiseProtocol p = NoiseProtocol.nebula(DhFunction.X25519, AeadAlgorithm.AES_256_GCM);
    HandshakeState resp = HandshakeState.builder(p, false)
        .localStatic(DhFunction.X25519.generateKeyPair(RANDOM)).build();
    byte[] msg1 = new byte[64];
    System.arraycopy(DhFunction.X25519.generateKeyPair(RANDOM).publicKey(), 0, msg1, 32, 32);
    resp.readMessage(msg1, 0, msg1.length); // e = all zeros: refused by the DH at "ee"
    assertThatThrownBy(() -> resp.writeMessage(new byte[0]))
        .isInstanceOf(NoiseException.class)
        .hasMessageContaining("low-order");
  }

  @Test
  void p256InvalidEphemeralIsRefusedOnRead() throws Exception {
    NoiseProtocol p = NoiseProtocol.nebula(DhFunction.P256, AeadAlgorithm.AES_256_GCM);
    HandshakeState resp = HandshakeState.builder(p, false)
        .localStatic(DhFunction.P256.generateKeyPair(RANDOM)).build();
    byte[] msg1 = new byte[130];
    msg1[0] = 4;
    assertThatThrownBy(() -> resp.readMessage(msg1, 0, msg1.length))
        .isInstanceOf(NoiseException.class)
        .extracting(e -> ((NoiseException) e).reason())
        .isEqualTo(NoiseException.Reason.INVALID_PUBLIC_KEY);
  }

  @Test
  void turnsAndMisuseAreChecked() throws Exception {
    NoiseProtocol p = NoiseProtocol.nebula(DhFunction.X25519, AeadAlgorithm.AES_256_GCM);
    DhKeyPair kp = DhFunction.X25519.generateKeyPair(RANDOM);
    HandshakeState init = HandshakeState.builder(p, true).localStatic(kp).build();
    assertThat(init.isMyTurnToWrite()).isTrue();
    assertThatThrownBy(() -> init.readMessage(new byte[64], 0, 64))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("out of turn");
    assertThatThrownBy(init::transportKeys).isInstanceOf(IllegalStateException.class);
    init.writeMessage(new byte[0]);
    assertThatThrownBy(() -> init.writeMessage(new byte[0])).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> HandshakeState.builder(p, true).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs localStatic");
    assertThatThrownBy(() -> HandshakeState.builder(p, true)
            .localStatic(DhFunction.P256.generateKeyPair(RANDOM)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("P256");
    assertThatThrownBy(() -> init.nextMessageLength(0)).isInstanceOf(IllegalStateException.class);
    assertThat(HandshakeState.builder(p, true).localStatic(kp).build().nextMessageLength(100))
        .isEqualTo(164);
  }

  @Test
  void oversizedPayloadIsRefused() {
    NoiseProtocol p = NoiseProtocol.nebula(DhFunction.X25519, AeadAlgorithm.AES_256_GCM);
    HandshakeState init = HandshakeState.builder(p, true)
        .localStatic(DhFunction.X25519.generateKeyPair(RANDOM)).build();
    assertThatThrownBy(() -> init.writeMessage(new byte[65535 - 63]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("65535");
  }

  @Test
  void protocolNames() {
    assertThat(NoiseProtocol.nebula(DhFunction.X25519, AeadAlgorithm.AES_256_GCM).name())
        .isEqualTo("Noise_IX_25519_AESGCM_SHA256");
    assertThat(NoiseProtocol.nebula(DhFunction.P256, AeadAlgorithm.CHACHA20_POLY1305).name())
        .isEqualTo("Noise_IX_P256_ChaChaPoly_SHA256");
    assertThat(NoiseProtocol.parse("Noise_IX_P256_AESGCM_SHA256"))
        .isEqualTo(NoiseProtocol.nebula(DhFunction.P256, AeadAlgorithm.AES_256_GCM));
    assertThatThrownBy(() -> NoiseProtocol.parse("Noise_IXpsk0_25519_AESGCM_SHA256"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NoiseProtocol.parse("Noise_IX_25519_AESGCM_BLAKE2s"))
        .hasMessageContaining("only SHA256");
  }

  @Test
  void ephemeralPrivateKeyIsWipedOnCompletion() throws Exception {
    NoiseProtocol p = NoiseProtocol.nebula(DhFunction.X25519, AeadAlgorithm.AES_256_GCM);
    DhKeyPair fixed = DhFunction.X25519.generateKeyPair(RANDOM);
    byte[] fixedPriv = fixed.privateKey().toByteArray(InsecureSecretKeyAccess.get());
    HandshakeState init = HandshakeState.builder(p, true)
        .localStatic(DhFunction.X25519.generateKeyPair(RANDOM))
        .fixedEphemeralForTesting(fixed).build();
    HandshakeState resp = HandshakeState.builder(p, false)
        .localStatic(DhFunction.X25519.generateKeyPair(RANDOM)).build();
    byte[] m1 = init.writeMessage(new byte[0]);
    resp.readMessage(m1, 0, m1.length);
    byte[] m2 = resp.writeMessage(new byte[0]);
    init.readMessage(m2, 0, m2.length);
    assertThat(fixed.privateKey().toByteArray(InsecureSecretKeyAccess.get())).as("caller's copy untouched")
        .isEqualTo(fixedPriv);
    assertThat(init.toString()).contains("message 2/2").doesNotContain("private");
  }
}
