package dev.nebula4j.internal.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nebula4j.internal.crypto.AeadAlgorithm;
import dev.nebula4j.internal.crypto.InsecureCounterNonceAead;
import dev.nebula4j.internal.header.Header;
import dev.nebula4j.internal.header.HeaderCodec;
import dev.nebula4j.internal.header.MalformedPacketException;
import dev.nebula4j.internal.header.MessageType;
import dev.nebula4j.internal.noise.DhFunction;
import dev.nebula4j.internal.noise.DhKeyPair;
import dev.nebula4j.internal.noise.HandshakeState;
import dev.nebula4j.internal.noise.NoiseProtocol;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Nebula IX handshakes between two Java parties through the wire codec: header ‖ Noise message,
 * payload protobuf, transport keys, and the sizes of spec §3.2.
 */
class HandshakeMessageCodecTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int INITIATOR_INDEX = 0x12345678;
  private static final int RESPONDER_INDEX = 0x0badcafe;
  private static final long TIME = 1_700_000_000_000_000_000L;

  /** The result of one complete exchange. */
  private record Exchange(
      byte[] msg1, byte[] msg2, HandshakeState init, HandshakeState resp,
      HandshakeDetails seenByResponder, HandshakeDetails seenByInitiator) {}

  private static Exchange exchange(NoiseProtocol p, byte[] initCert, byte[] respCert)
      throws Exception {
    DhKeyPair is = p.dh().generateKeyPair(RANDOM);
    DhKeyPair rs = p.dh().generateKeyPair(RANDOM);
    HandshakeState init = HandshakeState.builder(p, true).localStatic(is).build();
    HandshakeState resp = HandshakeState.builder(p, false).localStatic(rs).build();

    byte[] msg1 = HandshakeMessageCodec.write(
        init, 0, HandshakePayloadCodec.encode(
            HandshakeDetails.forInitiator(initCert, INITIATOR_INDEX, TIME)));
    byte[] p1 = HandshakeMessageCodec.read(resp, msg1, 0, msg1.length);
    HandshakeDetails d1 = HandshakePayloadCodec.decodeInitiatorPayload(p1, 0, p1.length);

    byte[] msg2 = HandshakeMessageCodec.write(
        resp, d1.initiatorIndex(), HandshakePayloadCodec.encode(
            HandshakeDetails.forResponder(respCert, d1.initiatorIndex(), RESPONDER_INDEX, TIME + 1)));
    byte[] p2 = HandshakeMessageCodec.read(init, msg2, 0, msg2.length);
    HandshakeDetails d2 = HandshakePayloadCodec.decodeResponderPayload(p2, 0, p2.length);
    assertThat(init.remoteStaticPublicKey()).isEqualTo(rs.publicKey());
    assertThat(resp.remoteStaticPublicKey()).isEqualTo(is.publicKey());
    return new Exchange(msg1, msg2, init, resp, d1, d2);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.nebula4j.internal.noise.NebulaProtocols#all")
  void javaToJavaIxGivesMatchingTransportKeysBothWays(NoiseProtocol p) throws Exception {
    byte[] initCert = new byte[150];
    byte[] respCert = new byte[170];
    new Random(1).nextBytes(initCert);
    new Random(2).nextBytes(respCert);
    Exchange x = exchange(p, initCert, respCert);

    assertThat(x.seenByResponder()).isEqualTo(
        HandshakeDetails.forInitiator(initCert, INITIATOR_INDEX, TIME));
    assertThat(x.seenByInitiator()).isEqualTo(
        HandshakeDetails.forResponder(respCert, INITIATOR_INDEX, RESPONDER_INDEX, TIME + 1));

    // data packets, first counter 3 (spec §2.4), in both directions
    roundTrip(x.init().transportKeys().newSendAead(), x.resp().transportKeys().newReceiveAead(),
        RESPONDER_INDEX);
    roundTrip(x.resp().transportKeys().newSendAead(), x.init().transportKeys().newReceiveAead(),
        INITIATOR_INDEX);
  }

  private static void roundTrip(
      InsecureCounterNonceAead send, InsecureCounterNonceAead receive, int remoteIndex) {
    for (long counter = 3; counter < 6; counter++) {
      byte[] pkt = new byte[16 + 60 + 16];
      HeaderCodec.write(pkt, 0, MessageType.MESSAGE, 0, remoteIndex, counter);
      Arrays.fill(pkt, 16, 76, (byte) counter);
      assertThat(send.seal(counter, pkt, 0, 16, pkt, 16, 60, pkt, 16)).isEqualTo(76);
      byte[] out = new byte[60];
      long c = HeaderCodec.counter(pkt, 0);
      assertThat(receive.open(c, pkt, 0, 16, pkt, 16, 76, out, 0)).isEqualTo(60);
      assertThat(out).containsOnly((byte) counter);
    }
  }

  /** Spec §3.2 sizes for Curve25519, with certificate blobs of known length. */
  @Test
  void curve25519MessageSizes() throws Exception {
    NoiseProtocol p = NoiseProtocol.nebula(DhFunction.X25519, AeadAlgorithm.AES_256_GCM);
    Exchange x = exchange(p, new byte[150], new byte[150]);
    // payload 1: Details{Cert: 1+2+150, InitiatorIndex: 1+5, Time: 1+9} = 169, outer 1+2+169 = 172
    assertThat(x.msg1()).hasSize(16 + 32 + 32 + 172);
    // payload 2: + ResponderIndex 0x0badcafe 1+4 = 174, outer 177;
    // msg2 = 16 + 32 + (32+16) + 177 + 16
    assertThat(x.msg2()).hasSize(16 + 32 + 48 + 177 + 16);
    assertThat(x.msg1().length).isEqualTo(252);
    assertThat(x.msg2().length).isEqualTo(289);

    for (int certLen : new int[] {1, 100, 125, 126, 127, 128, 300}) {
      byte[] cert = new byte[certLen];
      Exchange y = exchange(p, cert, cert);
      int p1 = HandshakePayloadCodec.encode(
          HandshakeDetails.forInitiator(cert, INITIATOR_INDEX, TIME)).length;
      int p2 = HandshakePayloadCodec.encode(
          HandshakeDetails.forResponder(cert, INITIATOR_INDEX, RESPONDER_INDEX, TIME + 1)).length;
      assertThat(y.msg1()).hasSize(16 + 32 + 32 + p1);
      assertThat(y.msg2()).hasSize(16 + 32 + 32 + 16 + p2 + 16);
    }
  }

  @Test
  void p256MessageSizes() throws Exception {
    NoiseProtocol p = NoiseProtocol.nebula(DhFunction.P256, AeadAlgorithm.AES_256_GCM);
    Exchange x = exchange(p, new byte[150], new byte[150]);
    assertThat(x.msg1()).hasSize(16 + 65 + 65 + 172);
    assertThat(x.msg2()).hasSize(16 + 65 + 81 + 177 + 16);
  }

  /** Layout of spec §3.2: header ‖ e ‖ s (clear) ‖ payload (clear); header ‖ e ‖ Enc(s) ‖ Enc(p). */
  @Test
  void wireLayout() throws Exception {
    NoiseProtocol p = NoiseProtocol.nebula(DhFunction.X25519, AeadAlgorithm.AES_256_GCM);
    DhKeyPair is = DhFunction.X25519.generateKeyPair(RANDOM);
    DhKeyPair ie = DhFunction.X25519.generateKeyPair(RANDOM);
    HandshakeState init = HandshakeState.builder(p, true)
        .localStatic(is).fixedEphemeralForTesting(ie).build();
    HandshakeState resp = HandshakeState.builder(p, false)
        .localStatic(DhFunction.X25519.generateKeyPair(RANDOM)).build();
    byte[] payload1 = HandshakePayloadCodec.encode(
        HandshakeDetails.forInitiator(new byte[] {7, 7, 7}, INITIATOR_INDEX, TIME));
    byte[] msg1 = HandshakeMessageCodec.write(init, 0, payload1);

    assertThat(Header.parse(msg1, 0, msg1.length)).isEqualTo(
        Header.of(MessageType.HANDSHAKE, MessageType.SUBTYPE_HANDSHAKE_IX_PSK0, 0, 1));
    assertThat(Arrays.copyOfRange(msg1, 16, 48)).isEqualTo(ie.publicKey());
    assertThat(Arrays.copyOfRange(msg1, 48, 80)).isEqualTo(is.publicKey());
    assertThat(Arrays.copyOfRange(msg1, 80, msg1.length)).isEqualTo(payload1);

    HandshakeMessageCodec.read(resp, msg1, 0, msg1.length);
    byte[] payload2 = HandshakePayloadCodec.encode(
        HandshakeDetails.forResponder(new byte[] {8}, INITIATOR_INDEX, RESPONDER_INDEX, TIME));
    byte[] msg2 = HandshakeMessageCodec.write(resp, INITIATOR_INDEX, payload2);
    assertThat(Header.parse(msg2, 0, msg2.length)).isEqualTo(
        Header.of(MessageType.HANDSHAKE, 0, INITIATOR_INDEX, 2));
    assertThat(resp.remoteEphemeralPublicKey()).isEqualTo(ie.publicKey());
    // e in clear, then 48 bytes of encrypted s, then the encrypted payload + tag
    byte[] encryptedStatic = Arrays.copyOfRange(msg2, 48, 96);
    assertThat(encryptedStatic).isNotEqualTo(Arrays.copyOf(resp.localStatic().publicKey(), 48));
    assertThat(msg2.length - 96).isEqualTo(payload2.length + 16);
    assertThat(HandshakeMessageCodec.read(init, msg2, 0, msg2.length)).isEqualTo(payload2);
  }

  /** The header is neither authenticated nor mixed into the Noise hash. */
  @Test
  void headerIsNotPartOfTheNoiseHash() throws Exception {
    NoiseProtocol p = NoiseProtocol.nebula(DhFunction.X25519, AeadAlgorithm.CHACHA20_POLY1305);
    DhKeyPair is = DhFunction.X25519.generateKeyPair(RANDOM);
    DhKeyPair ie = DhFunction.X25519.generateKeyPair(RANDOM);
    DhKeyPair rs = DhFunction.X25519.generateKeyPair(RANDOM);
    DhKeyPair re = DhFunction.X25519.generateKeyPair(RANDOM);
    byte[] hashA = runWithHeaderEdits(p, is, ie, rs, re, false);
    byte[] hashB = runWithHeaderEdits(p, is, ie, rs, re, true);
    assertThat(hashB).isEqualTo(hashA);
  }

  private static byte[] runWithHeaderEdits(
      NoiseProtocol p, DhKeyPair is, DhKeyPair ie, DhKeyPair rs, DhKeyPair re, boolean edit)
      throws Exception {
    HandshakeState init = HandshakeState.builder(p, true)
        .localStatic(is).fixedEphemeralForTesting(ie).build();
    HandshakeState resp = HandshakeState.builder(p, false)
        .localStatic(rs).fixedEphemeralForTesting(re).build();
    byte[] msg1 = HandshakeMessageCodec.write(init, 0, new byte[] {1});
    if (edit) {
      HeaderCodec.write(msg1, 0, 1, 0, 0, 0xffff, 0x99999999, 77L);
    }
    HandshakeMessageCodec.read(resp, msg1, 0, msg1.length);
    byte[] msg2 = HandshakeMessageCodec.write(resp, 5, new byte[] {2});
    if (edit) {
      HeaderCodec.writeCounter(msg2, 0, 123);
      HeaderCodec.writeRemoteIndex(msg2, 0, 6);
    }
    HandshakeMessageCodec.read(init, msg2, 0, msg2.length);
    assertThat(init.handshakeHash()).isEqualTo(resp.handshakeHash());
    return init.handshakeHash();
  }

  @Test
  void nonHandshakePacketsAreRefused() throws Exception {
    NoiseProtocol p = NoiseProtocol.nebula(DhFunction.X25519, AeadAlgorithm.AES_256_GCM);
    HandshakeState resp = HandshakeState.builder(p, false)
        .localStatic(DhFunction.X25519.generateKeyPair(RANDOM)).build();
    byte[] pkt = new byte[100];
    HeaderCodec.write(pkt, 0, MessageType.MESSAGE, 0, 0, 1);
    assertThatThrownBy(() -> HandshakeMessageCodec.read(resp, pkt, 0, pkt.length))
        .isInstanceOf(MalformedPacketException.class)
        .hasMessageContaining("type message");
    HeaderCodec.write(pkt, 0, MessageType.HANDSHAKE, 1, 0, 1);
    assertThatThrownBy(() -> HandshakeMessageCodec.read(resp, pkt, 0, pkt.length))
        .hasMessageContaining("subtype 1");
    assertThatThrownBy(() -> HandshakeMessageCodec.read(resp, pkt, 0, 15))
        .isInstanceOf(MalformedPacketException.class);
    assertThat(resp.messageIndex()).isZero();
  }

  @Test
  void retransmittedMessageOneIsTheStoredBytes() throws Exception {
    // msg1 is written once and kept; a second responder reads the same bytes identically
    NoiseProtocol p = NoiseProtocol.nebula(DhFunction.X25519, AeadAlgorithm.AES_256_GCM);
    HandshakeState init = HandshakeState.builder(p, true)
        .localStatic(DhFunction.X25519.generateKeyPair(RANDOM)).build();
    byte[] msg1 = HandshakeMessageCodec.write(init, 0, new byte[] {1, 2});
    DhKeyPair rs = DhFunction.X25519.generateKeyPair(RANDOM);
    HandshakeState r1 = HandshakeState.builder(p, false).localStatic(rs).build();
    HandshakeState r2 = HandshakeState.builder(p, false).localStatic(rs).build();
    HandshakeMessageCodec.read(r1, msg1, 0, msg1.length);
    HandshakeMessageCodec.read(r2, msg1.clone(), 0, msg1.length);
    assertThat(r1.handshakeHash()).isEqualTo(r2.handshakeHash());
    // the initiator completes with whichever msg2 it reads first
    byte[] msg2 = HandshakeMessageCodec.write(r1, 9, new byte[] {3});
    assertThat(HandshakeMessageCodec.read(init, msg2, 0, msg2.length)).containsExactly(3);
  }
}
