package dev.nebula4j.firewall;

import dev.nebula4j.net.IpNetwork;
import java.util.List;

/**
 * What the firewall needs to know about this node: the VPN networks and unsafe networks of our own
 * certificate. A packet's local address must be one of our VPN addresses (exactly) or lie inside
 * one of our unsafe networks; and when we have unsafe networks, a rule without {@code local_cidr}
 * only admits packets to our VPN networks (Go 1.10+, unless {@code
 * firewall.default_local_cidr_any} is set).
 *
 * @param vpnNetworks our certificate's networks, host bits kept (e.g. {@code 10.10.10.5/24})
 * @param unsafeNetworks our certificate's unsafe networks (subnets we route for)
 */
public record LocalIdentity(List<IpNetwork> vpnNetworks, List<IpNetwork> unsafeNetworks) {

  public LocalIdentity {
    vpnNetworks = List.copyOf(vpnNetworks);
    unsafeNetworks = List.copyOf(unsafeNetworks);
    if (vpnNetworks.isEmpty()) {
      throw new IllegalArgumentException("local identity needs at least one VPN network");
    }
  }

  /** A node with the given VPN networks and no unsafe networks. */
  public static LocalIdentity of(IpNetwork... vpnNetworks) {
    return new LocalIdentity(List.of(vpnNetworks), List.of());
  }
}
