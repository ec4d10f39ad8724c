package dev.nebula4j.config;

import dev.nebula4j.net.IpNetwork;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * One entry of {@code tun.unsafe_routes}: a non-nebula network reached through a nebula node whose
 * certificate lists the network among its unsafe networks.
 *
 * @param route the routed network; must not overlap our VPN network
 * @param via gateway VPN addresses with ECMP weights (one entry is written as {@code via: ip}, the
 *     only form Go 1.6.1 understands)
 * @param mtu route MTU (0 = tun.mtu, else at least 500)
 * @param metric route metric, 0..2^31-1
 * @param install whether nebula installs the kernel route (1.7+; false leaves it to the admin)
 */
public record UnsafeRoute(IpNetwork route, List<Gateway> via, int mtu, int metric, boolean install) {

  public UnsafeRoute {
    Objects.requireNonNull(route, "route");
    via = List.copyOf(via);
    if (via.isEmpty()) {
      throw new IllegalArgumentException("unsafe route " + route + " needs a via gateway");
    }
    if (mtu != 0) {
      Checks.range(mtu, 500, 65535, "mtu");
    }
    Checks.range(metric, 0, Integer.MAX_VALUE, "metric");
  }

  /** A route through one gateway: {@code route: CIDR, via: ip}. */
  public static UnsafeRoute of(String route, String via) {
    return new UnsafeRoute(
        IpNetwork.parse(route), List.of(new Gateway(IpNetwork.parseAddress(via), 1)), 0, 0, true);
  }

  /** Whether this is the 1.6.1 form: a single gateway of weight 1. */
  public boolean isSingleGateway() {
    return via.size() == 1 && via.get(0).weight() == 1;
  }

  /**
   * One gateway of an unsafe route.
   *
   * @param address the gateway's VPN address
   * @param weight ECMP weight, at least 1 (Go 1.10+)
   */
  public record Gateway(InetAddress address, int weight) {
    public Gateway {
      Objects.requireNonNull(address, "address");
      Checks.range(weight, 1, Integer.MAX_VALUE, "weight");
    }
  }
}
