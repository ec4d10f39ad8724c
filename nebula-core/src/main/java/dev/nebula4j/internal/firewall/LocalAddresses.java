package dev.nebula4j.internal.firewall;

import dev.nebula4j.firewall.LocalIdentity;
import dev.nebula4j.net.IpNetwork;
import java.util.List;

/**
 * {@link LocalIdentity} compiled into int arrays for the packet path: our exact VPN addresses, our
 * VPN networks and our unsafe networks (IPv4; IPv6 entries are kept for later and never match an
 * IPv4 packet). Immutable.
 */
final class LocalAddresses {
  final LocalIdentity identity;
  private final int[] vpnAddress;
  private final int[] vpnNet;
  private final int[] vpnMask;
  private final int[] unsafeNet;
  private final int[] unsafeMask;

  LocalAddresses(LocalIdentity identity) {
    this.identity = identity;
    List<IpNetwork> vpn4 = identity.vpnNetworks().stream().filter(IpNetwork::isIpv4).toList();
    List<IpNetwork> unsafe4 = identity.unsafeNetworks().stream().filter(IpNetwork::isIpv4).toList();
    vpnAddress = vpn4.stream().mapToInt(IpNetwork::ipv4Address).toArray();
    vpnMask = vpn4.stream().mapToInt(IpNetwork::ipv4Netmask).toArray();
    vpnNet = new int[vpnMask.length];
    for (int i = 0; i < vpnNet.length; i++) {
      vpnNet[i] = vpnAddress[i] & vpnMask[i];
    }
    unsafeMask = unsafe4.stream().mapToInt(IpNetwork::ipv4Netmask).toArray();
    unsafeNet = new int[unsafeMask.length];
    for (int i = 0; i < unsafeNet.length; i++) {
      unsafeNet[i] = unsafe4.get(i).ipv4Address() & unsafeMask[i];
    }
  }

  boolean hasUnsafeNetworks() {
    return !identity.unsafeNetworks().isEmpty();
  }

  /** Whether {@code a} is one of our VPN addresses (exactly) or inside one of our unsafe networks. */
  boolean isLocalIpv4(int a) {
    int[] v = vpnAddress;
    for (int i = 0; i < v.length; i++) {
      if (v[i] == a) {
        return true;
      }
    }
    return contains(unsafeNet, unsafeMask, a);
  }

  /** Whether {@code a} lies in one of our VPN networks (a peer's VPN address must). */
  boolean inVpnNetworksIpv4(int a) {
    return contains(vpnNet, vpnMask, a);
  }

  /** Our VPN networks as (network, mask) pairs: the default {@code local_cidr} with unsafe networks. */
  int[] vpnNetworks() {
    return vpnNet.clone();
  }

  int[] vpnMasks() {
    return vpnMask.clone();
  }

  static boolean contains(int[] net, int[] mask, int a) {
    for (int i = 0; i < net.length; i++) {
      if ((a & mask[i]) == net[i]) {
        return true;
      }
    }
    return false;
  }
}
