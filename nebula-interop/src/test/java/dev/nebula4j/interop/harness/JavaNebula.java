package dev.nebula4j.interop.harness;

import dev.nebula4j.config.NebulaConfig;
import dev.nebula4j.config.PkiSource;
import dev.nebula4j.device.OverlayDatagram;
import dev.nebula4j.device.UserspaceDevice;
import dev.nebula4j.device.UserspaceUdpSocket;
import dev.nebula4j.node.HandshakeFailure;
import dev.nebula4j.node.NebulaNode;
import dev.nebula4j.node.NodeEventListener;
import dev.nebula4j.node.NodeStats;
import dev.nebula4j.node.TunnelCloseReason;
import dev.nebula4j.node.TunnelInfo;
import dev.nebula4j.net.IpNetwork;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * An in-process nebula4j node ({@link NebulaNode} with a {@link UserspaceDevice}) on the test JVM's
 * {@link JvmLink}: the Java side of a Java↔Go test. Its UDP socket is bound to {@link
 * JvmLink#jvmAddress()} (port {@value TutorialConfigs#PORT} unless told otherwise), its {@code pki}
 * section is the {@link HostCredentials}' PEM inline, the rest of the config is the test's.
 *
 * <pre>{@code
 * JavaNebula java = lab.javaNebula("java", link)
 *     .config(NebulaConfig.builder()
 *         .staticHost("10.10.10.2", goNs.underlayAddress().getHostAddress() + ":4242")
 *         .firewallPolicy(TutorialConfigs.nodeFirewall()))
 *     .credentials(ca.issue("java-node", "10.10.10.5/24"))
 *     .start();
 * // ... start the Go node with java.underlayEndpoint() in its static_host_map, then:
 * java.awaitPingReply(IpNetwork.parseAddress("10.10.10.2"), Duration.ofSeconds(10));
 * }</pre>
 *
 * <p>Every event of the node is recorded as one line of text ({@code tunnelUp 10.10.10.2
 * prod1-postgresql-0 responder aes}, {@code tunnelDown 10.10.10.2 PEER_CLOSED}, ...) that tests
 * await with {@link #waitForEvent}. {@link #restart()} replaces the node and its device with fresh
 * ones on the same address and port, like restarting a process. The lab closes the node.
 */
public final class JavaNebula implements AutoCloseable {
  private final String name;
  private final JvmLink link;
  private final InetAddress listenHost;
  private final HostCredentials credentials;
  private final NebulaConfig config;

  /** Every event of every node this instance ran, in order. */
  private final AwaitableLog<String> events = new AwaitableLog<>(this, Function.identity());
  private NebulaNode node;
  private UserspaceDevice device;
  private boolean closed;

  private JavaNebula(Builder b) {
    this.name = b.name;
    this.link = b.link;
    this.listenHost = b.listenHost != null ? b.listenHost : b.link.jvmAddress();
    this.credentials = b.credentials;
    this.config = withPkiAndListen(b.config, b.credentials, listenHost, b.port);
  }

  /**
   * A builder for a node named {@code name} bound to {@code link}. Tests normally use {@link
   * InteropLab#javaNebula(String, JvmLink)}, which closes the node after the test.
   */
  public static Builder builder(String name, JvmLink link) {
    return new Builder(name, link);
  }

  /**
   * {@code config} with the credentials' PEM as inline {@code pki} values and {@code listen} on
   * {@code host:port}.
   */
  static NebulaConfig withPkiAndListen(
      NebulaConfig.Builder config, HostCredentials credentials, InetAddress host, int port) {
    return config
        .pki(p -> p.ca(new PkiSource.Inline(credentials.caCertificatePem()))
            .cert(new PkiSource.Inline(credentials.certificatePem()))
            .key(new PkiSource.Inline(credentials.privateKeyPem())))
        .listen(l -> l.host(IpNetwork.formatAddress(host)).port(port))
        .build();
  }

  /**
   * Builds and starts a new node with a new device (the previous one, if any, must be closed).
   *
   * @throws IllegalStateException when a node is running or this was closed
   * @throws UncheckedIOException when the node cannot start (the port is taken, ...)
   */
  public synchronized JavaNebula start() {
    if (closed) {
      throw new IllegalStateException(this + " is closed");
    }
    if (node != null && node.isRunning()) {
      throw new IllegalStateException(this + " is already running");
    }
    UserspaceDevice d =
        UserspaceDevice.builder().name(name).address(credentials.overlay()).build();
    NebulaNode n = NebulaNode.builder(config).device(d).eventListener(new Recorder()).build();
    record("starting");
    try {
      n.start();
    } catch (IOException e) {
      n.close();
      throw new UncheckedIOException(this + " did not start: " + e.getMessage(), e);
    }
    node = n;
    device = d;
    return this;
  }

  /** Closes the node (it sends closeTunnel to its peers) and its device; {@link #start()} again. */
  public void stop() {
    NebulaNode n;
    synchronized (this) {
      n = node;
    }
    if (n != null) {
      n.close();
    }
  }

  /** {@link #stop()} then {@link #start()}: a fresh node with new keys for its tunnels. */
  public JavaNebula restart() {
    stop();
    return start();
  }

  /** The running (or last) node. */
  public synchronized NebulaNode node() {
    if (node == null) {
      throw new IllegalStateException(this + " was never started");
    }
    return node;
  }

  /** The running (or last) node's device. */
  public synchronized UserspaceDevice device() {
    if (device == null) {
      throw new IllegalStateException(this + " was never started");
    }
    return device;
  }

  /** The config the node runs (inline PKI, listen on the JVM link). */
  public NebulaConfig config() {
    return config;
  }

  public HostCredentials credentials() {
    return credentials;
  }

  public String name() {
    return name;
  }

  /** The node's overlay address, from its certificate. */
  public InetAddress overlayAddress() {
    return credentials.overlay().address();
  }

  /**
   * Where Go nodes reach it: the JVM link address it listens on ({@link JvmLink#jvmAddress()}, or
   * {@link JvmLink#jvmAddress6()} with {@link Builder#ipv6()}) and the bound (or configured) port.
   */
  public InetSocketAddress underlayEndpoint() {
    NebulaNode n;
    synchronized (this) {
      n = node;
    }
    int port = n != null && n.isRunning() ? n.listenAddress().getPort() : config.listen().port();
    return new InetSocketAddress(listenHost, port);
  }

  /**
   * {@code host:port} of {@link #underlayEndpoint()} as Go writes it ({@code 198.18.0.1:4242},
   * {@code [fd18:3::1]:4242}): for a Go node's {@code static_host_map} and its log's {@code
   * udpAddr}.
   */
  public String underlayHostPort() {
    return TutorialConfigs.hostPort(underlayEndpoint());
  }

  /** The established tunnel to {@code vpnAddress}, if any. */
  public Optional<TunnelInfo> tunnel(InetAddress vpnAddress) {
    return node().tunnel(vpnAddress);
  }

  /** The node's counters. */
  public NodeStats stats() {
    return node().stats();
  }

  /**
   * One ICMP echo from the device.
   *
   * @return the round-trip time, or empty when no reply came within {@code timeout}
   */
  public Optional<Duration> ping(InetAddress target, Duration timeout) {
    try {
      return Optional.of(device().ping(target, timeout));
    } catch (SocketTimeoutException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("ping " + target.getHostAddress() + " from " + this, e);
    }
  }

  /** How long {@link #awaitPingReply} waits for each echo reply. */
  public static final Duration PING_ATTEMPT = Duration.ofSeconds(3);

  /**
   * Pings {@code target} until a reply arrives: a handshake, a restarted peer. Each request waits
   * up to {@link #PING_ATTEMPT}, which covers the first seven handshake retries (100 ms × n), so
   * "the first request is answered" holds on a loaded machine where msg 1 needs a few resends.
   *
   * @return the number of echo requests sent, including the answered one
   * @throws AssertionError when no reply arrived within {@code timeout}
   */
  public int awaitPingReply(InetAddress target, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int attempts = 0;
    do {
      attempts++;
      if (ping(target, PING_ATTEMPT).isPresent()) {
        return attempts;
      }
    } while (System.nanoTime() - deadline < 0);
    throw new AssertionError(
        "no ping reply from " + target.getHostAddress() + " to " + this + " within " + timeout
            + " (" + attempts + " attempts); tunnels " + node().tunnels() + "; stats " + stats()
            + "; events:\n" + eventTail(20));
  }

  /**
   * Sends {@code payload} from a fresh UDP socket of the device to {@code target} and waits up to
   * {@code timeout} for one datagram back on that socket.
   *
   * @return the answer, or empty when none came
   */
  public Optional<OverlayDatagram> udpRequest(
      InetSocketAddress target, byte[] payload, Duration timeout) {
    try (UserspaceUdpSocket socket = device().openUdp(0)) {
      socket.send(target, payload);
      return Optional.of(socket.receive(timeout));
    } catch (SocketTimeoutException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("UDP to " + target + " from " + this, e);
    }
  }

  /** A position in the event list, for {@link #waitForEventAfter}. */
  public record EventMark(int index) {}

  /** The current end of the event list. */
  public EventMark mark() {
    return new EventMark(events.size());
  }

  /** Every event so far, one line each. */
  public List<String> events() {
    return events.entriesFrom(0);
  }

  /** Waits for an event line matching {@code regex} ({@code find}), recorded at any time. */
  public String waitForEvent(String regex, Duration timeout) {
    return waitForEventAfter(new EventMark(0), regex, timeout);
  }

  /**
   * Waits for an event line after {@code mark} matching {@code regex}.
   *
   * @throws AssertionError with the recent events when none appears in time
   */
  public String waitForEventAfter(EventMark mark, String regex, Duration timeout) {
    return events.await(mark.index(), Pattern.compile(regex), timeout, () -> false)
        .orElseThrow(() -> new AssertionError(
            this + ": no event matching /" + regex + "/ within " + timeout + "; events:\n"
                + eventTail(30)));
  }

  /** The last {@code n} events, one per line, for failure messages. */
  public String eventTail(int n) {
    return events.tail(n);
  }

  private void record(String event) {
    events.add(event);
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      stop();
    } finally {
      GlobalTeardown.unregister(this);
    }
  }

  @Override
  public String toString() {
    return "Java node '" + name + "' (" + credentials.overlay() + ") on " + link;
  }

  private static String ip(InetAddress a) {
    return a.getHostAddress();
  }

  /** Turns events into lines. Called on the node's threads; only appends under the lock. */
  private final class Recorder implements NodeEventListener {
    @Override
    public void nodeStarted(InetSocketAddress listenAddress) {
      record("started " + TutorialConfigs.hostPort(listenAddress));
    }

    @Override
    public void handshakeStarted(InetAddress vpnAddress) {
      record("handshakeStarted " + ip(vpnAddress));
    }

    @Override
    public void handshakeCompleted(TunnelInfo tunnel, Duration duration) {
      record("handshakeCompleted " + ip(tunnel.vpnAddress()) + " " + tunnel.peerName());
    }

    @Override
    public void handshakeFailed(InetAddress vpnAddress, HandshakeFailure reason) {
      record("handshakeFailed " + ip(vpnAddress) + " " + reason);
    }

    @Override
    public void handshakeRefused(InetSocketAddress source, HandshakeFailure reason, String detail) {
      record("handshakeRefused " + source + " " + reason + " " + detail);
    }

    @Override
    public void tunnelUp(TunnelInfo t) {
      record("tunnelUp " + ip(t.vpnAddress()) + " " + t.peerName() + " "
          + (t.initiator() ? "initiator" : "responder") + " " + t.cipher().configName()
          + " local=" + t.localIndex() + " remote=" + t.remoteIndex());
    }

    @Override
    public void tunnelDown(TunnelInfo t, TunnelCloseReason reason) {
      record("tunnelDown " + ip(t.vpnAddress()) + " " + reason + " local=" + t.localIndex());
    }

    @Override
    public void remoteChanged(TunnelInfo t, InetSocketAddress previous) {
      record("remoteChanged " + ip(t.vpnAddress()) + " " + previous + " -> " + t.remoteAddress());
    }

    @Override
    public void nodeClosed() {
      record("closed");
    }
  }

  /** Builds and starts a {@link JavaNebula}; {@link #credentials} is required. */
  public static final class Builder {
    private final String name;
    private final JvmLink link;
    private HostCredentials credentials;
    private NebulaConfig.Builder config = NebulaConfig.builder();
    private int port = TutorialConfigs.PORT;
    private InetAddress listenHost;
    private InteropLab lab;

    private Builder(String name, JvmLink link) {
      this.name = Objects.requireNonNull(name, "name");
      this.link = Objects.requireNonNull(link, "link");
    }

    Builder ownedBy(InteropLab lab) {
      this.lab = lab;
      return this;
    }

    /**
     * The node's config (static_host_map, cipher, firewall, timers...); its {@code pki} and {@code
     * listen} sections are replaced. Default: an empty config (deny-all firewall).
     */
    public Builder config(NebulaConfig.Builder config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    public Builder credentials(HostCredentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /**
     * Listens on the JVM link's IPv6 address ({@link JvmLink#jvmAddress6()}, a dual-stack
     * underlay) instead of its IPv4 one: the node's underlay is IPv6 only.
     */
    public Builder ipv6() {
      this.listenHost = link.jvmAddress6();
      return this;
    }

    /** The UDP port on the JVM link address; default {@value TutorialConfigs#PORT}, 0 = any. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /** Creates the node without starting it. */
    public JavaNebula build() {
      if (credentials == null) {
        throw new IllegalStateException("JavaNebula '" + name + "' needs credentials(...)");
      }
      JavaNebula n = new JavaNebula(this);
      GlobalTeardown.register(n);
      if (lab != null) {
        lab.manage(n);
      }
      return n;
    }

    /** Creates and starts the node; returns once it listens. */
    public JavaNebula start() {
      return build().start();
    }
  }
}
