package dev.nebula4j.internal.noise;

/**
 * A Noise handshake message that cannot be processed. The handshake state is left as it was
 * before the failed {@code readMessage}, so a genuine message arriving later can still be read
 * (an attacker's garbage must not kill a pending handshake, spec §3.5).
 */
public final class NoiseException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a message was refused; handshake code counts drops by reason. */
  public enum Reason {
    /** Shorter than the keys and tags the pattern requires at this step. */
    MESSAGE_TOO_SHORT,
    /** Longer than Noise's 65535-byte limit. */
    MESSAGE_TOO_LONG,
    /** An encrypted static key or payload did not authenticate. */
    DECRYPTION_FAILED,
    /** A public key is malformed, not on the curve, or of low order (all-zero DH output). */
    INVALID_PUBLIC_KEY
  }

  private final Reason reason;

  public NoiseException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** The category of the failure. */
  public Reason reason() {
    return reason;
  }
}
