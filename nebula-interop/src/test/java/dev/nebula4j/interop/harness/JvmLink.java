package dev.nebula4j.interop.harness;

import dev.nebula4j.net.IpNetwork;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.List;

/**
 * A veth between the test JVM's (root) network namespace and an {@link Underlay}'s bridge. Bind an
 * in-process Java node's UDP socket to {@link #jvmAddress()} and it reaches the Go nodes of the
 * underlay; nothing else is reachable through it, and the root namespace gains only the connected
 * route of the underlay's /27 on this link (no default route, no IPv6 link-local address). On a
 * dual-stack underlay ({@link Underlay#createDualStack()}) the link also has the IPv6 address
 * {@link #jvmAddress6()} ({@code fd18:<k>::1/64}, no duplicate address detection) and with it the
 * connected route of that /64, again on this link only.
 *
 * <p>{@link #close()} deletes the link (both ends) and with it the address and route.
 */
public final class JvmLink implements AutoCloseable {
  private final String name;
  private final IpNetwork interfaceAddress;
  private final IpNetwork interfaceAddress6;
  private final Netns switchNs;
  private boolean closed;

  private JvmLink(
      String name, IpNetwork interfaceAddress, IpNetwork interfaceAddress6, Netns switchNs) {
    this.name = name;
    this.interfaceAddress = interfaceAddress;
    this.interfaceAddress6 = interfaceAddress6;
    this.switchNs = switchNs;
  }

  /**
   * Creates the link with {@code interfaceAddress} and, unless {@code interfaceAddress6} is null,
   * that IPv6 address too.
   */
  static JvmLink create(Netns switchNs, IpNetwork interfaceAddress, IpNetwork interfaceAddress6) {
    String name = ResourceNames.nextInterfaceName();
    String ip = Commands.ip();
    Commands.run(ip, "link", "add", name, "type", "veth", "peer", "name", "jvm", "netns", switchNs.name())
        .requireSuccess();
    JvmLink link = new JvmLink(name, interfaceAddress, interfaceAddress6, switchNs);
    GlobalTeardown.register(link);
    try {
      switchNs.ip("link", "set", "jvm", "master", "br0", "up");
      // no IPv6 link-local address (and so no fe80::/64 route) in the root namespace
      Commands.run(ip, "link", "set", name, "addrgenmode", "none").requireSuccess();
      Commands.run(ip, "addr", "add", interfaceAddress.toString(), "dev", name).requireSuccess();
      if (interfaceAddress6 != null) {
        // nodad: usable at once instead of "tentative" for a second or two
        Commands.run(ip, "-6", "addr", "add", interfaceAddress6.toString(), "dev", name, "nodad")
            .requireSuccess();
      }
      Commands.run(ip, "link", "set", name, "up").requireSuccess();
    } catch (RuntimeException e) {
      link.close();
      throw e;
    }
    return link;
  }

  /** The link's name in the root namespace, {@code n4j-<pid>-<n>}. */
  public String interfaceName() {
    return name;
  }

  /** The JVM's address on the underlay: host {@code .1} of the slot. */
  public Inet4Address jvmAddress() {
    return (Inet4Address) interfaceAddress.address();
  }

  /** The underlay network, e.g. {@code 198.18.0.0/27}. */
  public IpNetwork network() {
    return interfaceAddress.masked();
  }

  /** Whether the link has an IPv6 address (its underlay is dual-stack). */
  public boolean hasIpv6() {
    return interfaceAddress6 != null;
  }

  /**
   * The JVM's IPv6 address on a dual-stack underlay: host {@code ::1} of the slot's /64, e.g.
   * {@code fd18:3::1}.
   *
   * @throws IllegalStateException when the underlay is IPv4 only
   */
  public Inet6Address jvmAddress6() {
    if (interfaceAddress6 == null) {
      throw new IllegalStateException(this + " has no IPv6 address (not a dual-stack underlay)");
    }
    return (Inet6Address) interfaceAddress6.address();
  }

  /** The IPv6 underlay network, e.g. {@code fd18:3::/64}; see {@link #jvmAddress6()}. */
  public IpNetwork network6() {
    jvmAddress6();
    return interfaceAddress6.masked();
  }

  /** IPv4 routes of the root namespace (all tables) that use this link. */
  public List<String> rootRoutes() {
    return routes("-4");
  }

  /** IPv6 routes of the root namespace (all tables) that use this link. */
  public List<String> rootRoutes6() {
    return routes("-6");
  }

  private List<String> routes(String family) {
    CommandResult r =
        Commands.run(Commands.ip(), family, "route", "show", "table", "all", "dev", name);
    return r.succeeded() ? Netns.lines(r.stdout()) : List.of();
  }

  /**
   * Unplugs the link from the bridge (its switch-side end leaves {@code br0}): whatever the JVM
   * sends on the underlay is silently lost, with no error to the sender, and nothing reaches the
   * JVM, until {@link #reconnect()}. Simulates a crash or a network partition of an in-process
   * node (a closing node's closeTunnel packets never arrive).
   */
  public synchronized void disconnect() {
    checkOpen();
    switchNs.ip("link", "set", "jvm", "nomaster");
  }

  /** Plugs the link back into the bridge after {@link #disconnect()}. */
  public synchronized void reconnect() {
    checkOpen();
    switchNs.ip("link", "set", "jvm", "master", "br0");
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException(this + " is closed");
    }
  }

  /** Whether the link still exists in the root namespace. */
  public boolean exists() {
    return StaleSweeper.listRootLinks().contains(name);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Commands.run(Commands.ip(), "link", "del", name);
    } finally {
      GlobalTeardown.unregister(this);
    }
  }

  @Override
  public String toString() {
    return "jvm link " + name + " (" + interfaceAddress
        + (interfaceAddress6 == null ? "" : ", " + interfaceAddress6) + ")";
  }
}
