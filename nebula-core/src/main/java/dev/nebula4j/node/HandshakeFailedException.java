package dev.nebula4j.node;

import dev.nebula4j.NebulaException;
import java.net.InetAddress;
import java.util.Objects;

/**
 * A tunnel asked for with {@link NebulaNode#connect} could not be established. {@link #reason()}
 * says why, for code to branch on; the message says it for people.
 */
public class HandshakeFailedException extends NebulaException {
  private static final long serialVersionUID = 1L;

  private final transient InetAddress vpnAddress;
  private final HandshakeFailure reason;

  public HandshakeFailedException(InetAddress vpnAddress, HandshakeFailure reason, String detail) {
    super("handshake with " + (vpnAddress == null ? "peer" : vpnAddress.getHostAddress())
        + " failed: " + reason.description() + (detail == null ? "" : " (" + detail + ")"));
    this.vpnAddress = vpnAddress;
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The peer's VPN address, or {@code null} when the node closed before it mattered. */
  public InetAddress vpnAddress() {
    return vpnAddress;
  }

  public HandshakeFailure reason() {
    return reason;
  }
}
