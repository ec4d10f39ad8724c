package dev.nebula4j.interop.harness;

import dev.nebula4j.firewall.FirewallPolicy;
import dev.nebula4j.firewall.FirewallRule;
import dev.nebula4j.firewall.Protocol;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Go nebula {@code config.yaml} for tests, built in code and rendered as YAML. It covers the keys
 * of the users' tutorial setup ({@code lighthouse}, {@code static_host_map}, {@code listen}, {@code
 * punchy}, {@code relay}, {@code tun}, {@code cipher}, {@code logging}, {@code firewall}); anything
 * else goes in {@link Builder#extraYaml(String)}. The {@code pki} section is filled in by {@link
 * GoNebula} with the paths of the files it writes.
 *
 * <p>Firewall rules are nebula4j's own {@link FirewallPolicy}/{@link FirewallRule} values, so a test
 * can give the same policy to a Go node and to a Java node.
 *
 * <pre>{@code
 * GoNebulaConfig lh = GoNebulaConfig.tutorialLighthouse().build();
 * GoNebulaConfig node =
 *     GoNebulaConfig.tutorialNode("10.10.10.1", new InetSocketAddress(lhAddress, 4242))
 *         .tunDisabled(true)
 *         .build();
 * }</pre>
 */
public final class GoNebulaConfig {
  /** The tutorial's UDP port, used by every preset. */
  public static final int TUTORIAL_PORT = 4242;

  private final Builder b;

