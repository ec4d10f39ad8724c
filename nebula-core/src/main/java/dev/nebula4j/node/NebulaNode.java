package dev.nebula4j.node;

import dev.nebula4j.cert.CaPool;
import dev.nebula4j.cert.CertException;
import dev.nebula4j.cert.Certificate;
import dev.nebula4j.cert.Fingerprint;
import dev.nebula4j.cert.HostCredential;
import dev.nebula4j.config.ConfigException;
import dev.nebula4j.config.ConfigProblem;
import dev.nebula4j.config.HostPort;
import dev.nebula4j.config.NebulaConfig;
import dev.nebula4j.config.PkiCheck;
import dev.nebula4j.device.Device;
import dev.nebula4j.internal.crypto.AeadAlgorithm;
import dev.nebula4j.internal.device.EchoResponderDevice;
import dev.nebula4j.internal.handshake.HandshakeIdentity;
import dev.nebula4j.internal.node.ExecutorNodeScheduler;
import dev.nebula4j.internal.node.NodeRuntime;
import dev.nebula4j.internal.node.StaticRemotes;
import dev.nebula4j.net.IpNetwork;
import dev.nebula4j.udp.Underlay;
import dev.nebula4j.udp.UnderlayFactory;
import dev.nebula4j.udp.UnderlaySettings;
import java.io.Closeable;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Nebula node: speaks Go nebula's wire protocol over UDP, builds Noise IX tunnels to the hosts
 * of its {@code static_host_map} (and to whoever handshakes with it), and carries IP packets
 * between those tunnels and a {@link Device}, through the firewall of its config.
 *
 * <pre>{@code
 * NebulaConfig config = NebulaConfig.load(Path.of("/etc/nebula/config.yml"));
 * UserspaceDevice device = UserspaceDevice.create("10.10.10.2/24");
 * try (NebulaNode node = NebulaNode.builder(config).device(device).build()) {
 *   node.start();                       // returns once the UDP socket listens
 *   node.connect(InetAddress.getByName("10.10.10.1")).get(5, TimeUnit.SECONDS);
 *   device.ping(InetAddress.getByName("10.10.10.1"), Duration.ofSeconds(2));
 * }
 * }</pre>
 *
 * <p><b>Device.</b> Without a device the node behaves like Go with {@code tun.disabled: true}: it
 * has no interface but answers ICMP echo requests to its own VPN address (useful for
 * lighthouse-like nodes, and for reachability tests). The node starts the device it is given and
 * closes it on {@link #close()}.
 *
 * <p><b>Lifecycle.</b> {@link #build()} loads and checks the PKI (CA bundle, certificate, key,
 * blocklist) and fails with a {@link ConfigException} naming the {@code pki.*} key. {@link
 * #start()} resolves {@code static_host_map} names, binds {@code listen.host:listen.port} (port 0:
 * an ephemeral port, see {@link #listenAddress()}), starts the device, the reader and the
 * scheduler, and returns when packets flow; if it fails, everything it took is released. {@link
 * #close()} is idempotent and safe in any state: it sends closeTunnel to every peer, stops every
 * thread it started and frees the port before returning (a concurrent second call returns at
 * once).
 *
 * <p><b>Threads</b> (see {@code docs/architecture.md}): one UDP reader, one scheduler (unless one
 * is injected), the device's own threads; never a thread per peer. All public methods are
 * thread-safe.
 */
public final class NebulaNode implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(NebulaNode.class);

  /** Where a node is in its life. */
  public enum State {
    /** Built, not started. */
    NEW,
    /** {@link #start()} is running. */
    STARTING,
    /** Processing packets. */
    RUNNING,
    /** Closed (or failed to start); cannot be restarted. */
    CLOSED
  }

  private volatile NebulaConfig config;
  private final HostCredential credential;
  /** The CAs given to {@link Builder#pki}, without the config's blocklist; null: from pki.ca. */
  private final CaPool builderCaPool;
  private volatile CaPool caPool;
  private final AeadAlgorithm cipher;
  private final Device device;
  private final UnderlayFactory underlayFactory;
  private final NodeClock clock;
  private final NodeScheduler injectedScheduler;
  private final NodeEventListener listener;
  private final SecureRandom random;
  private final StaticRemotes.Resolver dns;

  private volatile State state = State.NEW;
  private volatile NodeRuntime runtime;
  private volatile Underlay underlay;
  private NodeScheduler scheduler;
  private boolean ownsScheduler;

  private NebulaNode(Builder b, HostCredential credential, CaPool caPool) {
    this.config = b.config;
    this.credential = credential;
    this.builderCaPool = b.caPool;
    this.caPool = caPool;
    this.cipher = AeadAlgorithm.of(b.config.cipher());
    this.device = b.device != null ? b.device
        : new EchoResponderDevice(b.config.tun().dev().isEmpty() ? "nebula"
            : b.config.tun().dev(), credential.certificate().networks(), b.config.tun().mtu());
    this.underlayFactory = b.underlayFactory;
    this.clock = b.clock;
    this.injectedScheduler = b.scheduler;
    this.listener = b.listener;
    this.random = b.random;
    this.dns = b.dns;
  }

  /** A builder for a node running {@code config}. */
  public static Builder builder(NebulaConfig config) {
    return new Builder(config);
  }

  // ------------------------------------------------------------------ lifecycle

  /**
   * Starts the node: binds the UDP socket, starts device, reader and scheduler. Returns once the
   * node processes packets.
   *
   * @throws java.net.BindException if {@code listen.host:listen.port} cannot be bound (the
   *     message names it)
   * @throws IOException if the device or the socket cannot start, or {@code listen.host} does
   *     not resolve
   * @throws IllegalStateException if already started or closed
   */
  public void start() throws IOException {
    synchronized (this) {
      if (state != State.NEW) {
        throw new IllegalStateException("node " + name() + " is " + state
            + "; a node starts once");
      }
      state = State.STARTING;
    }
    try {
      StaticRemotes remotes = StaticRemotes.resolve(config.staticHostMap(), dns::resolve);
      InetAddress host = listenHost(config.listen().host());
      Underlay u = underlayFactory.bind(UnderlaySettings.builder()
          .host(host)
          .port(config.listen().port())
          .receiveBufferSize(config.listen().readBuffer())
          .sendBufferSize(config.listen().writeBuffer())
          .build());
      underlay = u;
      synchronized (this) {
        if (injectedScheduler != null) {
          scheduler = injectedScheduler;
        } else {
          scheduler = new ExecutorNodeScheduler("nebula4j-timer-" + u.localAddress().getPort());
          ownsScheduler = true;
        }
      }
      NodeRuntime rt = new NodeRuntime(new NodeRuntime.Settings(config,
          HandshakeIdentity.of(credential, cipher), () -> caPool,
          config.firewall().policy(), device, u, clock, scheduler, random, remotes, listener));
      runtime = rt;
      rt.start();
      synchronized (this) {
        if (state != State.STARTING) {
          throw new IOException("node " + name() + " was closed while starting");
        }
        state = State.RUNNING;
      }
      warnUnsupported();
      log.info("Nebula node {} ({}) listening on UDP {}, cipher {}, {} static hosts, device {}",
          name(), vpnAddress().getHostAddress(), HostPort.of(u.localAddress()),
          config.cipher().configName(),
          remotes.entries().size(), device.name());
    } catch (IOException | RuntimeException e) {
      release();
      synchronized (this) {
        state = State.CLOSED;
      }
      throw e;
    }
  }

  /** Says which configured features this node does not run (yet), once, at start. */
  private void warnUnsupported() {
    if (config.lighthouse().amLighthouse() || !config.lighthouse().hosts().isEmpty()) {
      log.warn("lighthouse.am_lighthouse / lighthouse.hosts are set, but this node does not speak"
          + " the lighthouse protocol yet: peers are reached through static_host_map only, and"
          + " lighthouse messages are counted and dropped");
    }
    if (config.relay().amRelay() || !config.relay().relays().isEmpty()) {
      log.warn("relay.am_relay / relay.relays are set, but this node does not relay yet: relay"
          + " frames are counted and dropped");
    }
    if (config.punchy().punch() || config.punchy().respond()) {
      log.warn("punchy.punch / punchy.respond are set, but this node sends no hole punches yet");
    }
    if (config.routines() > 1) {
      log.warn("routines: {} — this node runs one UDP reader; the setting is ignored",
          config.routines());
    }
  }

  private static InetAddress listenHost(String host) throws IOException {
    if (IpNetwork.isAddressLiteral(host)) {
      return IpNetwork.parseAddress(host);
    }
    try {
      return InetAddress.getByName(host);
    } catch (IOException e) {
      throw new IOException("listen.host '" + host + "' does not resolve: " + e.getMessage(), e);
    }
  }

  /**
   * Closes the node: sends closeTunnel to every peer, fails pending handshakes, closes the device
   * and the UDP socket and stops the scheduler it created. Idempotent; safe in any state and from
   * any thread, including the node's own (event listeners).
   */
  @Override
  public void close() {
    State before;
    synchronized (this) {
      before = state;
      if (before == State.CLOSED) {
        return;
      }
      state = State.CLOSED;
    }
    if (before == State.NEW) {
      device.close();
      return;
    }
    if (before == State.STARTING) {
      return; // start() notices and releases what it took
    }
    release();
    log.info("Nebula node {} closed", name());
  }

  private void release() {
    NodeRuntime rt = runtime;
    if (rt != null) {
      try {
        rt.stop();
      } catch (RuntimeException e) {
        log.warn("stopping node {} failed", name(), e);
      }
    }
    device.close();
    Underlay u = underlay;
    if (u != null) {
      u.close();
    }
    NodeScheduler s;
    boolean owned;
    synchronized (this) {
      s = scheduler;
      owned = ownsScheduler;
    }
    if (s != null && owned) {
      s.shutdown();
    }
    if (rt != null) {
      rt.announceClosed();
    }
  }

  // ------------------------------------------------------------------ state

  public State state() {
    return state;
  }

  /** Whether the node processes packets. */
  public boolean isRunning() {
    return state == State.RUNNING;
  }

  /**
   * The bound UDP address, with the real port when {@code listen.port} is 0.
   *
   * @throws IllegalStateException before {@link #start()}
   */
  public InetSocketAddress listenAddress() {
    Underlay u = underlay;
    if (u == null) {
      throw new IllegalStateException("node " + name() + " is not started");
    }
    return u.localAddress();
  }

  /** This node's certificate. */
  public Certificate certificate() {
    return credential.certificate();
  }

  /** This node's VPN address: the certificate's first network. */
  public InetAddress vpnAddress() {
    return credential.certificate().networks().get(0).address();
  }

  /** The certificate name. */
  public String name() {
    return credential.certificate().name();
  }

  /** The config the node runs (with the sections a {@link #reload} replaced). */
  public NebulaConfig config() {
    return config;
  }

  /** The device: the one given to the builder, or the tun-disabled echo responder. */
  public Device device() {
    return device;
  }

  // ------------------------------------------------------------------ tunnels

  /** The established tunnels (an empty list unless running). */
  public List<TunnelInfo> tunnels() {
    NodeRuntime rt = runtime;
    return rt == null || state != State.RUNNING ? List.of() : List.copyOf(rt.tunnels());
  }

  /** The tunnel to {@code vpnAddress}, if established. */
  public Optional<TunnelInfo> tunnel(InetAddress vpnAddress) {
    NodeRuntime rt = runtime;
    if (rt == null || state != State.RUNNING) {
      return Optional.empty();
    }
    return Optional.ofNullable(rt.tunnel(ipv4(vpnAddress)));
  }

  /**
   * A tunnel to {@code vpnAddress}: at once if established, otherwise a handshake is started
   * (like Go's {@code Handshake}) and the future completes when it succeeds, or fails with a
   * {@link HandshakeFailedException} ({@link HandshakeFailure#TIMED_OUT} after {@code
   * handshakes.retries} attempts).
   */
  public CompletableFuture<TunnelInfo> connect(InetAddress vpnAddress) {
    int vpn = ipv4(vpnAddress);
    NodeRuntime rt = runtime;
    if (rt == null || state != State.RUNNING) {
      return CompletableFuture.failedFuture(new HandshakeFailedException(vpnAddress,
          HandshakeFailure.NODE_CLOSED, "node " + name() + " is " + state));
    }
    if (credential.certificate().networks().stream()
        .anyMatch(n -> n.isIpv4() && n.ipv4Address() == vpn)) {
      throw new IllegalArgumentException(vpnAddress.getHostAddress()
          + " is this node's own VPN address");
    }
    return rt.connect(vpn);
  }

  /**
   * Closes the tunnel to {@code vpnAddress}, sending closeTunnel to the peer.
   *
   * @return {@code false} if there was none
   */
  public boolean closeTunnel(InetAddress vpnAddress) {
    NodeRuntime rt = runtime;
    return rt != null && state == State.RUNNING && rt.closeTunnel(ipv4(vpnAddress));
  }

  /**
   * The config keys {@link #reload} applies to a running node; every other change needs a new
   * node (compare two configs with {@link NebulaConfig#diff}).
   */
  public static final Set<String> RELOADED_KEYS = Set.of(
      "firewall.inbound", "firewall.outbound", "firewall.inbound_action",
      "firewall.outbound_action", "firewall.default_local_cidr_any",
      "firewall.conntrack.tcp_timeout", "firewall.conntrack.udp_timeout",
      "firewall.conntrack.default_timeout", "pki.ca", "pki.blocklist");

  /**
   * Applies what a running node can change without a restart, as Go nebula does on SIGHUP
   * ({@link #RELOADED_KEYS}):
   *
   * <ul>
   *   <li>the firewall ({@code firewall.inbound/outbound}, the actions, conntrack timeouts,
   *       {@code default_local_cidr_any}) is replaced at once; existing flows are checked against
   *       the new rules on their next packet;
   *   <li>the trusted CAs ({@code pki.ca}, read again, so a CA file replaced under the same name
   *       takes effect) and {@code pki.blocklist} are used from the next handshake and liveness
   *       check on; with {@code pki.disconnect_invalid} a tunnel whose peer is no longer trusted
   *       closes at its next check. A node built with {@link Builder#pki} keeps its CAs and takes
   *       only the blocklist.
   * </ul>
   *
   * <p>Everything else in {@code next} is ignored; {@link #config()} afterwards returns the
   * running config with these sections replaced. Either everything is applied or nothing.
   *
   * @throws ConfigException if {@code pki.ca} cannot be read or holds no usable CA, or a
   *     blocklist entry is not a fingerprint (nothing is applied)
   * @throws IllegalStateException if the node is not running
   */
  public void reload(NebulaConfig next) {
    Objects.requireNonNull(next, "next");
    synchronized (this) {
      NodeRuntime rt = runtime;
      if (state != State.RUNNING || rt == null) {
        throw new IllegalStateException("node " + name() + " is " + state
            + "; only a running node reloads");
      }
      CaPool base = builderCaPool;
      if (base == null) {
        PkiCheck.Result r = PkiCheck.run(next, clock.now());
        List<ConfigProblem> caErrors = new ArrayList<>();
        for (ConfigProblem p : r.problems()) {
          if (p.isError() && p.path().equals("pki.ca")) {
            caErrors.add(p);
          }
        }
        if (!caErrors.isEmpty() || r.caPool().isEmpty()) {
          throw new ConfigException(caErrors);
        }
        base = r.caPool().get();
      }
      CaPool pool = Builder.withBlocklist(base, next.pki().blocklist());
      rt.firewall().reload(next.firewall().policy());
      caPool = pool;
      NebulaConfig now = config;
      config = now.toBuilder()
          .firewall(now.firewall().toBuilder().policy(next.firewall().policy()).build())
          .pki(p -> p.ca(builderCaPool == null ? next.pki().ca() : now.pki().ca())
              .blocklist(next.pki().blocklist()))
          .build();
      log.info("Nebula node {} reloaded: firewall rules version {}, {} trusted CA(s), {} blocked"
          + " fingerprint(s)", name(), rt.firewall().rulesVersion(), pool.certificates().size(),
          pool.blocklist().size());
    }
  }

  /** A snapshot of the counters (all zero before start). */
  public NodeStats stats() {
    NodeRuntime rt = runtime;
    if (rt == null) {
      return new dev.nebula4j.internal.node.NodeCounters().snapshot(0, 0, 0);
    }
    return rt.stats();
  }

  private static int ipv4(InetAddress a) {
    Objects.requireNonNull(a, "vpnAddress");
    if (!(a instanceof Inet4Address)) {
      throw new IllegalArgumentException("VPN addresses are IPv4: " + a.getHostAddress());
    }
    return IpNetwork.of(a, 32).ipv4Address();
  }

  @Override
  public String toString() {
    Underlay u = underlay;
    return "NebulaNode[" + name() + " " + vpnAddress().getHostAddress()
        + (u != null ? " udp " + u.localAddress() : "") + ", " + state + "]";
  }

  // ------------------------------------------------------------------ builder

  /**
   * Configures a node. Only the config is required; every other piece has a default:
   *
   * <ul>
   *   <li>{@link #device}: none, i.e. {@code tun.disabled} behaviour;
   *   <li>{@link #underlay}: {@link UnderlayFactory#datagramChannel()};
   *   <li>{@link #clock}: {@link NodeClock#system()}; {@link #scheduler}: a single-thread
   *       scheduler owned by the node;
   *   <li>{@link #eventListener}: {@link NodeEventListener#NONE};
   *   <li>{@link #random}: a new {@link SecureRandom};
   *   <li>{@link #pki}: loaded from the config's {@code pki} section.
   * </ul>
   */
  public static final class Builder {
    private final NebulaConfig config;
    private Device device;
    private UnderlayFactory underlayFactory = UnderlayFactory.datagramChannel();
    private NodeClock clock = NodeClock.system();
    private NodeScheduler scheduler;
    private NodeEventListener listener = NodeEventListener.NONE;
    private SecureRandom random;
    private CaPool caPool;
    private HostCredential credential;
    private StaticRemotes.Resolver dns = InetAddress::getAllByName;

    private Builder(NebulaConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /** The device packets go to and come from; the node starts and closes it. */
    public Builder device(Device device) {
      this.device = Objects.requireNonNull(device, "device");
      return this;
    }

    /** How the node binds its UDP socket (for example a {@link dev.nebula4j.udp.MemoryNetwork}). */
    public Builder underlay(UnderlayFactory factory) {
      this.underlayFactory = Objects.requireNonNull(factory, "underlay");
      return this;
    }

    /** The clock (a {@link ManualScheduler} in deterministic tests). */
    public Builder clock(NodeClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The scheduler for timers; the node never shuts an injected scheduler down (see {@link
     * NodeScheduler}).
     */
    public Builder scheduler(NodeScheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** Both clock and scheduler from one {@link ManualScheduler}. */
    public Builder manualTime(ManualScheduler time) {
      return clock(time).scheduler(time);
    }

    /** Receives the node's events; must be fast and should not throw. */
    public Builder eventListener(NodeEventListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The CSPRNG for tunnel indexes and ephemeral keys. */
    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Uses these CAs and this host credential instead of reading the config's {@code pki.ca},
     * {@code pki.cert} and {@code pki.key} (for embedding with in-memory certificates). The
     * config's {@code pki.blocklist} still applies.
     */
    public Builder pki(CaPool caPool, HostCredential credential) {
      this.caPool = Objects.requireNonNull(caPool, "caPool");
      this.credential = Objects.requireNonNull(credential, "credential");
      return this;
    }

    /**
     * Loads the PKI and builds the node (not started).
     *
     * @throws ConfigException if a {@code pki} file is missing or unreadable, a certificate or
     *     key is invalid, expired or mismatched, or a blocklist entry is not a fingerprint
     * @throws IllegalArgumentException if the host certificate has no IPv4 address
     */
    public NebulaNode build() {
      CaPool pool = caPool;
      HostCredential cred = credential;
      if (pool == null) {
        PkiCheck.Result r = PkiCheck.run(config, clock.now());
        for (ConfigProblem p : r.problems()) {
          if (!p.isError()) {
            log.warn("{}", p);
          }
        }
        if (r.hasErrors() || r.caPool().isEmpty() || r.credential().isEmpty()) {
          throw new ConfigException(r.problems());
        }
        pool = r.caPool().get();
        cred = r.credential().get();
      }
      pool = withBlocklist(pool, config.pki().blocklist());
      Certificate cert = cred.certificate();
      if (cert.networks().isEmpty() || !cert.networks().get(0).isIpv4()) {
        throw new IllegalArgumentException("host certificate '" + cert.name()
            + "' must have an IPv4 VPN address first, has " + cert.networks());
      }
      if (device != null && device.addresses().stream()
          .noneMatch(a -> a.address().equals(cert.networks().get(0).address()))) {
        log.warn("device {} has addresses {}, which do not include this node's VPN address {}",
            device.name(), device.addresses(), cert.networks().get(0));
      }
      if (random == null) {
        random = new SecureRandom();
      }
      return new NebulaNode(this, cred, pool);
    }

    private static CaPool withBlocklist(CaPool pool, List<String> hex) {
      if (hex.isEmpty()) {
        return pool;
      }
      Set<Fingerprint> all = new LinkedHashSet<>(pool.blocklist());
      List<ConfigProblem> problems = new ArrayList<>();
      for (int i = 0; i < hex.size(); i++) {
        try {
          all.add(Fingerprint.fromHex(hex.get(i).trim().toLowerCase(java.util.Locale.ROOT)));
        } catch (CertException e) {
          problems.add(new ConfigProblem(ConfigProblem.Severity.ERROR, "pki.blocklist[" + i + "]",
              ConfigProblem.Reason.INVALID_VALUE, hex.get(i), Optional.empty(), e.getMessage()));
        }
      }
      if (!problems.isEmpty()) {
        throw new ConfigException(problems);
      }
      return pool.withBlocklist(all);
    }
  }
}
