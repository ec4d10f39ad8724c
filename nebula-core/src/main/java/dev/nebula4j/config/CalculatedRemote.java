package dev.nebula4j.config;

import dev.nebula4j.net.IpNetwork;
import java.util.Objects;

/**
 * One entry of {@code lighthouse.calculated_remotes} (Go 1.7+): for VPN addresses in the map key,
 * guess an underlay address by putting the VPN address's host bits into {@code mask}.
 *
 * @param mask underlay network whose prefix is kept
 * @param port underlay UDP port
 */
public record CalculatedRemote(IpNetwork mask, int port) {
  public CalculatedRemote {
    Objects.requireNonNull(mask, "mask");
    Checks.range(port, 0, 65535, "port");
  }
}
