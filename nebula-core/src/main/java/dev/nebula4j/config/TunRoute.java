package dev.nebula4j.config;

import dev.nebula4j.net.IpNetwork;
import java.util.Objects;

/**
 * One entry of {@code tun.routes}: a different MTU for part of the VPN network.
 *
 * @param route a network inside our certificate's VPN network
 * @param mtu MTU for that network, at least 500
 */
public record TunRoute(IpNetwork route, int mtu) {
  public TunRoute {
    Objects.requireNonNull(route, "route");
    Checks.range(mtu, 500, 65535, "mtu");
  }
}
