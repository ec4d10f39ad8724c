package dev.nebula4j.internal.node;

import dev.nebula4j.internal.hostmap.Tunnel;
import dev.nebula4j.net.IpNetwork;
import dev.nebula4j.node.HandshakeFailure;
import dev.nebula4j.node.NodeEventListener;
import dev.nebula4j.node.TunnelCloseReason;
import dev.nebula4j.node.TunnelInfo;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to the application's {@link NodeEventListener}, guarding the node against it: an
 * exception thrown by the listener is caught, logged the first time (with its stack trace) and
 * ignored afterwards. Builds the {@link TunnelInfo} snapshots events carry, only when the listener
 * is not {@link NodeEventListener#NONE}.
 */
public final class NodeEvents {
  private static final Logger log = LoggerFactory.getLogger(NodeEvents.class);

  private final NodeEventListener listener;
  private final boolean active;
  private final AtomicBoolean warned = new AtomicBoolean();

  public NodeEvents(NodeEventListener listener) {
    this.listener = listener;
    this.active = listener != NodeEventListener.NONE;
  }

  /** A snapshot of a tunnel for the public API. */
  public static TunnelInfo info(Tunnel t) {
    return new TunnelInfo(
        t.peerName(),
        address(t.vpnAddress()),
        t.remote(),
        t.cipher().config(),
        Integer.toUnsignedLong(t.localIndex()),
        Integer.toUnsignedLong(t.remoteIndex()),
        t.initiator(),
        t.establishedAt(),
        t.sendCounter(),
        t.packetsSent(),
        t.bytesSent(),
        t.packetsReceived(),
        t.bytesReceived(),
        t.window().lost(),
        t.peer().certificate());
  }

  static InetAddress address(int ipv4) {
    return IpNetwork.ofIpv4(ipv4, 32).address();
  }

  void nodeStarted(InetSocketAddress listen) {
    if (active) {
      guard(() -> listener.nodeStarted(listen));
    }
  }

  void handshakeStarted(int vpn) {
    if (active) {
      guard(() -> listener.handshakeStarted(address(vpn)));
    }
  }

  void handshakeCompleted(Tunnel t, long durationNanos) {
    if (active) {
      TunnelInfo info = info(t);
      guard(() -> listener.handshakeCompleted(info, Duration.ofNanos(durationNanos)));
    }
  }

  void handshakeFailed(int vpn, HandshakeFailure reason) {
    if (active) {
      guard(() -> listener.handshakeFailed(address(vpn), reason));
    }
  }

  void handshakeRefused(InetSocketAddress source, HandshakeFailure reason, String detail) {
    if (active) {
      guard(() -> listener.handshakeRefused(source, reason, detail));
    }
  }

  void tunnelUp(Tunnel t) {
    if (active) {
      TunnelInfo info = info(t);
      guard(() -> listener.tunnelUp(info));
    }
  }

  void tunnelDown(Tunnel t, TunnelCloseReason reason) {
    if (active) {
      TunnelInfo info = info(t);
      guard(() -> listener.tunnelDown(info, reason));
    }
  }

  void remoteChanged(Tunnel t, InetSocketAddress previous) {
    if (active) {
      TunnelInfo info = info(t);
      guard(() -> listener.remoteChanged(info, previous));
    }
  }

  void nodeClosed() {
    if (active) {
      guard(listener::nodeClosed);
    }
  }

  private void guard(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      if (warned.compareAndSet(false, true)) {
        log.warn("Event listener {} threw; the node ignores this and later failures",
            listener, e);
      }
    }
  }
}
