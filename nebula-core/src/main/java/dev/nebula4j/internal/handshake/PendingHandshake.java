package dev.nebula4j.internal.handshake;

import dev.nebula4j.internal.noise.HandshakeState;
import dev.nebula4j.net.IpNetwork;
import dev.nebula4j.node.Cancellable;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A handshake we initiated and that has not completed yet (Go's pending {@code HostInfo}): our
 * Noise state, the msg 1 built once and resent byte for byte (spec §3.5), the attempt count that
 * drives the linear back-off, the remotes blocked because the wrong host answered there, and the
 * packets waiting for the tunnel.
 *
 * <p>All mutable state is guarded by the owning {@link HandshakeManager}'s monitor.
 */
public final class PendingHandshake {
  private final int vpnAddress;
  private final int localIndex;
  final HandshakeState noise;
  private final byte[] message1;
  private final long startNanos;
  int attempts;
  Cancellable timer;
  final List<CachedPacket> cached = new ArrayList<>();
  final Set<InetSocketAddress> blocked = new HashSet<>();

  PendingHandshake(
      int vpnAddress, int localIndex, HandshakeState noise, byte[] message1, long startNanos) {
    this.vpnAddress = vpnAddress;
    this.localIndex = localIndex;
    this.noise = noise;
    this.message1 = message1;
    this.startNanos = startNanos;
  }

  /** The peer's VPN address (big-endian IPv4). */
  public int vpnAddress() {
    return vpnAddress;
  }

  /** Our index: msg 2 carries it as its remote index. */
  public int localIndex() {
    return localIndex;
  }

  /** When the handshake started (the node clock's nanoseconds). */
  public long startNanos() {
    return startNanos;
  }

  /** Msg 1 with header (a shared array: never modified). */
  byte[] message1() {
    return message1;
  }

  @Override
  public String toString() {
    return "PendingHandshake[" + IpNetwork.formatIpv4(vpnAddress) + ", index "
        + Integer.toUnsignedString(localIndex) + ", attempts " + attempts + ", cached "
        + cached.size() + "]";
  }
}
