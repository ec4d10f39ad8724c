package dev.nebula4j.interop.harness;

import dev.nebula4j.net.IpNetwork;
import java.net.Inet4Address;
import java.util.List;

/**
 * A veth between the test JVM's (root) network namespace and an {@link Underlay}'s bridge. Bind an
 * in-process Java node's UDP socket to {@link #jvmAddress()} and it reaches the Go nodes of the
 * underlay; nothing else is reachable through it, and the root namespace gains only the connected
 * route of the underlay's /27 on this link (no default route, no IPv6 link-local address).
 *
 * <p>{@link #close()} deletes the link (both ends) and with it the address and route.
 */
public final class JvmLink implements AutoCloseable {
  private final String name;
  private final IpNetwork interfaceAddress;
  private final Netns switchNs;
  private boolean closed;

  private JvmLink(String name, IpNetwork interfaceAddress, Netns switchNs) {
    this.name = name;
    this.interfaceAddress = interfaceAddress;
    this.switchNs = switchNs;
  }

  static JvmLink create(Netns switchNs, IpNetwork interfaceAddress) {
    String name = ResourceNames.nextInterfaceName();
    String ip = Commands.ip();
    Commands.run(ip, "link", "add", name, "type", "veth", "peer", "name", "jvm", "netns", switchNs.name())
        .requireSuccess();
    JvmLink link = new JvmLink(name, interfaceAddress, switchNs);
    GlobalTeardown.register(link);
    try {
      switchNs.ip("link", "set", "jvm", "master", "br0", "up");
      // no IPv6 link-local address (and so no fe80::/64 route) in the root namespace
      Commands.run(ip, "link", "set", name, "addrgenmode", "none").requireSuccess();
      Commands.run(ip, "addr", "add", interfaceAddress.toString(), "dev", name).requireSuccess();
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

  /** Routes of the root namespace (all tables) that use this link. */
  public List<String> rootRoutes() {
    CommandResult r =
        Commands.run(Commands.ip(), "-4", "route", "show", "table", "all", "dev", name);
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
    return "jvm link " + name + " (" + interfaceAddress + ")";
  }
}
