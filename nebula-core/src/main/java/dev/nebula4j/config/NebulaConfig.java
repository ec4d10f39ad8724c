package dev.nebula4j.config;

import dev.nebula4j.firewall.FirewallPolicy;
import dev.nebula4j.net.IpNetwork;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A whole Go nebula {@code config.yaml}, typed: one immutable record per section with Go's
 * defaults for every key not set. Build one with {@link #builder()}, load one with {@link
 * ConfigLoader}, write one with {@link #toYaml()}, compare two with {@link
 * #diff(NebulaConfig)}. Loading never touches the network or the PKI files; {@link PkiCheck}
 * does the file and certificate checks.
 *
 * @param pki credentials (YAML pki)
 * @param staticHostMap fixed underlay endpoints per VPN address; DNS names are kept
 *     unresolved (YAML static_host_map)
 * @param staticMap DNS re-resolution of static hosts (1.7+) (YAML static_map)
 * @param lighthouse lighthouse role and discovery (YAML lighthouse)
 * @param listen the UDP socket (YAML listen)
 * @param punchy hole punching (YAML punchy)
 * @param cipher data cipher, identical on every node of a network (YAML cipher)
 * @param preferredRanges underlay ranges preferred for tunnels (legacy local_range is merged
 *     in) (YAML preferred_ranges)
 * @param routines reader/writer thread pairs (YAML routines)
 * @param sshd debug SSH server (not run by nebula4j) (YAML sshd)
 * @param relay relays (YAML relay)
 * @param tun the device and routes (YAML tun)
 * @param logging logging (YAML logging)
 * @param stats metrics export (not run by nebula4j) (YAML stats)
 * @param handshakes handshake timing (YAML handshakes)
 * @param tunnels idle tunnel handling (1.9.6+) (YAML tunnels)
 * @param timers connection manager timing (YAML timers)
 * @param counters packet-count triggers (1.8+) (YAML counters)
 * @param firewall firewall rules and conntrack (YAML firewall)
 */
public record NebulaConfig(
    PkiConfig pki,
    Map<InetAddress, List<HostPort>> staticHostMap,
    StaticMapConfig staticMap,
    LighthouseConfig lighthouse,
    ListenConfig listen,
    PunchyConfig punchy,
    Cipher cipher,
    List<IpNetwork> preferredRanges,
    int routines,
    SshdConfig sshd,
    RelayConfig relay,
    TunConfig tun,
    LoggingConfig logging,
    StatsConfig stats,
    HandshakesConfig handshakes,
    TunnelsConfig tunnels,
    TimersConfig timers,
    CountersConfig counters,
    FirewallConfig firewall) {

  public NebulaConfig {
    pki = Checks.req(pki, "pki");
    staticHostMap = Checks.req(Checks.copyOrdered(staticHostMap, "static_host_map"), "static_host_map");
    staticMap = Checks.req(staticMap, "static_map");
    lighthouse = Checks.req(lighthouse, "lighthouse");
    listen = Checks.req(listen, "listen");
    punchy = Checks.req(punchy, "punchy");
    cipher = Checks.req(cipher, "cipher");
    preferredRanges = Checks.req(List.copyOf(preferredRanges), "preferred_ranges");
    routines = Checks.range(routines, 1, 1024, "routines");
    sshd = Checks.req(sshd, "sshd");
    relay = Checks.req(relay, "relay");
    tun = Checks.req(tun, "tun");
    logging = Checks.req(logging, "logging");
    stats = Checks.req(stats, "stats");
    handshakes = Checks.req(handshakes, "handshakes");
    tunnels = Checks.req(tunnels, "tunnels");
    timers = Checks.req(timers, "timers");
    counters = Checks.req(counters, "counters");
    firewall = Checks.req(firewall, "firewall");
  }

  /** A builder starting from Go nebula's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this value. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.pki = pki;
    b.staticHostMap = staticHostMap;
    b.staticMap = staticMap;
    b.lighthouse = lighthouse;
    b.listen = listen;
    b.punchy = punchy;
    b.cipher = cipher;
    b.preferredRanges = preferredRanges;
    b.routines = routines;
    b.sshd = sshd;
    b.relay = relay;
    b.tun = tun;
    b.logging = logging;
    b.stats = stats;
    b.handshakes = handshakes;
    b.tunnels = tunnels;
    b.timers = timers;
    b.counters = counters;
    b.firewall = firewall;
    return b;
  }


  /**
   * Loads a file or a directory of {@code *.yml}/{@code *.yaml} files; see {@link ConfigLoader}.
   * Warnings are logged (SLF4J, logger {@code dev.nebula4j.config}); use {@link ConfigLoader} to
   * get them as data.
   */
  public static NebulaConfig load(Path path) {
    return logged(ConfigLoader.load(path));
  }

  /** Parses YAML text; see {@link ConfigLoader#parse(String)}. Warnings are logged. */
  public static NebulaConfig parse(String yaml) {
    return logged(ConfigLoader.parse(yaml));
  }

  private static NebulaConfig logged(LoadedConfig loaded) {
    org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("dev.nebula4j.config");
    for (ConfigProblem p : loaded.warnings()) {
      log.warn("{}", p);
    }
    return loaded.config();
  }

  /**
   * This config as YAML that Go nebula 1.6.1 and newer accept: keys newer than 1.6.1 are written
   * only when they differ from Go's default; see {@link ConfigWriter}.
   */
  public String toYaml() {
    return ConfigWriter.toYaml(this);
  }

  /** What changed from {@code this} (old) to {@code newer}, key by key, with reloadability. */
  public ConfigDiff diff(NebulaConfig newer) {
    return ConfigDiff.between(this, newer);
  }

  /** Builds a {@link NebulaConfig}; every setter validates its argument. */
  public static final class Builder {
    private PkiConfig pki = null;
    private Map<InetAddress, List<HostPort>> staticHostMap = Map.of();
    private StaticMapConfig staticMap = StaticMapConfig.defaults();
    private LighthouseConfig lighthouse = LighthouseConfig.defaults();
    private ListenConfig listen = ListenConfig.defaults();
    private PunchyConfig punchy = PunchyConfig.defaults();
    private Cipher cipher = Cipher.AES;
    private List<IpNetwork> preferredRanges = List.of();
    private int routines = 1;
    private SshdConfig sshd = SshdConfig.defaults();
    private RelayConfig relay = RelayConfig.defaults();
    private TunConfig tun = TunConfig.defaults();
    private LoggingConfig logging = LoggingConfig.defaults();
    private StatsConfig stats = StatsConfig.defaults();
    private HandshakesConfig handshakes = HandshakesConfig.defaults();
    private TunnelsConfig tunnels = TunnelsConfig.defaults();
    private TimersConfig timers = TimersConfig.defaults();
    private CountersConfig counters = CountersConfig.defaults();
    private FirewallConfig firewall = FirewallConfig.defaults();

    private Builder() {}

    /**
     * Credentials. YAML {@code pki}.
     */
    public Builder pki(PkiConfig pki) {
      this.pki = Checks.req(pki, "pki");
      return this;
    }

    /** Edits the pki section in place, starting from its current value. */
    public Builder pki(Consumer<PkiConfig.Builder> edit) {
      PkiConfig.Builder b = this.pki == null ? PkiConfig.builder() : this.pki.toBuilder();
      edit.accept(b);
      this.pki = b.build();
      return this;
    }

    /**
     * Fixed underlay endpoints per VPN address; DNS names are kept unresolved. YAML {@code
     * static_host_map}.
     */
    public Builder staticHostMap(Map<InetAddress, List<HostPort>> staticHostMap) {
      this.staticHostMap = Checks.req(Checks.copyOrdered(staticHostMap, "static_host_map"), "static_host_map");
      return this;
    }

    /**
     * DNS re-resolution of static hosts (1.7+). YAML {@code static_map}.
     */
    public Builder staticMap(StaticMapConfig staticMap) {
      this.staticMap = Checks.req(staticMap, "static_map");
      return this;
    }

    /** Edits the staticMap section in place, starting from its current value. */
    public Builder staticMap(Consumer<StaticMapConfig.Builder> edit) {
      StaticMapConfig.Builder b = this.staticMap == null ? StaticMapConfig.builder() : this.staticMap.toBuilder();
      edit.accept(b);
      this.staticMap = b.build();
      return this;
    }

    /**
     * Lighthouse role and discovery. YAML {@code lighthouse}.
     */
    public Builder lighthouse(LighthouseConfig lighthouse) {
      this.lighthouse = Checks.req(lighthouse, "lighthouse");
      return this;
    }

    /** Edits the lighthouse section in place, starting from its current value. */
    public Builder lighthouse(Consumer<LighthouseConfig.Builder> edit) {
      LighthouseConfig.Builder b = this.lighthouse == null ? LighthouseConfig.builder() : this.lighthouse.toBuilder();
      edit.accept(b);
      this.lighthouse = b.build();
      return this;
    }

    /**
     * The UDP socket. YAML {@code listen}.
     */
    public Builder listen(ListenConfig listen) {
      this.listen = Checks.req(listen, "listen");
      return this;
    }

    /** Edits the listen section in place, starting from its current value. */
    public Builder listen(Consumer<ListenConfig.Builder> edit) {
      ListenConfig.Builder b = this.listen == null ? ListenConfig.builder() : this.listen.toBuilder();
      edit.accept(b);
      this.listen = b.build();
      return this;
    }

    /**
     * Hole punching. YAML {@code punchy}.
     */
    public Builder punchy(PunchyConfig punchy) {
      this.punchy = Checks.req(punchy, "punchy");
      return this;
    }

    /** Edits the punchy section in place, starting from its current value. */
    public Builder punchy(Consumer<PunchyConfig.Builder> edit) {
      PunchyConfig.Builder b = this.punchy == null ? PunchyConfig.builder() : this.punchy.toBuilder();
      edit.accept(b);
      this.punchy = b.build();
      return this;
    }

    /**
     * Data cipher, identical on every node of a network. YAML {@code cipher}.
     */
    public Builder cipher(Cipher cipher) {
      this.cipher = Checks.req(cipher, "cipher");
      return this;
    }

    /**
     * Underlay ranges preferred for tunnels (legacy local_range is merged in). YAML {@code
     * preferred_ranges}.
     */
    public Builder preferredRanges(List<IpNetwork> preferredRanges) {
      this.preferredRanges = Checks.req(List.copyOf(preferredRanges), "preferred_ranges");
      return this;
    }

    /** Appends one entry to {@code preferred_ranges}. */
    public Builder addPreferredRange(IpNetwork value) {
      List<IpNetwork> l = new ArrayList<>(this.preferredRanges);
      l.add(Objects.requireNonNull(value, "preferred_ranges"));
      return preferredRanges(l);
    }

    /**
     * Reader/writer thread pairs. YAML {@code routines}.
     */
    public Builder routines(int routines) {
      this.routines = Checks.range(routines, 1, 1024, "routines");
      return this;
    }

    /**
     * Debug SSH server (not run by nebula4j). YAML {@code sshd}.
     */
    public Builder sshd(SshdConfig sshd) {
      this.sshd = Checks.req(sshd, "sshd");
      return this;
    }

    /** Edits the sshd section in place, starting from its current value. */
    public Builder sshd(Consumer<SshdConfig.Builder> edit) {
      SshdConfig.Builder b = this.sshd == null ? SshdConfig.builder() : this.sshd.toBuilder();
      edit.accept(b);
      this.sshd = b.build();
      return this;
    }

    /**
     * Relays. YAML {@code relay}.
     */
    public Builder relay(RelayConfig relay) {
      this.relay = Checks.req(relay, "relay");
      return this;
    }

    /** Edits the relay section in place, starting from its current value. */
    public Builder relay(Consumer<RelayConfig.Builder> edit) {
      RelayConfig.Builder b = this.relay == null ? RelayConfig.builder() : this.relay.toBuilder();
      edit.accept(b);
      this.relay = b.build();
      return this;
    }

    /**
     * The device and routes. YAML {@code tun}.
     */
    public Builder tun(TunConfig tun) {
      this.tun = Checks.req(tun, "tun");
      return this;
    }

    /** Edits the tun section in place, starting from its current value. */
    public Builder tun(Consumer<TunConfig.Builder> edit) {
      TunConfig.Builder b = this.tun == null ? TunConfig.builder() : this.tun.toBuilder();
      edit.accept(b);
      this.tun = b.build();
      return this;
    }

    /**
     * Logging. YAML {@code logging}.
     */
    public Builder logging(LoggingConfig logging) {
      this.logging = Checks.req(logging, "logging");
      return this;
    }

    /** Edits the logging section in place, starting from its current value. */
    public Builder logging(Consumer<LoggingConfig.Builder> edit) {
      LoggingConfig.Builder b = this.logging == null ? LoggingConfig.builder() : this.logging.toBuilder();
      edit.accept(b);
      this.logging = b.build();
      return this;
    }

    /**
     * Metrics export (not run by nebula4j). YAML {@code stats}.
     */
    public Builder stats(StatsConfig stats) {
      this.stats = Checks.req(stats, "stats");
      return this;
    }

    /** Edits the stats section in place, starting from its current value. */
    public Builder stats(Consumer<StatsConfig.Builder> edit) {
      StatsConfig.Builder b = this.stats == null ? StatsConfig.builder() : this.stats.toBuilder();
      edit.accept(b);
      this.stats = b.build();
      return this;
    }

    /**
     * Handshake timing. YAML {@code handshakes}.
     */
    public Builder handshakes(HandshakesConfig handshakes) {
      this.handshakes = Checks.req(handshakes, "handshakes");
      return this;
    }

    /** Edits the handshakes section in place, starting from its current value. */
    public Builder handshakes(Consumer<HandshakesConfig.Builder> edit) {
      HandshakesConfig.Builder b = this.handshakes == null ? HandshakesConfig.builder() : this.handshakes.toBuilder();
      edit.accept(b);
      this.handshakes = b.build();
      return this;
    }

    /**
     * Idle tunnel handling (1.9.6+). YAML {@code tunnels}.
     */
    public Builder tunnels(TunnelsConfig tunnels) {
      this.tunnels = Checks.req(tunnels, "tunnels");
      return this;
    }

    /** Edits the tunnels section in place, starting from its current value. */
    public Builder tunnels(Consumer<TunnelsConfig.Builder> edit) {
      TunnelsConfig.Builder b = this.tunnels == null ? TunnelsConfig.builder() : this.tunnels.toBuilder();
      edit.accept(b);
      this.tunnels = b.build();
      return this;
    }

    /**
     * Connection manager timing. YAML {@code timers}.
     */
    public Builder timers(TimersConfig timers) {
      this.timers = Checks.req(timers, "timers");
      return this;
    }

    /** Edits the timers section in place, starting from its current value. */
    public Builder timers(Consumer<TimersConfig.Builder> edit) {
      TimersConfig.Builder b = this.timers == null ? TimersConfig.builder() : this.timers.toBuilder();
      edit.accept(b);
      this.timers = b.build();
      return this;
    }

    /**
     * Packet-count triggers (1.8+). YAML {@code counters}.
     */
    public Builder counters(CountersConfig counters) {
      this.counters = Checks.req(counters, "counters");
      return this;
    }

    /** Edits the counters section in place, starting from its current value. */
    public Builder counters(Consumer<CountersConfig.Builder> edit) {
      CountersConfig.Builder b = this.counters == null ? CountersConfig.builder() : this.counters.toBuilder();
      edit.accept(b);
      this.counters = b.build();
      return this;
    }

    /**
     * Firewall rules and conntrack. YAML {@code firewall}.
     */
    public Builder firewall(FirewallConfig firewall) {
      this.firewall = Checks.req(firewall, "firewall");
      return this;
    }

    /** Edits the firewall section in place, starting from its current value. */
    public Builder firewall(Consumer<FirewallConfig.Builder> edit) {
      FirewallConfig.Builder b = this.firewall == null ? FirewallConfig.builder() : this.firewall.toBuilder();
      edit.accept(b);
      this.firewall = b.build();
      return this;
    }

    /** Adds a static host: {@code static_host_map."vpnIp": ["host:port", ...]}. */
    public Builder staticHost(String vpnIp, String... hostPorts) {
      InetAddress ip = IpNetwork.parseAddress(vpnIp);
      List<HostPort> l = new ArrayList<>();
      for (String hp : hostPorts) {
        l.add(HostPort.parse(hp));
      }
      LinkedHashMap<InetAddress, List<HostPort>> m = new LinkedHashMap<>(staticHostMap);
      m.put(ip, l);
      return staticHostMap(m);
    }

    /** Sets the firewall policy, keeping the other firewall keys. */
    public Builder firewallPolicy(FirewallPolicy policy) {
      return firewall(b -> b.policy(policy));
    }

    public NebulaConfig build() {
      if (pki == null) {
        throw new IllegalStateException("pki is required");
      }
      return new NebulaConfig(pki, staticHostMap, staticMap, lighthouse, listen, punchy, cipher, preferredRanges, routines, sshd, relay, tun, logging, stats, handshakes, tunnels, timers, counters, firewall);
    }
  }
}
