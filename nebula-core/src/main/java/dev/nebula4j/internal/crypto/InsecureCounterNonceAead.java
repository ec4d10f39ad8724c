package dev.nebula4j.internal.crypto;

import dev.nebula4j.cert.SecretBytes;
import javax.crypto.spec.SecretKeySpec;

/**
 * The data-path AEAD of one tunnel direction (spec §2.3): AES-256-GCM or ChaCha20-Poly1305 with the
 * nonce built from the packet counter the caller supplies. Safe for concurrent use: each thread
 * gets its own {@link InsecureCounterNonceCipher} (one JCE {@code Cipher}, re-initialised per
 * packet) through a per-instance {@link ThreadLocal}, so the AES key schedule is reused across the
 * packets a thread handles for this tunnel.
 *
 * <p>Each thread that used an instance keeps its cipher (two JCE objects, a few KB) until the
 * instance is garbage and the thread's stale {@code ThreadLocal} entry is expunged; with a node's
 * few long-lived I/O threads this is bounded by threads × live tunnels. Measured: the ThreadLocal
 * lookup costs nothing visible next to the cipher (see {@code docs/performance.md}).
 *
 * <p>Read the warnings on {@link InsecureCounterNonceCipher}: never seal twice with one counter;
 * check the {@code ReplayWindow} before {@code open}. All methods have the same contract as there:
 * {@code open}/{@code openAuthOnly} return a length or a negative {@code FAIL_*} code of {@link
 * InsecureCounterNonceCipher} and never throw.
 *
 * <p>Typical data-path use, with {@code buf} holding header ‖ payload space:
 *
 * <pre>{@code
 * // send: header at buf[0..16), plaintext already at buf[16..16+n)
 * HeaderCodec.write(buf, 0, MessageType.MESSAGE, 0, remoteIndex, counter);
 * int len = 16 + aead.seal(counter, buf, 0, 16, buf, 16, n, buf, 16);
 * // receive: after window.check(counter)
 * int n = aead.open(counter, pkt, 0, 16, pkt, 16, len - 16, plain, 0);
 * if (n < 0 || !window.update(counter)) drop();
 * }</pre>
 */
public final class InsecureCounterNonceAead {
  private final AeadAlgorithm algorithm;
  private final ThreadLocal<InsecureCounterNonceCipher> perThread;

  private InsecureCounterNonceAead(AeadAlgorithm algorithm, SecretKeySpec key) {
    this.algorithm = algorithm;
    this.perThread = ThreadLocal.withInitial(() -> new InsecureCounterNonceCipher(algorithm, key));
  }

  /** An AEAD keyed with a copy of {@code key} (32 bytes). */
  public static InsecureCounterNonceAead create(AeadAlgorithm algorithm, SecretBytes key) {
    return new InsecureCounterNonceAead(
        algorithm, InsecureCounterNonceCipher.keySpec(algorithm, key));
  }

  /** The AEAD algorithm. */
  public AeadAlgorithm algorithm() {
    return algorithm;
  }

  /** See {@link InsecureCounterNonceCipher#seal}. */
  public int seal(
      long counter,
      byte[] aad,
      int aadOff,
      int aadLen,
      byte[] in,
      int inOff,
      int inLen,
      byte[] out,
      int outOff) {
    return perThread.get().seal(counter, aad, aadOff, aadLen, in, inOff, inLen, out, outOff);
  }

  /** See {@link InsecureCounterNonceCipher#open}; never throws. */
  public int open(
      long counter,
      byte[] aad,
      int aadOff,
      int aadLen,
      byte[] in,
      int inOff,
      int inLen,
      byte[] out,
      int outOff) {
    return perThread.get().open(counter, aad, aadOff, aadLen, in, inOff, inLen, out, outOff);
  }

  /** See {@link InsecureCounterNonceCipher#sealAuthOnly} (relay frames). */
  public int sealAuthOnly(long counter, byte[] buf, int off, int len) {
    return perThread.get().sealAuthOnly(counter, buf, off, len);
  }

  /** See {@link InsecureCounterNonceCipher#openAuthOnly} (relay frames); never throws. */
  public int openAuthOnly(long counter, byte[] buf, int off, int len) {
    return perThread.get().openAuthOnly(counter, buf, off, len);
  }

  /** Redacted: never shows key bytes. */
  @Override
  public String toString() {
    return "InsecureCounterNonceAead[" + algorithm.noiseName() + ", key redacted]";
  }
}
