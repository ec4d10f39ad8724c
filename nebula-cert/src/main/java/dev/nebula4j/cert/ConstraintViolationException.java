package dev.nebula4j.cert;

import java.util.Objects;

/**
 * A certificate (being signed, or being verified) exceeds a limit of its CA. {@link
 * #constraint()} names the limit and {@link #offendingValue()} the value that broke it, for
 * example {@code NETWORKS} and {@code 10.43.0.1/24}.
 */
public class ConstraintViolationException extends CertVerificationException {
  private static final long serialVersionUID = 1L;

  /** The CA limits of Go's {@code CheckRootConstrains}, in the order they are checked. */
  public enum Constraint {
    /** The certificate expires after its CA. */
    NOT_AFTER,
    /** The certificate becomes valid before its CA. */
    NOT_BEFORE,
    /** A group the CA does not list (only when the CA lists groups). */
    GROUPS,
    /** A network not inside one of the CA's networks, or with a shorter prefix. */
    NETWORKS,
    /** An unsafe network not inside one of the CA's unsafe networks (subnets). */
    UNSAFE_NETWORKS
  }

  private final Constraint constraint;
  private final String offendingValue;

  public ConstraintViolationException(Constraint constraint, String offendingValue, String message) {
    super(Reason.CONSTRAINT_VIOLATED, message);
    this.constraint = Objects.requireNonNull(constraint, "constraint");
    this.offendingValue = Objects.requireNonNull(offendingValue, "offendingValue");
  }

  public Constraint constraint() {
    return constraint;
  }

  /** The group, network or time (ISO-8601) that broke the constraint. */
  public String offendingValue() {
    return offendingValue;
  }
}
