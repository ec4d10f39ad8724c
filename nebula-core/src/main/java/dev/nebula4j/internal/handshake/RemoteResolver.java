package dev.nebula4j.internal.handshake;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * Where a VPN address can be reached on the underlay: the candidates a handshake sends msg 1 to
 * (spec §3.5, §4.5). Today: {@code static_host_map}. The lighthouse client implements the same
 * interface later (static entries plus learned and reported addresses, sorted per §4.5) and calls
 * {@link HandshakeManager#remotesChanged} when a query is answered.
 *
 * <p>Called by the handshake manager under its lock: must be quick and must not call back.
 */
public interface RemoteResolver {

  /** No remotes for anyone. */
  RemoteResolver NONE = new RemoteResolver() {
    @Override
    public List<InetSocketAddress> remotes(int vpnAddress) {
      return List.of();
    }

    @Override
    public boolean isStatic(int vpnAddress) {
      return false;
    }
  };

  /** The known underlay endpoints of {@code vpnAddress} (big-endian IPv4), in preference order. */
  List<InetSocketAddress> remotes(int vpnAddress);

  /**
   * Whether {@code vpnAddress} has fixed remotes ({@code static_host_map}): its handshake is sent
   * immediately instead of waiting for the first timer tick or a lighthouse answer.
   */
  boolean isStatic(int vpnAddress);
}