  private GoNebulaConfig(Builder b) {
    this.b = b.copy();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this config's values. */
  public Builder toBuilder() {
    return b.copy();
  }

  /**
   * The tutorial's {@code lighthouse.yaml}: {@code am_lighthouse: true}, interval 60, listen on
   * {@code 0.0.0.0:4242}, outbound any, inbound ICMP only, default tun.
   */
  public static Builder tutorialLighthouse() {
    return builder()
        .amLighthouse(true)
        .lighthouseInterval(60)
        .listen("0.0.0.0", TUTORIAL_PORT)
        .firewall(tutorialLighthouseFirewall());
  }

  /**
   * The tutorial's {@code node.yaml} with its placeholder filled in: the lighthouse {@code
   * lighthouseOverlayIp} reachable at {@code lighthouseUnderlay}, listen on {@code 0.0.0.0:4242},
   * {@code punchy.punch: true}, relays used but not offered, tun {@code nebula1} with MTU 1300 and
   * tx_queue 500, outbound any, inbound ICMP, TCP 5432 and TCP 8008.
   */
  public static Builder tutorialNode(String lighthouseOverlayIp, InetSocketAddress lighthouseUnderlay) {
    return builder()
        .staticHost(lighthouseOverlayIp, lighthouseUnderlay)
        .lighthouseInterval(60)
        .lighthouseHosts(lighthouseOverlayIp)
        .listen("0.0.0.0", TUTORIAL_PORT)
        .punch(true)
        .amRelay(false)
        .useRelays(true)
        .tunDisabled(false)
        .tunDev("nebula1")
        .dropLocalBroadcast(false)
        .dropMulticast(false)
        .txQueue(500)
        .mtu(1300)
        .firewall(tutorialNodeFirewall());
  }

  /** The tutorial lighthouse's firewall: everything out, ICMP in. */
  public static FirewallPolicy tutorialLighthouseFirewall() {
    return FirewallPolicy.builder()
        .outbound(FirewallRule.anyAny())
        .inbound(FirewallRule.builder().port("any").proto(Protocol.ICMP).host("any").build())
        .build();
  }

  /** The tutorial nodes' firewall: everything out; ICMP, TCP 5432 (PostgreSQL), TCP 8008 in. */
  public static FirewallPolicy tutorialNodeFirewall() {
    return FirewallPolicy.builder()
        .outbound(FirewallRule.anyAny())
        .inbound(FirewallRule.builder().port("any").proto(Protocol.ICMP).host("any").build())
        .inbound(FirewallRule.builder().port(5432).proto(Protocol.TCP).host("any").build())
        .inbound(FirewallRule.builder().port(8008).proto(Protocol.TCP).host("any").build())
        .build();
  }

  public boolean tunDisabled() {
    return b.tunDisabled;
  }

  public int listenPort() {
    return b.listenPort;
  }

  public FirewallPolicy firewall() {
    return b.firewall;
  }

  /**
   * Renders the YAML with a {@code pki} section pointing at {@code pki}'s files. Logging is always
   * {@code format: text} (the harness parses it).
   */
  public String toYaml(HostCredentials.PkiFiles pki) {
    StringBuilder y = new StringBuilder();
    y.append("# written by the nebula4j interop harness\n");
    y.append("pki:\n");
    y.append("  ca: ").append(q(pki.ca().toString())).append('\n');
    y.append("  cert: ").append(q(pki.cert().toString())).append('\n');
    y.append("  key: ").append(q(pki.key().toString())).append('\n');

    y.append("static_host_map:\n");
    for (Map.Entry<String, List<String>> e : b.staticHostMap.entrySet()) {
      y.append("  ").append(q(e.getKey())).append(": ").append(flow(e.getValue())).append('\n');
    }

    y.append("lighthouse:\n");
    y.append("  am_lighthouse: ").append(b.amLighthouse).append('\n');
    y.append("  interval: ").append(b.lighthouseInterval).append('\n');
    y.append("  hosts: ").append(flow(b.lighthouseHosts)).append('\n');

    y.append("listen:\n");
    y.append("  host: ").append(q(b.listenHost)).append('\n');
    y.append("  port: ").append(b.listenPort).append('\n');

    if (b.punch != null || b.punchRespond != null) {
      y.append("punchy:\n");
      if (b.punch != null) {
        y.append("  punch: ").append(b.punch).append('\n');
      }
      if (b.punchRespond != null) {
        y.append("  respond: ").append(b.punchRespond).append('\n');
      }
    }

    if (b.amRelay != null || b.useRelays != null || !b.relays.isEmpty()) {
      y.append("relay:\n");
      if (!b.relays.isEmpty()) {
        y.append("  relays: ").append(flow(b.relays)).append('\n');
      }
      if (b.amRelay != null) {
        y.append("  am_relay: ").append(b.amRelay).append('\n');
      }
      if (b.useRelays != null) {
        y.append("  use_relays: ").append(b.useRelays).append('\n');
      }
    }

    y.append("tun:\n");
    y.append("  disabled: ").append(b.tunDisabled).append('\n');
    if (b.tunDev != null) {
      y.append("  dev: ").append(q(b.tunDev)).append('\n');
    }
    if (b.dropLocalBroadcast != null) {
      y.append("  drop_local_broadcast: ").append(b.dropLocalBroadcast).append('\n');
    }
    if (b.dropMulticast != null) {
      y.append("  drop_multicast: ").append(b.dropMulticast).append('\n');
    }
    if (b.txQueue != null) {
      y.append("  tx_queue: ").append(b.txQueue).append('\n');
    }
    if (b.mtu != null) {
      y.append("  mtu: ").append(b.mtu).append('\n');
    }

    if (b.cipher != null) {
      y.append("cipher: ").append(q(b.cipher)).append('\n');
    }

    y.append("logging:\n");
    y.append("  level: ").append(q(b.logLevel)).append('\n');
    y.append("  format: text\n");

    FirewallPolicy f = b.firewall;
    y.append("firewall:\n");
    y.append("  outbound_action: ").append(f.outboundAction().configName()).append('\n');
    y.append("  inbound_action: ").append(f.inboundAction().configName()).append('\n');
    y.append("  conntrack:\n");
    y.append("    tcp_timeout: ").append(goDuration(f.tcpTimeout())).append('\n');
    y.append("    udp_timeout: ").append(goDuration(f.udpTimeout())).append('\n');
    y.append("    default_timeout: ").append(goDuration(f.defaultTimeout())).append('\n');
    rules(y, "outbound", f.outbound());
    rules(y, "inbound", f.inbound());

    if (!b.extraYaml.isEmpty()) {
      y.append(b.extraYaml);
      if (!b.extraYaml.endsWith("\n")) {
        y.append('\n');
      }
    }
    return y.toString();
  }

  /**
   * Writes this config and {@code credentials} into {@code dir} and runs {@code nebula -test
   * -config}: Go's own validation of config and PKI, without starting anything (no root needed).
   */
  public CommandResult validateWithGo(HostCredentials credentials, Path dir) {
    HostCredentials.PkiFiles pki = credentials.writeTo(dir);
    Path file = dir.resolve("config.yml");
    try {
      Files.writeString(file, toYaml(pki), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new HarnessException("cannot write " + file + ": " + e.getMessage(), e);
    }
    return Commands.run(GoNebula.NEBULA.toString(), "-test", "-config", file.toString());
  }

  private static void rules(StringBuilder y, String key, List<FirewallRule> rules) {
    if (rules.isEmpty()) {
      y.append("  ").append(key).append(": []\n");
      return;
    }
    y.append("  ").append(key).append(":\n");
    for (FirewallRule r : rules) {
      y.append("    - port: ").append(q(r.port().toString())).append('\n');
      y.append("      proto: ").append(r.proto().configName()).append('\n');
      r.host().ifPresent(h -> y.append("      host: ").append(q(h)).append('\n'));
      if (!r.groups().isEmpty()) {
        y.append("      groups: ").append(flow(r.groups())).append('\n');
      }
      r.cidr().ifPresent(c -> y.append("      cidr: ").append(q(c.toString())).append('\n'));
      r.localCidr().ifPresent(c -> y.append("      local_cidr: ").append(q(c.toString())).append('\n'));
      r.caName().ifPresent(c -> y.append("      ca_name: ").append(q(c)).append('\n'));
      r.caSha().ifPresent(c -> y.append("      ca_sha: ").append(q(c)).append('\n'));
    }
  }

  /** Go's duration syntax for whole hours, minutes, seconds or milliseconds. */
  static String goDuration(Duration d) {
    long ms = d.toMillis();
    if (ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }

  private static String flow(List<String> values) {
    List<String> quoted = new ArrayList<>(values.size());
    for (String v : values) {
      quoted.add(q(v));
    }
    return "[" + String.join(", ", quoted) + "]";
  }

  /** A double-quoted YAML scalar. */
  static String q(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\x%02x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** Builder; defaults are Go nebula's code defaults where a key is always written. */
  public static final class Builder {
    private boolean amLighthouse;
    private int lighthouseInterval = 10;
    private List<String> lighthouseHosts = new ArrayList<>();
    private Map<String, List<String>> staticHostMap = new LinkedHashMap<>();
    private String listenHost = "0.0.0.0";
    private int listenPort;
    private Boolean punch;
    private Boolean punchRespond;
    private Boolean amRelay;
    private Boolean useRelays;
    private List<String> relays = new ArrayList<>();
    private boolean tunDisabled;
    private String tunDev;
    private Boolean dropLocalBroadcast;
    private Boolean dropMulticast;
    private Integer txQueue;
    private Integer mtu;
    private String cipher;
    private String logLevel = "info";
    private FirewallPolicy firewall = FirewallPolicy.denyAll();
    private String extraYaml = "";

    private Builder() {}

    private Builder copy() {
      Builder c = new Builder();
      c.amLighthouse = amLighthouse;
      c.lighthouseInterval = lighthouseInterval;
      c.lighthouseHosts = new ArrayList<>(lighthouseHosts);
      c.staticHostMap = new LinkedHashMap<>();
      staticHostMap.forEach((k, v) -> c.staticHostMap.put(k, new ArrayList<>(v)));
      c.listenHost = listenHost;
      c.listenPort = listenPort;
      c.punch = punch;
      c.punchRespond = punchRespond;
      c.amRelay = amRelay;
      c.useRelays = useRelays;
      c.relays = new ArrayList<>(relays);
      c.tunDisabled = tunDisabled;
      c.tunDev = tunDev;
      c.dropLocalBroadcast = dropLocalBroadcast;
      c.dropMulticast = dropMulticast;
      c.txQueue = txQueue;
      c.mtu = mtu;
      c.cipher = cipher;
      c.logLevel = logLevel;
      c.firewall = firewall;
      c.extraYaml = extraYaml;
      return c;
    }

    /** {@code lighthouse.am_lighthouse}. */
    public Builder amLighthouse(boolean value) {
      amLighthouse = value;
      return this;
    }

    /** {@code lighthouse.interval} in seconds (0 disables updates). */
    public Builder lighthouseInterval(int seconds) {
      if (seconds < 0) {
        throw new IllegalArgumentException("lighthouse.interval must be >= 0, was " + seconds);
      }
      lighthouseInterval = seconds;
      return this;
    }

    /** {@code lighthouse.hosts}: overlay addresses of the lighthouses (each needs a static host). */
    public Builder lighthouseHosts(String... overlayIps) {
      lighthouseHosts = new ArrayList<>(List.of(overlayIps));
      return this;
    }

    /** Adds a {@code static_host_map} entry: overlay address to underlay address(es). */
    public Builder staticHost(String overlayIp, InetSocketAddress... underlay) {
      List<String> addrs = new ArrayList<>();
      for (InetSocketAddress a : underlay) {
        addrs.add(a.getAddress().getHostAddress() + ":" + a.getPort());
      }
      staticHostMap.put(Objects.requireNonNull(overlayIp, "overlayIp"), addrs);
      return this;
    }

    /** Removes all {@code static_host_map} entries. */
    public Builder clearStaticHosts() {
      staticHostMap.clear();
      return this;
    }

    /** {@code listen.host} and {@code listen.port} (0 = ephemeral). */
    public Builder listen(String host, int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("listen.port must be 0..65535, was " + port);
      }
      listenHost = Objects.requireNonNull(host, "host");
      listenPort = port;
      return this;
    }

    /** {@code punchy.punch}. */
    public Builder punch(boolean value) {
      punch = value;
      return this;
    }

    /** {@code punchy.respond}. */
    public Builder punchRespond(boolean value) {
      punchRespond = value;
      return this;
    }

    /** {@code relay.am_relay}. */
    public Builder amRelay(boolean value) {
      amRelay = value;
      return this;
    }

    /** {@code relay.use_relays}. */
    public Builder useRelays(boolean value) {
      useRelays = value;
      return this;
    }

    /** {@code relay.relays}: overlay addresses of relays for this host. */
    public Builder relays(String... overlayIps) {
      relays = new ArrayList<>(List.of(overlayIps));
      return this;
    }

    /** {@code tun.disabled}: no device; nebula answers ICMP echo to its overlay address itself. */
    public Builder tunDisabled(boolean value) {
      tunDisabled = value;
      return this;
    }

    /** {@code tun.dev}. Device names are per namespace, so every node may use {@code nebula1}. */
    public Builder tunDev(String name) {
      tunDev = Objects.requireNonNull(name, "name");
      return this;
    }

    /** {@code tun.drop_local_broadcast}. */
    public Builder dropLocalBroadcast(boolean value) {
      dropLocalBroadcast = value;
      return this;
    }

    /** {@code tun.drop_multicast}. */
    public Builder dropMulticast(boolean value) {
      dropMulticast = value;
      return this;
    }

    /** {@code tun.tx_queue}. */
    public Builder txQueue(int value) {
      txQueue = value;
      return this;
    }

    /** {@code tun.mtu}. */
    public Builder mtu(int value) {
      if (value < 500) {
        throw new IllegalArgumentException("tun.mtu must be >= 500, was " + value);
      }
      mtu = value;
      return this;
    }

    /** {@code cipher}: {@code aes} or {@code chachapoly}; must be the same on every node. */
    public Builder cipher(String value) {
      if (!"aes".equals(value) && !"chachapoly".equals(value)) {
        throw new IllegalArgumentException("cipher must be aes or chachapoly, was " + value);
      }
      cipher = value;
      return this;
    }

    /** {@code logging.level}: {@code debug}, {@code info} (default), {@code warning}... */
    public Builder logLevel(String value) {
      logLevel = Objects.requireNonNull(value, "value");
      return this;
    }

    /** The {@code firewall} section. */
    public Builder firewall(FirewallPolicy policy) {
      firewall = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Raw YAML appended at the end, for top-level sections this builder does not model ({@code
     * handshakes}, {@code sshd}, {@code stats}...). It must not repeat a section the builder writes.
     */
    public Builder extraYaml(String yaml) {
      extraYaml = Objects.requireNonNull(yaml, "yaml");
      return this;
    }

    public GoNebulaConfig build() {
      if (amLighthouse && listenPort == 0) {
        throw new IllegalStateException("a lighthouse needs listen.port != 0");
      }
      for (String lh : lighthouseHosts) {
        if (!staticHostMap.containsKey(lh)) {
          throw new IllegalStateException(
              "lighthouse.hosts entry " + lh + " has no static_host_map entry");
        }
      }
      return new GoNebulaConfig(this);
    }
  }
}
