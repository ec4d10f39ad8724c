package dev.nebula4j.internal.handshake;

import dev.nebula4j.internal.hostmap.Tunnel;
import dev.nebula4j.node.HandshakeFailure;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * What the {@link HandshakeManager} needs from the node around it: sending, and hearing about
 * outcomes (to flush cached packets, fire listener events, count). The manager never calls these
 * while holding its lock, so implementations may call back into it.
 */
public interface HandshakeHost {

  /** Sends a handshake datagram as it is (header included). Failures are the host's to count. */
  void sendDatagram(byte[] buf, int off, int len, InetSocketAddress target);

  /** Sends a test request through {@code tunnel} (the "too old" and preferred-remote rules). */
  void sendTestRequest(Tunnel tunnel);

  /**
   * Sends closeTunnel through {@code tunnel}, which may not be installed (a wrong host's tunnel,
   * built from the keys just derived, spec §3.5).
   */
  void sendCloseTunnel(Tunnel tunnel);

  /** We started a handshake towards {@code vpnAddress}. */
  void handshakeStarted(int vpnAddress);

  /**
   * A tunnel was installed in the host map. The host flushes {@code cached} through it (message
   * packets through the outbound firewall) and fires the events.
   *
   * @param replaced the tunnel to the same peer it replaced (already removed), or {@code null}
   * @param ours our pending handshake this tunnel completes (as initiator, or as the responder of a
   *     race we lost), or {@code null} when a peer's handshake created it
   */
  void tunnelEstablished(
      Tunnel tunnel, Tunnel replaced, PendingHandshake ours, List<CachedPacket> cached);

  /**
   * Our handshake towards {@code vpnAddress} ended without a tunnel; {@code droppedPackets}
   * cached packets were discarded.
   */
  void handshakeFailed(int vpnAddress, HandshakeFailure reason, String detail, int droppedPackets);

  /** A handshake message from {@code source} was refused. */
  void handshakeRefused(InetSocketAddress source, HandshakeFailure reason, String detail);

  /** A handshake packet matched nothing (counted, never logged per packet). */
  void handshakeUnmatched(InetSocketAddress source);

  /** A packet for a pending handshake was dropped because its cache is full. */
  void cacheFull(int vpnAddress);
}
