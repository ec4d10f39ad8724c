package dev.nebula4j.cert;

import java.util.Objects;

/**
 * A certificate that is well formed but not trusted: {@link #reason()} says why, so callers
 * (handshakes, metrics, the CLI) branch on data rather than on message text. Messages are the
 * ones Go nebula 1.6.1 prints for the same failure.
 */
public class CertVerificationException extends CertException {
  private static final long serialVersionUID = 1L;

  /** Why verification failed, in the order {@link CaPool#verify} checks. */
  public enum Reason {
    /** The certificate's fingerprint (or, for P-256, its s-swapped twin) is blocklisted. */
    BLOCKLISTED,
    /** The certificate names no issuer (it is self-signed or a CA). */
    NO_ISSUER,
    /** No CA in the pool has the issuer fingerprint. */
    UNKNOWN_CA,
    /** The certificate's curve differs from its CA's. */
    CURVE_MISMATCH,
    /** The issuing CA is expired (or not yet valid) at the time of verification. */
    CA_EXPIRED,
    /** The certificate is expired (or not yet valid). */
    EXPIRED,
    /** The signature does not verify with the CA's public key. */
    SIGNATURE_MISMATCH,
    /** The certificate exceeds a limit its CA sets; see {@link ConstraintViolationException}. */
    CONSTRAINT_VIOLATED,
    /** A certificate offered as a CA is not a CA. */
    NOT_CA,
    /** A certificate offered as a CA is not signed by its own key. */
    NOT_SELF_SIGNED,
    /** A previously verified certificate's CA is no longer the one in the pool. */
    CA_CHANGED
  }

  private final Reason reason;

  public CertVerificationException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
