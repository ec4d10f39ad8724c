package dev.nebula4j.interop.harness;

import dev.nebula4j.net.IpNetwork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The test's underlay network: a "switch" namespace holding a bridge, and host namespaces each
 * attached to it by a veth pair, on a /27 of 198.18.0.0/24 leased for this JVM ({@link
 * UnderlaySlot}).
 *
 * <pre>
 *   n4j-P-b (lighthouse)  n4j-P-c (node)   ...        root namespace (the test JVM)
 *     eth0 198.18.0.2/27    eth0 .3/27                  n4j-P-f 198.18.0.1/27  (attachJvm)
 *        |                    |                            |
 *   +----p2-------------------p3---------- ... ----------jvm----+
 *   |                 br0 in n4j-P-a (switch namespace)         |
 *   +-----------------------------------------------------------+
 * </pre>
 *
 * <p>(Addresses shown for slot 0; other slots use .32, .64, ... as their base.) No namespace has a
 * default route; the only route an underlay adds to the root namespace is the connected /27 of the
 * {@link JvmLink}, on the harness's own veth.
 *
 * <p>A <em>dual-stack</em> underlay ({@link #createDualStack()}) gives every host and the JVM link
 * an IPv6 address as well: {@code fd18:<k>::/64} for slot {@code k}, with the same host numbers
 * ({@code fd18:<k>::1} the JVM's, {@code ::2}... the hosts'), so tests can run nebula over an IPv6
 * underlay. Again no default route anywhere, and the root namespace gains only the connected /64
 * on the JVM link.
 */
public final class Underlay implements AutoCloseable {
  /** Host number of the JVM's address in the slot. */
  static final int JVM_HOST = 1;
  private static final Duration LEASE_TIMEOUT = Duration.ofMinutes(2);

  private final UnderlaySlot slot;
  private final boolean ipv6;
  private final Netns switchNs;
  private final List<Netns> hosts = new ArrayList<>();
  private JvmLink jvmLink;
  private int nextHost = JVM_HOST + 1;
  private boolean closed;

  private Underlay(UnderlaySlot slot, boolean ipv6, Netns switchNs) {
    this.slot = slot;
    this.ipv6 = ipv6;
    this.switchNs = switchNs;
  }

  /** Leases a slot and builds the switch namespace with its bridge (IPv4 underlay). */
  public static Underlay create() {
    return create(false);
  }

  /**
   * Like {@link #create()}, and hosts and the JVM link also get IPv6 addresses in {@code
   * fd18:<k>::/64}: {@link Netns#underlayAddress6()}, {@link JvmLink#jvmAddress6()}.
   */
  public static Underlay createDualStack() {
    return create(true);
  }

  private static Underlay create(boolean ipv6) {
    StaleSweeper.sweepOnce();
    UnderlaySlot slot = UnderlaySlot.lease(LEASE_TIMEOUT);
    Netns sw;
    try {
      sw = Netns.create("switch for " + slot.network().masked());
    } catch (RuntimeException e) {
      slot.close();
      throw e;
    }
    Underlay u = new Underlay(slot, ipv6, sw);
    GlobalTeardown.register(u);
    try {
      sw.ip("link", "add", "br0", "type", "bridge");
      sw.ip("link", "set", "br0", "up");
    } catch (RuntimeException e) {
      u.close();
      throw e;
    }
    return u;
  }

  /** The underlay network, e.g. {@code 198.18.0.0/27}. */
  public IpNetwork network() {
    return slot.network().masked();
  }

  /** Whether hosts and the JVM link get IPv6 addresses too ({@link #createDualStack()}). */
  public boolean isDualStack() {
    return ipv6;
  }

  /**
   * The IPv6 underlay network, e.g. {@code fd18:3::/64}.
   *
   * @throws IllegalStateException when this underlay is IPv4 only
   */
  public IpNetwork network6() {
    if (!ipv6) {
      throw new IllegalStateException(this + " is IPv4 only");
    }
    return slot.ipv6Network();
  }

  /** The namespace holding the bridge {@code br0}. */
  public Netns switchNamespace() {
    return switchNs;
  }

  /**
   * Creates a namespace attached to the bridge with the next free address of the slot ({@code .2}
   * first), interface {@code eth0}, loopback up, no default route. On a dual-stack underlay {@code
   * eth0} also gets {@code fd18:<k>::<n>/64} (no duplicate address detection, so it is usable at
   * once).
   *
   * @param role what the host is for; shown in messages
   */
  public synchronized Netns addHost(String role) {
    checkOpen();
    if (nextHost > UnderlaySlot.SLOT_SIZE - 2) {
      throw new HarnessException(
          "underlay " + network() + " is full (" + (UnderlaySlot.SLOT_SIZE - 3) + " hosts)");
    }
    int n = nextHost++;
    Netns host = Netns.create(role);
    hosts.add(host);
    String port = "p" + n;
    host.ip("link", "add", "eth0", "type", "veth", "peer", "name", port, "netns", switchNs.name());
    switchNs.ip("link", "set", port, "master", "br0", "up");
    host.ip("addr", "add", slot.interfaceAddress(n).toString(), "dev", "eth0");
    if (ipv6) {
      host.ip("-6", "addr", "add", slot.interfaceAddress6(n).toString(), "dev", "eth0", "nodad");
    }
    host.ip("link", "set", "eth0", "up");
    host.attached(slot.interfaceAddress(n));
    if (ipv6) {
      host.attached6(slot.interfaceAddress6(n));
    }
    return host;
  }

  /**
   * Connects the test JVM's own network namespace to the bridge: a veth {@code n4j-<pid>-<n>} in
   * the root namespace with the slot's address {@code .1} ({@link JvmLink#jvmAddress()}), so an
   * in-process Java node bound to that address reaches the hosts of this underlay. Only the slot's
   * connected /27 route is added to the root namespace (and on a dual-stack underlay the address
   * {@code fd18:<k>::1} with its connected /64). Idempotent: returns the same link.
   */
  public synchronized JvmLink attachJvm() {
    checkOpen();
    if (jvmLink == null) {
      jvmLink = JvmLink.create(switchNs, slot.interfaceAddress(JVM_HOST),
          ipv6 ? slot.interfaceAddress6(JVM_HOST) : null);
    }
    return jvmLink;
  }

  /** The hosts added so far, in order. */
  public synchronized List<Netns> hosts() {
    return List.copyOf(hosts);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException(this + " is closed");
    }
  }

  @Override
  public void close() {
    List<Netns> toClose;
    JvmLink link;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = new ArrayList<>(hosts);
      link = jvmLink;
    }
    try {
      if (link != null) {
        link.close();
      }
      for (int i = toClose.size() - 1; i >= 0; i--) {
        toClose.get(i).close();
      }
      switchNs.close();
    } finally {
      slot.close();
      GlobalTeardown.unregister(this);
    }
  }

  @Override
  public String toString() {
    return "underlay " + network() + (ipv6 ? " + " + slot.ipv6Network() : "") + " (switch "
        + switchNs.name() + ")";
  }
}
