package dev.nebula4j.node;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Observes a node's tunnels: handshakes started, completed and failed, tunnels up and down,
 * peers roaming. For embedding applications (failover, dashboards) and metrics, in the style of
 * OkHttp's {@code EventListener}: every method has an empty default, so implement only what you
 * need; {@link #NONE} is the builder's default.
 *
 * <p><b>Threading.</b> Methods are called on the node's own threads (the UDP reader, the
 * scheduler, device threads) and possibly concurrently. They must return quickly, must not block,
 * and should not throw: a thrown exception is caught, logged once, and ignored, so a faulty
 * listener cannot break a node. Calling back into the node ({@link NebulaNode#tunnels()}, {@link
 * NebulaNode#stats()}) is allowed.
 *
 * <p><b>Pairing.</b> For a handshake we initiate: {@code handshakeStarted} then either {@code
 * handshakeCompleted} (followed by {@code tunnelUp}) or {@code handshakeFailed}. A handshake a
 * peer initiates gives {@code tunnelUp} when accepted, {@code handshakeRefused} when refused.
 * Every {@code tunnelUp} is eventually followed by one {@code tunnelDown} for the same tunnel
 * (at the latest when the node closes).
 */
public interface NodeEventListener {

  /** A listener that ignores every event. */
  NodeEventListener NONE = new NodeEventListener() {
    @Override
    public String toString() {
      return "NodeEventListener.NONE";
    }
  };

  /** The node listens on {@code listenAddress} and processes packets. */
  default void nodeStarted(InetSocketAddress listenAddress) {}

  /** We started a handshake towards {@code vpnAddress} (a packet for it had no tunnel). */
  default void handshakeStarted(InetAddress vpnAddress) {}

  /** Our handshake completed after {@code duration}; {@link #tunnelUp} follows. */
  default void handshakeCompleted(TunnelInfo tunnel, Duration duration) {}

  /** Our handshake towards {@code vpnAddress} ended without a tunnel. */
  default void handshakeFailed(InetAddress vpnAddress, HandshakeFailure reason) {}

  /**
   * A handshake message from {@code source} was refused: an invalid or untrusted certificate, a
   * certificate for our own address, an undecryptable message, a stale duplicate, a lost race.
   *
   * @param detail what exactly was wrong, for logs (for example the certificate error)
   */
  default void handshakeRefused(InetSocketAddress source, HandshakeFailure reason, String detail) {}

  /** A tunnel is established and carries traffic. */
  default void tunnelUp(TunnelInfo tunnel) {}

  /** A tunnel is gone (counters are final). */
  default void tunnelDown(TunnelInfo tunnel, TunnelCloseReason reason) {}

  /** The peer of {@code tunnel} now sends from {@code tunnel.remoteAddress()} (roaming, §8.3). */
  default void remoteChanged(TunnelInfo tunnel, InetSocketAddress previous) {}

  /** The node closed; no more events follow. */
  default void nodeClosed() {}
}
