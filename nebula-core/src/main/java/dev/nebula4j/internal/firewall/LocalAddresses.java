package dev.nebula4j.internal.firewall;

import dev.nebula4j.firewall.LocalIdentity;
import dev.nebula4j.internal.packet.Ipv4Networks;

/**
 * {@link LocalIdentity} compiled for the packet path: our VPN addresses and networks and our unsafe
 * networks (IPv4; IPv6 entries are kept for later and never match an IPv4 packet). Immutable.
 */
final class LocalAddresses {
  final LocalIdentity identity;
  /** Our VPN networks: the default {@code local_cidr} when we have unsafe networks. */
  final Ipv4Networks vpn;
  private final Ipv4Networks unsafe;

  LocalAddresses(LocalIdentity identity) {
    this.identity = identity;
    this.vpn = Ipv4Networks.of(identity.vpnNetworks());
    this.unsafe = Ipv4Networks.of(identity.unsafeNetworks());
  }

  boolean hasUnsafeNetworks() {
    return !identity.unsafeNetworks().isEmpty();
  }

  /** Whether {@code a} is one of our VPN addresses (exactly) or inside one of our unsafe networks. */
  boolean isLocalIpv4(int a) {
    return vpn.isAddress(a) || unsafe.contains(a);
  }

  /** Whether {@code a} lies in one of our VPN networks (a peer's VPN address must). */
  boolean inVpnNetworksIpv4(int a) {
    return vpn.contains(a);
  }
}
