package dev.nebula4j.internal.node;

import dev.nebula4j.config.UnsafeRoute;
import dev.nebula4j.net.IpNetwork;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code tun.unsafe_routes} for the inside path (spec §7): a destination outside our VPN networks
 * goes through the tunnel to the gateway of the longest matching route. The first {@code via}
 * gateway is used (Go 1.10's weighted ECMP over several gateways is not implemented). IPv4 only;
 * a linear scan over a handful of routes, allocation-free.
 */
final class UnsafeRoutes {
  private final int[] networks;
  private final int[] masks;
  private final int[] gateways;

  UnsafeRoutes(List<UnsafeRoute> routes) {
    List<UnsafeRoute> v4 = new ArrayList<>();
    for (UnsafeRoute r : routes) {
      if (r.route().isIpv4() && r.via().get(0).address() instanceof Inet4Address) {
        v4.add(r);
      }
    }
    v4.sort(Comparator.comparingInt((UnsafeRoute r) -> r.route().prefixLength()).reversed());
    networks = new int[v4.size()];
    masks = new int[v4.size()];
    gateways = new int[v4.size()];
    for (int i = 0; i < v4.size(); i++) {
      IpNetwork n = v4.get(i).route();
      masks[i] = n.ipv4Netmask();
      networks[i] = n.ipv4Address() & masks[i];
      gateways[i] = IpNetwork.of(v4.get(i).via().get(0).address(), 32).ipv4Address();
    }
  }

  /** The gateway VPN address for {@code destination}, or 0 when no route matches. */
  int gatewayFor(int destination) {
    for (int i = 0; i < networks.length; i++) {
      if ((destination & masks[i]) == networks[i]) {
        return gateways[i];
      }
    }
    return 0;
  }
}
