package dev.nebula4j.internal.noise;

import dev.nebula4j.internal.crypto.InsecureCounterNonceAead;
import java.util.Objects;

/**
 * The result of Noise {@code Split()}, oriented for one party: {@code send} encrypts what this
 * party sends, {@code receive} decrypts what it receives. For the initiator {@code send} is Noise's
 * first key (k1) and {@code receive} the second (k2); for the responder the opposite (spec §2.3).
 *
 * @param send cipher state for outgoing messages
 * @param receive cipher state for incoming messages
 */
public record TransportKeys(CipherState send, CipherState receive) {
  public TransportKeys {
    Objects.requireNonNull(send, "send");
    Objects.requireNonNull(receive, "receive");
  }

  /** A new thread-safe data-path AEAD for outgoing packets. */
  public InsecureCounterNonceAead newSendAead() {
    return send.newCounterNonceAead();
  }

  /** A new thread-safe data-path AEAD for incoming packets. */
  public InsecureCounterNonceAead newReceiveAead() {
    return receive.newCounterNonceAead();
  }
}
