package dev.nebula4j.internal.handshake;

import dev.nebula4j.node.HandshakeFailure;
import java.util.Objects;

/**
 * A handshake message that cannot lead to a tunnel, with the {@link HandshakeFailure} counters and
 * listeners see and a detail for the log line. Internal to the handshake path; never escapes a
 * running node.
 */
public final class HandshakeRefusal extends Exception {
  private static final long serialVersionUID = 1L;

  private final HandshakeFailure reason;

  public HandshakeRefusal(HandshakeFailure reason, String detail) {
    super(detail);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public HandshakeRefusal(HandshakeFailure reason, String detail, Throwable cause) {
    super(detail, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public HandshakeFailure reason() {
    return reason;
  }

  /** The detail: what exactly was wrong. */
  public String detail() {
    return getMessage();
  }
}
