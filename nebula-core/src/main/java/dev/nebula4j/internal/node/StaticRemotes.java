package dev.nebula4j.internal.node;

import dev.nebula4j.config.HostPort;
import dev.nebula4j.internal.handshake.RemoteResolver;
import dev.nebula4j.net.IpNetwork;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remotes of {@code static_host_map} (spec §4.3), resolved once at start: IP literals as they
 * are, DNS names through the system resolver (every address returned, as Go does; a name that does
 * not resolve is logged and skipped). Immutable afterwards; a lighthouse client would wrap or
 * replace it.
 */
public final class StaticRemotes implements RemoteResolver {
  private static final Logger log = LoggerFactory.getLogger(StaticRemotes.class);

  /** Looks a host name up; the system resolver by default, swappable for tests. */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private final Map<Integer, List<InetSocketAddress>> remotes;

  private StaticRemotes(Map<Integer, List<InetSocketAddress>> remotes) {
    this.remotes = remotes;
  }

  /**
   * Resolves a {@code static_host_map}. Entries whose key is not IPv4 are skipped with a warning
   * (1.6.1 overlays are IPv4).
   */
  public static StaticRemotes resolve(Map<InetAddress, List<HostPort>> map, Resolver resolver) {
    Map<Integer, List<InetSocketAddress>> out = new HashMap<>();
    for (Map.Entry<InetAddress, List<HostPort>> e : map.entrySet()) {
      if (!(e.getKey() instanceof Inet4Address v4)) {
        log.warn("static_host_map: skipping {}: only IPv4 VPN addresses are supported",
            IpNetwork.formatAddress(e.getKey()));
        continue;
      }
      int vpn = IpNetwork.of(v4, 32).ipv4Address();
      List<InetSocketAddress> list = new ArrayList<>();
      for (HostPort hp : e.getValue()) {
        if (hp.isIpLiteral()) {
          list.add(new InetSocketAddress(IpNetwork.parseAddress(hp.host()), hp.port()));
          continue;
        }
        try {
          for (InetAddress a : resolver.resolve(hp.host())) {
            list.add(new InetSocketAddress(a, hp.port()));
          }
        } catch (UnknownHostException ex) {
          log.warn("static_host_map.\"{}\": cannot resolve {}: {}; the entry is skipped",
              IpNetwork.formatAddress(v4), hp, ex.getMessage());
        }
      }
      out.put(vpn, List.copyOf(list));
    }
    return new StaticRemotes(Map.copyOf(out));
  }

  /** With the system resolver. */
  public static StaticRemotes resolve(Map<InetAddress, List<HostPort>> map) {
    return resolve(map, InetAddress::getAllByName);
  }

  @Override
  public List<InetSocketAddress> remotes(int vpnAddress) {
    List<InetSocketAddress> l = remotes.get(vpnAddress);
    return l == null ? List.of() : l;
  }

  @Override
  public boolean isStatic(int vpnAddress) {
    return remotes.containsKey(vpnAddress);
  }

  /** Every entry (VPN address → remotes), for logs and tests. */
  public Map<Integer, List<InetSocketAddress>> entries() {
    return remotes;
  }

  @Override
  public String toString() {
    return "StaticRemotes" + remotes;
  }
}
