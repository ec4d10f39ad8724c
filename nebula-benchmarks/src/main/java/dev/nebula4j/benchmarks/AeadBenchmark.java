package dev.nebula4j.benchmarks;

import dev.nebula4j.cert.InsecureSecretKeyAccess;
import dev.nebula4j.cert.SecretBytes;
import dev.nebula4j.internal.crypto.AeadAlgorithm;
import dev.nebula4j.internal.crypto.InsecureCounterNonceAead;
import dev.nebula4j.internal.crypto.InsecureCounterNonceCipher;
import dev.nebula4j.internal.header.HeaderCodec;
import dev.nebula4j.internal.header.MessageType;
import java.util.concurrent.ThreadLocalRandom;
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
 * The data-path AEAD on Nebula's packet shape: a 1300-byte payload, the 16-byte header as
 * associated data, the nonce from a 64-bit counter. One operation = seal + open of one packet
 * (what one packet costs the sending and the receiving node together). Run with {@code -prof gc}
 * for bytes allocated per packet.
 *
 * <ul>
 *   <li>{@code sealOpenInPlace}: the packet loop's shape, ciphertext written over the plaintext in
 *       the datagram buffer, decrypted into a separate device buffer, through the thread-safe
 *       {@link InsecureCounterNonceAead} (per-thread JCE cipher via ThreadLocal).
 *   <li>{@code sealOpenConfined}: the same with a thread-confined {@link
 *       InsecureCounterNonceCipher}: the cost of the ThreadLocal lookup is the difference.
 *   <li>{@code relayAuthOnly}: a relay frame (outer header ‖ 1332-byte inner packet as associated
 *       data, empty plaintext), seal + verify.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AeadBenchmark {
  private static final int PAYLOAD = 1300;

  @Param({"AES_256_GCM", "CHACHA20_POLY1305"})
  public AeadAlgorithm algorithm;

  private InsecureCounterNonceAead sender;
  private InsecureCounterNonceAead receiver;
  private InsecureCounterNonceCipher confinedSender;
  private InsecureCounterNonceCipher confinedReceiver;
  private final byte[] plaintext = new byte[PAYLOAD];
  private final byte[] packet = new byte[16 + PAYLOAD + 16];
  private final byte[] device = new byte[PAYLOAD];
  private final byte[] relayFrame = new byte[16 + 16 + PAYLOAD + 16 + 16];
  private long counter = 3;

  @Setup
  public void setUp() {
    byte[] key = new byte[32];
    ThreadLocalRandom.current().nextBytes(key);
    ThreadLocalRandom.current().nextBytes(plaintext);
    ThreadLocalRandom.current().nextBytes(relayFrame);
    SecretBytes secret = SecretBytes.copyFrom(key, InsecureSecretKeyAccess.get());
    sender = InsecureCounterNonceAead.create(algorithm, secret);
    receiver = InsecureCounterNonceAead.create(algorithm, secret);
    confinedSender = new InsecureCounterNonceCipher(algorithm, secret);
    confinedReceiver = new InsecureCounterNonceCipher(algorithm, secret);
  }

  @Benchmark
  public int sealOpenInPlace() {
    long c = counter++;
    System.arraycopy(plaintext, 0, packet, 16, PAYLOAD);
    HeaderCodec.write(packet, 0, MessageType.MESSAGE, 0, 0x01020304, c);
    int len = 16 + sender.seal(c, packet, 0, 16, packet, 16, PAYLOAD, packet, 16);
    long rc = HeaderCodec.counter(packet, 0);
    int n = receiver.open(rc, packet, 0, 16, packet, 16, len - 16, device, 0);
    if (n != PAYLOAD) {
      throw new IllegalStateException("open failed: " + n);
    }
    return n;
  }

  @Benchmark
  public int sealOpenConfined() {
    long c = counter++;
    System.arraycopy(plaintext, 0, packet, 16, PAYLOAD);
    HeaderCodec.write(packet, 0, MessageType.MESSAGE, 0, 0x01020304, c);
    int len = 16 + confinedSender.seal(c, packet, 0, 16, packet, 16, PAYLOAD, packet, 16);
    int n = confinedReceiver.open(c, packet, 0, 16, packet, 16, len - 16, device, 0);
    if (n != PAYLOAD) {
      throw new IllegalStateException("open failed: " + n);
    }
    return n;
  }

  @Benchmark
  public int relayAuthOnly() {
    long c = counter++;
    int authenticated = relayFrame.length - 16;
    sender.sealAuthOnly(c, relayFrame, 0, authenticated);
    int n = receiver.openAuthOnly(c, relayFrame, 0, relayFrame.length);
    if (n != authenticated) {
      throw new IllegalStateException("openAuthOnly failed: " + n);
    }
    return n;
  }
}
