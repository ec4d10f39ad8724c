package dev.nebula4j.internal.noise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nebula4j.cert.InsecureSecretKeyAccess;
import dev.nebula4j.cert.SecretBytes;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cacophony Noise test vectors with X25519 + SHA-256 (all NN, XX and IX vectors, AESGCM and
 * ChaChaPoly): every handshake message byte for byte, the handshake hash, and the transport
 * messages after Split().
 */
class NoiseVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  static Stream<Arguments> vectors() throws IOException {
    try (InputStream in = NoiseVectorsTest.class.getResourceAsStream("/noise/noise-25519-sha256.json")) {
      JsonNode root = JsonMapper.builder().build().readTree(in);
      List<Arguments> out = new ArrayList<>();
      for (JsonNode v : root.get("vectors")) {
        out.add(Arguments.of(v.get("protocol_name").asString(), v));
      }
      return out.stream();
    }
  }

  @org.junit.jupiter.api.Test
  void allSixVectorsArePresent() throws IOException {
    assertThat(vectors().map(a -> (String) a.get()[0]))
        .containsExactlyInAnyOrder(
            "Noise_NN_25519_AESGCM_SHA256",
            "Noise_NN_25519_ChaChaPoly_SHA256",
            "Noise_XX_25519_AESGCM_SHA256",
            "Noise_XX_25519_ChaChaPoly_SHA256",
            "Noise_IX_25519_AESGCM_SHA256",
            "Noise_IX_25519_ChaChaPoly_SHA256");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void vectorMatches(String name, JsonNode v) throws Exception {
    NoiseProtocol protocol = NoiseProtocol.parse(name);
    assertThat(protocol.name()).isEqualTo(name);

    HandshakeState init = state(protocol, true, v, "init_");
    HandshakeState resp = state(protocol, false, v, "resp_");

    JsonNode messages = v.get("messages");
    int handshakeMessages = protocol.pattern().messages().size();
    for (int i = 0; i < handshakeMessages; i++) {
      HandshakeState writer = i % 2 == 0 ? init : resp;
      HandshakeState reader = i % 2 == 0 ? resp : init;
      byte[] payload = hex(messages.get(i), "payload");
      byte[] expected = hex(messages.get(i), "ciphertext");

      assertThat(writer.nextMessageLength(payload.length)).as("length of message %d", i)
          .isEqualTo(expected.length);
      byte[] written = writer.writeMessage(payload);
      assertThat(HEX.formatHex(written)).as("handshake message %d", i)
          .isEqualTo(HEX.formatHex(expected));
      assertThat(reader.readMessage(written, 0, written.length)).isEqualTo(payload);
    }
    assertThat(init.isComplete()).isTrue();
    assertThat(resp.isComplete()).isTrue();
    assertThat(HEX.formatHex(init.handshakeHash())).isEqualTo(v.get("handshake_hash").asString());
    assertThat(resp.handshakeHash()).isEqualTo(init.handshakeHash());
    if (v.has("init_static")) {
      assertThat(resp.remoteStaticPublicKey()).isEqualTo(init.localStatic().publicKey());
      assertThat(init.remoteStaticPublicKey()).isEqualTo(resp.localStatic().publicKey());
    }

    TransportKeys ik = init.transportKeys();
    TransportKeys rk = resp.transportKeys();
    for (int i = handshakeMessages; i < messages.size(); i++) {
      boolean fromInitiator = i % 2 == 0;
      CipherState send = fromInitiator ? ik.send() : rk.send();
      CipherState receive = fromInitiator ? rk.receive() : ik.receive();
      byte[] payload = hex(messages.get(i), "payload");
      byte[] ct = send.encryptWithAd(new byte[0], payload);
      assertThat(HEX.formatHex(ct)).as("transport message %d", i)
          .isEqualTo(messages.get(i).get("ciphertext").asString());
      assertThat(receive.decryptWithAd(new byte[0], ct)).isEqualTo(payload);
    }
  }

  private static HandshakeState state(
      NoiseProtocol protocol, boolean initiator, JsonNode v, String prefix) {
    HandshakeState.Builder b =
        HandshakeState.builder(protocol, initiator).prologue(hex(v, prefix + "prologue"));
    if (v.has(prefix + "static")) {
      b.localStatic(protocol.dh().keyPairFromPrivate(secret(hex(v, prefix + "static"))));
    }
    b.fixedEphemeralForTesting(
        protocol.dh().keyPairFromPrivate(secret(hex(v, prefix + "ephemeral"))));
    return b.build();
  }

  private static byte[] hex(JsonNode node, String field) {
    return HEX.parseHex(node.get(field).asString());
  }

  private static SecretBytes secret(byte[] raw) {
    return SecretBytes.copyFrom(raw, InsecureSecretKeyAccess.get());
  }
}
