package dev.nebula4j.benchmarks;

import dev.nebula4j.internal.crypto.AeadAlgorithm;
import dev.nebula4j.internal.crypto.InsecureCounterNonceAead;
import dev.nebula4j.internal.handshake.HandshakeDetails;
import dev.nebula4j.internal.handshake.HandshakeMessageCodec;
import dev.nebula4j.internal.handshake.HandshakePayloadCodec;
import dev.nebula4j.internal.noise.DhFunction;
import dev.nebula4j.internal.noise.DhKeyPair;
import dev.nebula4j.internal.noise.HandshakeState;
import dev.nebula4j.internal.noise.NoiseProtocol;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One complete Nebula IX handshake, both sides in one thread: initiator writes msg1 (header,
 * payload protobuf with a 200-byte certificate blob), responder reads it and writes msg2, initiator
 * reads msg2, both derive their data-path AEADs. Certificate verification is not included (that is
 * nebula-cert's Ed25519/ECDSA cost, on top).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HandshakeBenchmark {
  @Param({"25519"})
  public String curve;

  @Param({"AES_256_GCM"})
  public AeadAlgorithm cipher;

  private NoiseProtocol protocol;
  private DhKeyPair initiatorStatic;
  private DhKeyPair responderStatic;
  private final byte[] cert = new byte[200];
  private final SecureRandom random = new SecureRandom();

  @Setup
  public void setUp() {
    DhFunction dh = DhFunction.forNoiseName(curve);
    protocol = NoiseProtocol.nebula(dh, cipher);
    initiatorStatic = dh.generateKeyPair(random);
    responderStatic = dh.generateKeyPair(random);
    random.nextBytes(cert);
  }

  @Benchmark
  public Object fullIxHandshake() throws Exception {
    HandshakeState init =
        HandshakeState.builder(protocol, true).localStatic(initiatorStatic).random(random).build();
    HandshakeState resp =
        HandshakeState.builder(protocol, false).localStatic(responderStatic).random(random).build();
    long now = System.currentTimeMillis() * 1_000_000L;

    byte[] msg1 = HandshakeMessageCodec.write(
        init, 0, HandshakePayloadCodec.encode(HandshakeDetails.forInitiator(cert, 0x1234, now)));
    byte[] p1 = HandshakeMessageCodec.read(resp, msg1, 0, msg1.length);
    HandshakeDetails d1 = HandshakePayloadCodec.decodeInitiatorPayload(p1, 0, p1.length);
    byte[] msg2 = HandshakeMessageCodec.write(resp, d1.initiatorIndex(),
        HandshakePayloadCodec.encode(
            HandshakeDetails.forResponder(cert, d1.initiatorIndex(), 0x5678, now)));
    byte[] p2 = HandshakeMessageCodec.read(init, msg2, 0, msg2.length);
    HandshakePayloadCodec.decodeResponderPayload(p2, 0, p2.length);

    InsecureCounterNonceAead a = init.transportKeys().newSendAead();
    InsecureCounterNonceAead b = resp.transportKeys().newReceiveAead();
    return a.algorithm() == b.algorithm() ? a : b;
  }
}
