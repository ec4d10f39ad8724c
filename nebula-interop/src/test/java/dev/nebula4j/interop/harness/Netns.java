package dev.nebula4j.interop.harness;

import dev.nebula4j.net.IpNetwork;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A network namespace the harness created ({@code n4j-<pid>-<n>}), with loopback up and no route
 * other than those of its own links: no default route, so nothing run inside can reach anything the
 * test did not build. Commands run inside with {@code ip netns exec}.
 *
 * <p>{@link #close()} kills every process still inside and deletes the namespace, which also
 * removes its veth ends; it is idempotent.
 */
public final class Netns implements AutoCloseable {
  private final String name;
  private final String role;
  /** The address of {@code eth0} on its {@link Underlay} with the prefix, {@code 198.18.0.2/27}. */
  private volatile IpNetwork underlay;
  /** Its IPv6 address on a dual-stack underlay, {@code fd18:<k>::2/64}. */
  private volatile IpNetwork underlay6;
  private volatile boolean closed;

  private Netns(String name, String role) {
    this.name = name;
    this.role = role;
  }

  /**
   * Creates a namespace with loopback up and nothing else.
   *
   * @param role what the namespace is for ("lighthouse", "switch"); shown in messages only
   */
  public static Netns create(String role) {
    Objects.requireNonNull(role, "role");
    StaleSweeper.sweepOnce();
    String name = ResourceNames.next();
    Netns ns = new Netns(name, role);
    Commands.run(Commands.ip(), "netns", "add", name).requireSuccess();
    GlobalTeardown.register(ns);
    try {
      ns.ip("link", "set", "lo", "up");
    } catch (RuntimeException e) {
      ns.close();
      throw e;
    }
    return ns;
  }

  /** The namespace name, {@code n4j-<pid>-<n>}. */
  public String name() {
    return name;
  }

  /** What the namespace is for, as given at creation. */
  public String role() {
    return role;
  }

  /**
   * This namespace's address on its {@link Underlay}.
   *
   * @throws IllegalStateException when the namespace is not attached to an underlay
   */
  public Inet4Address underlayAddress() {
    IpNetwork a = underlay;
    if (a == null) {
      throw new IllegalStateException(this + " is not attached to an underlay");
    }
    return (Inet4Address) a.address();
  }

  /**
   * This namespace's IPv6 address on a dual-stack {@link Underlay} ({@code fd18:<k>::<n>}).
   *
   * @throws IllegalStateException when the namespace has no IPv6 underlay address
   */
  public Inet6Address underlayAddress6() {
    IpNetwork a = underlay6;
    if (a == null) {
      throw new IllegalStateException(this + " has no IPv6 underlay address");
    }
    return (Inet6Address) a.address();
  }

  /** Records the address {@link Underlay#addHost} gave {@code eth0} ({@code 198.18.0.2/27}). */
  void attached(IpNetwork interfaceAddress) {
    this.underlay = interfaceAddress;
  }

  /** Records the IPv6 address {@link Underlay#addHost} gave {@code eth0} ({@code fd18:3::2/64}). */
  void attached6(IpNetwork interfaceAddress) {
    this.underlay6 = interfaceAddress;
  }

  /** Runs {@code ip -n <name> args...} and requires success. */
  public CommandResult ip(String... args) {
    List<String> cmd = new ArrayList<>(args.length + 3);
    cmd.add(Commands.ip());
    cmd.add("-n");
    cmd.add(name);
    cmd.addAll(Arrays.asList(args));
    return Commands.run(cmd, null, Commands.DEFAULT_TIMEOUT).requireSuccess();
  }

  /** Runs a command inside the namespace with the default timeout; any exit code is returned. */
  public CommandResult exec(String... command) {
    return exec(List.of(command), null, Commands.DEFAULT_TIMEOUT);
  }

  /** Runs a command inside the namespace, feeding it {@code stdin} (or nothing when null). */
  public CommandResult exec(List<String> command, String stdin, Duration timeout) {
    checkOpen();
    return Commands.run(Commands.inNamespace(name, command), stdin, timeout);
  }

  /**
   * Starts a long-running command inside the namespace (stderr merged into stdout). The caller owns
   * the process; whatever still runs when the namespace closes is killed.
   */
  public Process start(List<String> command) {
    checkOpen();
    return Commands.start(Commands.inNamespace(name, command), null);
  }

  /**
   * Sends {@code count} ICMP echo requests 0.2 s apart, waiting at most 1 s for each reply.
   *
   * @return the parsed statistics; lost replies are data, not an exception
   */
  public PingResult ping(InetAddress target, int count) {
    CommandResult r = exec(pingCommand(target, count), null, Duration.ofSeconds(10 + count));
    if (r.exitCode() > 1) {
      throw new HarnessException("ping from " + this + " failed: " + r.describe());
    }
    return PingResult.parse(r.stdout());
  }

  /** The command line of {@link #ping} and {@link #holdPing}. */
  static List<String> pingCommand(InetAddress target, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, was " + count);
    }
    return List.of(
        Commands.tool("ping"), "-n", "-c", Integer.toString(count), "-i", "0.2", "-W", "1",
        target.getHostAddress());
  }

  /**
   * Starts a {@link #ping} of {@code count} echo requests that waits for {@link HeldPing#fire()}:
   * for tests that need the first request to leave at a chosen moment.
   */
  public HeldPing holdPing(InetAddress target, int count) {
    checkOpen();
    return HeldPing.start(this, target, count);
  }

  /**
   * Pings {@code target} once at a time until a reply arrives (a handshake, a restarted peer).
   *
   * @return the number of echo requests sent, including the answered one
   * @throws AssertionError when no reply arrived within {@code timeout}
   */
  public int awaitPingReply(InetAddress target, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int attempts = 0;
    PingResult last = null;
    do {
      attempts++;
      last = ping(target, 1);
      if (last.received() > 0) {
        return attempts;
      }
    } while (System.nanoTime() - deadline < 0);
    throw new AssertionError(
        "no ping reply from " + target.getHostAddress() + " to " + this + " within " + timeout
            + " (" + attempts + " attempts); last output:\n" + last.output());
  }

  /**
   * Opens a TCP connection with {@code socat}, sends one line and reads what comes back until the
   * peer closes or {@code timeout} of silence passes.
   */
  public TcpProbe tcpConnect(InetAddress target, int port, Duration timeout) {
    return TcpProbe.run(this, target, port, timeout);
  }

  /**
   * Sends one UDP datagram with {@code socat} and returns what came back within {@code timeout}
   * (empty when nothing did).
   */
  public String udpRequest(InetAddress target, int port, String payload, Duration timeout) {
    CommandResult r =
        exec(
            List.of(
                Commands.tool("socat"), "-T", socatSeconds(timeout), "-",
                "UDP4:" + target.getHostAddress() + ":" + port),
            payload,
            timeout.plusSeconds(10));
    return r.stdout();
  }

  /**
   * Sends one UDP datagram with {@code socat} on a connected socket and reports what came back
   * within {@code timeout}: an answer, silence, or an ICMP error (a reject).
   */
  public UdpProbe udpProbe(InetAddress target, int port, String payload, Duration timeout) {
    return UdpProbe.run(this, target, port, payload, timeout);
  }

  /** Sends one UDP datagram with {@code socat -u} and returns at once, waiting for nothing. */
  public void udpSend(InetAddress target, int port, String payload) {
    exec(
            List.of(
                Commands.tool("socat"), "-u", "-", "UDP4:" + target.getHostAddress() + ":" + port),
            payload,
            Commands.DEFAULT_TIMEOUT)
        .requireSuccess();
  }

  /** {@code timeout} in whole seconds, rounded up and at least 1, for socat's {@code -T}. */
  static String socatSeconds(Duration timeout) {
    return Long.toString(Math.max(1, (timeout.toMillis() + 999) / 1000));
  }

  /** {@code ip -4 route} inside the namespace, one route per element. */
  public List<String> routes() {
    return lines(ip("-4", "route", "show", "table", "all").stdout());
  }

  /** {@code ip -6 route} inside the namespace, one route per element. */
  public List<String> routes6() {
    return lines(ip("-6", "route", "show", "table", "all").stdout());
  }

  /** Whether the namespace still exists. */
  public boolean exists() {
    return StaleSweeper.listNamespaces().contains(name);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      kill(name);
      Commands.run(Commands.ip(), "netns", "del", name);
    } finally {
      GlobalTeardown.unregister(this);
    }
  }

  /** Kills every process inside namespace {@code name} and waits for them to end. */
  static void kill(String name) {
    CommandResult r = Commands.run(Commands.ip(), "netns", "pids", name);
    if (!r.succeeded()) {
      return;
    }
    List<Long> pids = new ArrayList<>();
    for (String line : lines(r.stdout())) {
      pids.add(Long.parseLong(line.trim()));
    }
    for (long pid : pids) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
    for (long pid : pids) {
      ProcessStatus.awaitExit(pid, Duration.ofSeconds(5));
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException(this + " is closed");
    }
  }

  static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    for (String l : text.split("\n")) {
      if (!l.isBlank()) {
        out.add(l.strip());
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "namespace " + name + " (" + role + ")";
  }
}
