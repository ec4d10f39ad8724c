package dev.nebula4j.internal.hostmap;

import java.util.List;

/**
 * The established tunnels of a node, indexed three ways (Go's main {@code HostMap}):
 *
 * <ul>
 *   <li>by <b>local index</b>: the remote index in the header of every packet a peer sends us
 *       (outside path, spec §2.6);
 *   <li>by <b>VPN address</b>: the destination of an outbound packet (inside path);
 *   <li>by <b>remote index</b>: the index a recv_error names (§2.7). Remote indexes are chosen by
 *       peers, so two peers may collide; the most recent tunnel wins that slot, as in Go.
 * </ul>
 *
 * <p>One tunnel per VPN address (Go 1.6.1's model): installing a tunnel for an address replaces
 * the previous one. Lookups are lock-free and allocation-free; {@link #install} and {@link
 * #remove} are serialised by the map's monitor and copy the index tables, which is cheap at the
 * rate tunnels come and go.
 */
public final class HostMap {
  private final IntTable<Tunnel> byLocalIndex = new IntTable<>();
  private final IntTable<Tunnel> byVpnAddress = new IntTable<>();
  private final IntTable<Tunnel> byRemoteIndex = new IntTable<>();

  /** The tunnel whose local index is {@code index}, or {@code null}. */
  public Tunnel byLocalIndex(int index) {
    return byLocalIndex.get(index);
  }

  /** The tunnel to {@code vpnAddress} (big-endian IPv4), or {@code null}. */
  public Tunnel byVpnAddress(int vpnAddress) {
    return byVpnAddress.get(vpnAddress);
  }

  /** The tunnel whose peer index is {@code index}, or {@code null}. */
  public Tunnel byRemoteIndex(int index) {
    return byRemoteIndex.get(index);
  }

  /** Whether a tunnel uses {@code index} as its local index. */
  public boolean isLocalIndexUsed(int index) {
    return byLocalIndex.containsKey(index);
  }

  /**
   * Adds {@code tunnel}, replacing (and removing from every index) the tunnel to the same VPN
   * address, if any.
   *
   * @return the replaced tunnel, or {@code null}
   * @throws IllegalStateException if another tunnel already uses the same local index
   */
  public synchronized Tunnel install(Tunnel tunnel) {
    Tunnel clash = byLocalIndex.get(tunnel.localIndex());
    if (clash != null && clash != tunnel) {
      throw new IllegalStateException("local index " + Integer.toUnsignedString(tunnel.localIndex())
          + " already belongs to " + clash);
    }
    Tunnel replaced = byVpnAddress.get(tunnel.vpnAddress());
    if (replaced == tunnel) {
      return null;
    }
    if (replaced != null) {
      unlink(replaced);
    }
    byLocalIndex.put(tunnel.localIndex(), tunnel);
    byVpnAddress.put(tunnel.vpnAddress(), tunnel);
    byRemoteIndex.put(tunnel.remoteIndex(), tunnel);
    return replaced;
  }

  /** Removes {@code tunnel} from every index; returns {@code false} if it was not installed. */
  public synchronized boolean remove(Tunnel tunnel) {
    if (byLocalIndex.get(tunnel.localIndex()) != tunnel) {
      return false;
    }
    unlink(tunnel);
    return true;
  }

  private void unlink(Tunnel t) {
    byLocalIndex.remove(t.localIndex(), t);
    byVpnAddress.remove(t.vpnAddress(), t);
    byRemoteIndex.remove(t.remoteIndex(), t);
  }

  /** The installed tunnels, in no particular order. */
  public List<Tunnel> tunnels() {
    return byLocalIndex.values();
  }

  /** Number of installed tunnels. */
  public int size() {
    return byLocalIndex.size();
  }

  @Override
  public String toString() {
    return "HostMap[" + size() + " tunnels]";
  }
}
