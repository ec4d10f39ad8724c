package dev.nebula4j.internal.config;

import dev.nebula4j.config.AllowList;
import dev.nebula4j.config.CalculatedRemote;
import dev.nebula4j.config.Cipher;
import dev.nebula4j.config.ConfigProblem.Reason;
import dev.nebula4j.config.CountersConfig;
import dev.nebula4j.config.FirewallConfig;
import dev.nebula4j.config.GoDuration;
import dev.nebula4j.config.HandshakesConfig;
import dev.nebula4j.config.HostPort;
import dev.nebula4j.config.LighthouseConfig;
import dev.nebula4j.config.ListenConfig;
import dev.nebula4j.config.LocalAllowList;
import dev.nebula4j.config.LoggingConfig;
import dev.nebula4j.config.LookupNetwork;
import dev.nebula4j.config.NebulaConfig;
import dev.nebula4j.config.PkiConfig;
import dev.nebula4j.config.PkiSource;
import dev.nebula4j.config.PunchyConfig;
import dev.nebula4j.config.RecvErrorPolicy;
import dev.nebula4j.config.RelayConfig;
import dev.nebula4j.config.SshdConfig;
import dev.nebula4j.config.StaticMapConfig;
import dev.nebula4j.config.StatsConfig;
import dev.nebula4j.config.TimersConfig;
import dev.nebula4j.config.TunConfig;
import dev.nebula4j.config.TunRoute;
import dev.nebula4j.config.TunnelsConfig;
import dev.nebula4j.config.UnsafeRoute;
import dev.nebula4j.firewall.FirewallAction;
import dev.nebula4j.firewall.FirewallPolicy;
import dev.nebula4j.firewall.FirewallRule;
import dev.nebula4j.firewall.PortSelector;
import dev.nebula4j.firewall.Protocol;
import dev.nebula4j.internal.config.YamlNode.Entry;
import dev.nebula4j.internal.config.YamlNode.Mapping;
import dev.nebula4j.internal.config.YamlNode.Scalar;
import dev.nebula4j.internal.config.YamlNode.Sequence;
import dev.nebula4j.net.IpNetwork;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Binds a merged YAML tree to {@link NebulaConfig}, section by section, with Go nebula's keys,
 * defaults and coercions, collecting every problem instead of stopping at the first.
 */
public final class ConfigBinder {
  /** Keys that appear in real configs, that Go reads nowhere, and that we therefore ignore. */
  private static final List<String> IGNORED =
      List.of("firewall.conntrack.max_connections", "handshake_mac");

  private final Binder b;

  private ConfigBinder(Problems problems) {
    this.b = new Binder(problems);
  }

  /** Binds {@code root}; returns null when errors were recorded. */
  public static NebulaConfig bind(Mapping root, Problems problems) {
    return new ConfigBinder(problems).bindRoot(root);
  }

  private NebulaConfig bindRoot(Mapping root) {
    NebulaConfig.Builder nb = NebulaConfig.builder();
    PkiConfig pki = pki(root);
    Set<InetAddress> staticKeys = new LinkedHashSet<>();
    Map<InetAddress, List<HostPort>> shm = staticHostMap(root, staticKeys);
    StaticMapConfig staticMap = staticMap(root);
    ListenConfig listen = listen(root);
    LighthouseConfig lighthouse = lighthouse(root, staticKeys, listen);
    PunchyConfig punchy = punchy(root);
    Cipher cipher = cipher(root);
    List<IpNetwork> preferred = preferredRanges(root);
    SshdConfig sshd = sshd(root);
    RelayConfig relay = relay(root);
    TunConfig tun = tun(root);
    int routines = routines(root, tun, listen);
    LoggingConfig logging = logging(root);
    StatsConfig stats = stats(root);
    HandshakesConfig handshakes = handshakes(root);
    TunnelsConfig tunnels = tunnels(root);
    TimersConfig timers = timers(root);
    CountersConfig counters = counters(root);
    FirewallConfig firewall = firewall(root);
    b.warnUnread(root, IGNORED);
    if (b.problems.hasErrors() || pki == null) {
      return null;
    }
    return nb.pki(pki)
        .staticHostMap(shm)
        .staticMap(staticMap)
        .lighthouse(lighthouse)
        .listen(listen)
        .punchy(punchy)
        .cipher(cipher)
        .preferredRanges(preferred)
        .routines(routines)
        .sshd(sshd)
        .relay(relay)
        .tun(tun)
        .logging(logging)
        .stats(stats)
        .handshakes(handshakes)
        .tunnels(tunnels)
        .timers(timers)
        .counters(counters)
        .firewall(firewall)
        .build();
  }

  // ---------------------------------------------------------------- pki

  private PkiConfig pki(Mapping root) {
    Mapping m = b.section(root, "", "pki");
    PkiSource ca = pkiSource(root, m, "ca");
    PkiSource cert = pkiSource(root, m, "cert");
    PkiSource key = pkiSource(root, m, "key");
    List<String> blocklist = new ArrayList<>(b.each(m, "pki", "blocklist", this::fingerprint));
    if (b.isSet(m, "blacklist")) {
      b.warn("pki.blacklist", Reason.DEPRECATED, "blacklist",
          m.entries().get("blacklist").keyLocation(),
          "pki.blacklist is the old name of pki.blocklist (removed after 1.6); use pki.blocklist");
    }
    blocklist.addAll(b.each(m, "pki", "blacklist", this::fingerprint));
    boolean disconnect = b.bool(m, "pki", "disconnect_invalid", true);
    OptionalInt initiating = OptionalInt.empty();
    YamlNode iv = b.get(m, "pki", "initiating_version");
    if (iv != null) {
      Integer v = b.parseInt(iv, "pki.initiating_version", 1, 2);
      if (v != null) {
        initiating = OptionalInt.of(v);
      }
    }
    if (ca == null || cert == null || key == null) {
      return null;
    }
    return PkiConfig.builder()
        .ca(ca)
        .cert(cert)
        .key(key)
        .blocklist(blocklist)
        .disconnectInvalid(disconnect)
        .initiatingVersion(initiating)
        .build();
  }

  private PkiSource pkiSource(Mapping root, Mapping m, String key) {
    String path = "pki." + key;
    YamlNode n = b.get(m, "pki", key);
    String text = n == null ? null : b.scalarText(n, path);
    if (n != null && text == null) {
      return null;
    }
    if (text == null || text.isEmpty()) {
      b.error(path, Reason.MISSING_KEY, "",
          n != null ? n.location() : root.entries().containsKey("pki")
              ? root.entries().get("pki").keyLocation() : root.location(),
          "no " + path + " path or PEM data provided");
      return null;
    }
    PkiSource src = PkiSource.of(text);
    if (src instanceof PkiSource.Inline) {
      String why = PemShape.problem(text);
      if (why != null) {
        // the start of a certificate helps find it; a private key is never shown (as in PkiCheck)
        String shown = key.equals("key") ? "<inline>"
            : text.length() > 80 ? text.substring(0, 80) : text;
        b.error(path, Reason.INVALID_PEM, shown, n.location(),
            path + ": inline PEM is not valid: " + why);
        return null;
      }
    }
    return src;
  }

  private String fingerprint(YamlNode n, String path) {
    String t = b.scalarText(n, path);
    if (t != null && !t.matches("[0-9a-fA-F]{64}")) {
      // Go keeps such an entry and it never matches; the node refuses it (a typo must not leave a
      // host unblocked), so the loader and `nebula -test` say so too
      b.error(path, Reason.INVALID_VALUE, t, n.location(),
          path + ": '" + t + "' is not a 64-digit hex certificate fingerprint");
    }
    return t;
  }

  // ---------------------------------------------------------------- static hosts

  private Map<InetAddress, List<HostPort>> staticHostMap(Mapping root, Set<InetAddress> keys) {
    YamlNode n = b.get(root, "", "static_host_map");
    b.consume("static_host_map");
    Map<InetAddress, List<HostPort>> out = new LinkedHashMap<>();
    if (n == null) {
      return out;
    }
    if (!(n instanceof Mapping m)) {
      b.wrongType("static_host_map", n, "a mapping of VPN address to host:port list");
      return out;
    }
    for (Entry e : m.entries().values()) {
      String path = YamlPath.key("static_host_map", e.key());
      InetAddress vpn;
      try {
        vpn = IpNetwork.parseAddress(e.key());
      } catch (IllegalArgumentException ex) {
        b.error(path, Reason.INVALID_ADDRESS, e.key(), e.keyLocation(),
            "static_host_map key '" + e.key() + "' is not a VPN IP address");
        continue;
      }
      keys.add(vpn);
      List<YamlNode> values;
      boolean single = false;
      if (YamlNode.isNull(e.value())) {
        values = List.of();
      } else if (e.value() instanceof Sequence s) {
        values = s.items();
      } else if (e.value() instanceof Scalar) {
        values = List.of(e.value());
        single = true;
      } else {
        b.wrongType(path, e.value(), "a list of host:port");
        continue;
      }
      List<HostPort> hps = new ArrayList<>();
      for (int i = 0; i < values.size(); i++) {
        String ip = single ? path : YamlPath.index(path, i);
        YamlNode v = values.get(i);
        HostPort hp = b.parse(v, ip, HostPort::parse, Reason.INVALID_ADDRESS,
            (t, why) -> why + "; expected ip:port or dns-name:port");
        if (hp != null) {
          hps.add(hp);
        }
      }
      out.put(vpn, hps);
    }
    return out;
  }

  private StaticMapConfig staticMap(Mapping root) {
    Mapping m = b.section(root, "", "static_map");
    String pp = "static_map";
    StaticMapConfig.Builder sb = StaticMapConfig.builder();
    sb.cadence(positive(m, pp, "cadence", Duration.ofSeconds(30)));
    sb.lookupTimeout(positive(m, pp, "lookup_timeout", Duration.ofMillis(250)));
    b.string(m, pp, "network").ifPresent(s -> {
      try {
        sb.network(LookupNetwork.parse(s));
      } catch (IllegalArgumentException e) {
        invalid(m, pp, "network", s, e.getMessage());
      }
    });
    return sb.build();
  }

  // ---------------------------------------------------------------- lighthouse

  private LighthouseConfig lighthouse(Mapping root, Set<InetAddress> staticKeys, ListenConfig listen) {
    Mapping m = b.section(root, "", "lighthouse");
    String pp = "lighthouse";
    LighthouseConfig.Builder lb = LighthouseConfig.builder();
    boolean am = b.bool(m, pp, "am_lighthouse", false);
    lb.amLighthouse(am);
    boolean dns = b.bool(m, pp, "serve_dns", false);
    lb.serveDns(dns);
    Mapping dm = b.section(m, pp, "dns");
    lb.dnsHost(b.string(dm, "lighthouse.dns", "host", "").trim());
    lb.dnsPort(b.integer(dm, "lighthouse.dns", "port", 53, 0, 65535));
    lb.interval(b.seconds(m, pp, "interval", Duration.ofSeconds(10)));
    List<InetAddress> hosts = b.each(m, pp, "hosts", (n, path) -> {
      InetAddress ip = b.address(n, path);
      if (ip != null && !staticKeys.contains(ip)) {
        b.error(path, Reason.CONFLICT, IpNetwork.formatAddress(ip), n.location(),
            "lighthouse " + IpNetwork.formatAddress(ip) + " does not have a static_host_map entry");
      }
      return ip;
    });
    lb.hosts(hosts);
    if (am && listen.port() == 0) {
      b.error("lighthouse.am_lighthouse", Reason.CONFLICT, "true", loc(m, "am_lighthouse"),
          "lighthouse.am_lighthouse is enabled but listen.port is 0: a lighthouse needs a fixed port");
    }
    if (am && !hosts.isEmpty()) {
      b.warn("lighthouse.hosts", Reason.CONFLICT, "", loc(m, "hosts"),
          "lighthouse.am_lighthouse is enabled but lighthouse.hosts lists upstream lighthouses;"
              + " it should be empty on lighthouses");
    }
    if (dns && !am) {
      b.warn("lighthouse.serve_dns", Reason.CONFLICT, "true", loc(m, "serve_dns"),
          "the DNS server only runs on lighthouses (lighthouse.am_lighthouse is false)");
    }
    YamlNode ral = b.get(m, pp, "remote_allow_list");
    b.consume("lighthouse.remote_allow_list");
    if (ral != null) {
      AllowList al = allowList(ral, "lighthouse.remote_allow_list", null);
      if (al != null) {
        lb.remoteAllowList(Optional.of(al));
      }
    }
    YamlNode rar = b.get(m, pp, "remote_allow_ranges");
    b.consume("lighthouse.remote_allow_ranges");
    if (rar != null) {
      if (rar instanceof Mapping rm) {
        Map<IpNetwork, AllowList> ranges = new LinkedHashMap<>();
        for (Entry e : rm.entries().values()) {
          String path = YamlPath.key("lighthouse.remote_allow_ranges", e.key());
          IpNetwork key = cidrKey(e, path);
          AllowList al = allowList(e.value(), path, null);
          if (key != null && al != null) {
            ranges.put(key, al);
          }
        }
        lb.remoteAllowRanges(ranges);
      } else {
        b.wrongType("lighthouse.remote_allow_ranges", rar, "a mapping of VPN CIDR to allow list");
      }
    }
    YamlNode lal = b.get(m, pp, "local_allow_list");
    b.consume("lighthouse.local_allow_list");
    if (lal != null) {
      Map<String, Boolean> interfaces = new LinkedHashMap<>();
      AllowList al = allowList(lal, "lighthouse.local_allow_list", interfaces);
      if (al != null) {
        try {
          lb.localAllowList(Optional.of(new LocalAllowList(al, interfaces)));
        } catch (IllegalArgumentException e) {
          b.error("lighthouse.local_allow_list.interfaces", Reason.CONFLICT, "", lal.location(),
              "lighthouse.local_allow_list.interfaces: " + e.getMessage());
        }
      }
    }
    lb.advertiseAddrs(b.each(m, pp, "advertise_addrs",
        (n, path) -> b.parse(n, path, HostPort::parse, Reason.INVALID_ADDRESS, (t, why) -> why)));
    YamlNode cr = b.get(m, pp, "calculated_remotes");
    b.consume("lighthouse.calculated_remotes");
    if (cr != null) {
      lb.calculatedRemotes(calculatedRemotes(cr));
    }
    return lb.build();
  }

  private Map<IpNetwork, List<CalculatedRemote>> calculatedRemotes(YamlNode n) {
    String base = "lighthouse.calculated_remotes";
    Map<IpNetwork, List<CalculatedRemote>> out = new LinkedHashMap<>();
    if (!(n instanceof Mapping m)) {
      b.wrongType(base, n, "a mapping of VPN CIDR to a list of {mask, port}");
      return out;
    }
    for (Entry e : m.entries().values()) {
      String path = YamlPath.key(base, e.key());
      IpNetwork key = cidrKey(e, path);
      if (!(e.value() instanceof Sequence s)) {
        b.wrongType(path, e.value(), "a list of {mask, port}");
        continue;
      }
      List<CalculatedRemote> list = new ArrayList<>();
      for (int i = 0; i < s.items().size(); i++) {
        String ip = YamlPath.index(path, i);
        YamlNode item = s.items().get(i);
        if (!(item instanceof Mapping im)) {
          b.wrongType(ip, item, "a mapping with mask and port");
          continue;
        }
        YamlNode mask = b.get(im, ip, "mask");
        YamlNode port = b.get(im, ip, "port");
        if (mask == null || port == null) {
          b.error(ip, Reason.MISSING_KEY, "", item.location(), ip + " needs both mask and port");
          continue;
        }
        IpNetwork mk = b.cidr(mask, YamlPath.key(ip, "mask"));
        Integer p = b.parseInt(port, YamlPath.key(ip, "port"), 0, 65535);
        if (mk != null && p != null) {
          list.add(new CalculatedRemote(mk, p));
        }
      }
      if (key != null) {
        out.put(key, list);
      }
    }
    return out;
  }

  private IpNetwork cidrKey(Entry e, String path) {
    try {
      return IpNetwork.parse(e.key()).masked();
    } catch (IllegalArgumentException ex) {
      b.error(path, Reason.INVALID_CIDR, e.key(), e.keyLocation(),
          path + ": '" + e.key() + "' is not a CIDR");
      return null;
    }
  }

  /**
   * A CIDR → bool allow list; with {@code interfaces} non-null the special {@code interfaces} key
   * is read into it (local_allow_list).
   */
  private AllowList allowList(YamlNode n, String path, Map<String, Boolean> interfaces) {
    if (!(n instanceof Mapping m)) {
      b.wrongType(path, n, "a mapping of CIDR to true/false");
      return null;
    }
    Map<IpNetwork, Boolean> rules = new LinkedHashMap<>();
    boolean ok = true;
    for (Entry e : m.entries().values()) {
      String p = YamlPath.key(path, e.key());
      if (interfaces != null && e.key().equals("interfaces")) {
        if (!(e.value() instanceof Mapping im)) {
          b.wrongType(p, e.value(), "a mapping of interface-name regex to true/false");
          ok = false;
          continue;
        }
        for (Entry ie : im.entries().values()) {
          String ipath = YamlPath.key(p, ie.key());
          Boolean v = b.parseBool(ie.value(), ipath);
          if (v == null) {
            ok = false;
            continue;
          }
          try {
            java.util.regex.Pattern.compile(ie.key());
          } catch (java.util.regex.PatternSyntaxException ex) {
            b.error(ipath, Reason.INVALID_VALUE, ie.key(), ie.keyLocation(),
                ipath + ": invalid regular expression: " + ex.getDescription());
            ok = false;
            continue;
          }
          interfaces.put(ie.key(), v);
        }
        continue;
      }
      IpNetwork cidr = cidrKey(e, p);
      Boolean v = b.parseBool(e.value(), p);
      if (cidr == null || v == null) {
        ok = false;
        continue;
      }
      rules.put(cidr, v);
    }
    if (!ok) {
      return null;
    }
    try {
      return new AllowList(rules);
    } catch (IllegalArgumentException e) {
      b.error(path, Reason.CONFLICT, "", n.location(), path + ": " + e.getMessage());
      return null;
    }
  }

  // ---------------------------------------------------------------- listen, punchy, relay

  private ListenConfig listen(Mapping root) {
    Mapping m = b.section(root, "", "listen");
    String pp = "listen";
    ListenConfig.Builder lb = ListenConfig.builder();
    String host = b.string(m, pp, "host", "0.0.0.0");
    if (host.isEmpty()) {
      b.error("listen.host", Reason.INVALID_ADDRESS, "", loc(m, "host"),
          "listen.host must not be empty (0.0.0.0, [::] or an address)");
    } else {
      lb.host(host);
    }
    lb.port(b.integer(m, pp, "port", 0, 0, 65535));
    lb.batch(b.integer(m, pp, "batch", 64, 1, Integer.MAX_VALUE));
    lb.readBuffer(b.integer(m, pp, "read_buffer", 0, 0, Integer.MAX_VALUE));
    lb.writeBuffer(b.integer(m, pp, "write_buffer", 0, 0, Integer.MAX_VALUE));
    lb.sendRecvError(recvError(m, "send_recv_error"));
    lb.acceptRecvError(recvError(m, "accept_recv_error"));
    lb.soMark(b.integer(m, pp, "so_mark", 0, 0, Integer.MAX_VALUE));
    lb.routines(Math.max(1, b.integer(m, pp, "routines", 1, Integer.MIN_VALUE, 1024)));
    for (String k : List.of("rebind_on_network_change", "windows_bypass_wdf")) {
      if (b.isSet(m, k)) {
        b.bool(m, pp, k, true);
        b.warn("listen." + k, Reason.NOT_IMPLEMENTED, k, loc(m, k),
            "listen." + k + " is a Go 1.11 macOS/Windows setting; nebula4j ignores it");
      }
    }
    return lb.build();
  }

  private RecvErrorPolicy recvError(Mapping m, String key) {
    YamlNode n = b.get(m, "listen", key);
    if (n == null) {
      return RecvErrorPolicy.ALWAYS;
    }
    String path = "listen." + key;
    String t = b.scalarText(n, path);
    if (t == null) {
      return RecvErrorPolicy.ALWAYS;
    }
    RecvErrorPolicy p = byConfigName(RecvErrorPolicy.values(), RecvErrorPolicy::configName, t);
    if (p != null) {
      return p;
    }
    Boolean v = Binder.goBool(t);
    if (v == null) {
      b.error(path, Reason.INVALID_VALUE, t, n.location(),
          path + " must be always, never or private, found '" + t + "'");
      return RecvErrorPolicy.ALWAYS;
    }
    return v ? RecvErrorPolicy.ALWAYS : RecvErrorPolicy.NEVER;
  }

  private PunchyConfig punchy(Mapping root) {
    PunchyConfig.Builder pb = PunchyConfig.builder();
    YamlNode raw = b.get(root, "", "punchy");
    Mapping m = raw instanceof Mapping pm ? pm : null;
    if (raw instanceof Scalar legacy) {
      // legacy: punchy: true
      Boolean v = b.parseBool(raw, "punchy");
      if (v != null) {
        pb.punch(v);
      }
      b.warn("punchy", Reason.DEPRECATED, legacy.text(), raw.location(),
          "punchy: <bool> is the legacy spelling of punchy.punch");
    } else if (raw instanceof Sequence) {
      b.wrongType("punchy", raw, "a mapping of keys");
    }
    String pp = "punchy";
    if (b.isSet(m, "punch")) {
      pb.punch(b.bool(m, pp, "punch", false));
    }
    if (b.isSet(m, "respond")) {
      pb.respond(b.bool(m, pp, "respond", false));
      b.get(root, "", "punch_back");
    } else if (b.isSet(root, "punch_back")) {
      pb.respond(b.bool(root, "", "punch_back", false));
      b.warn("punch_back", Reason.DEPRECATED, "punch_back", loc(root, "punch_back"),
          "punch_back is the legacy spelling of punchy.respond");
    }
    pb.delay(nonNegative(m, pp, "delay", Duration.ofSeconds(1)));
    pb.respondDelay(nonNegative(m, pp, "respond_delay", Duration.ofSeconds(5)));
    pb.targetAllRemotes(b.bool(m, pp, "target_all_remotes", false));
    return pb.build();
  }

  private RelayConfig relay(Mapping root) {
    Mapping m = b.section(root, "", "relay");
    String pp = "relay";
    RelayConfig.Builder rb = RelayConfig.builder();
    boolean am = b.bool(m, pp, "am_relay", false);
    rb.amRelay(am);
    rb.useRelays(b.bool(m, pp, "use_relays", true));
    List<InetAddress> relays = b.each(m, pp, "relays", b::address);
    if (am && !relays.isEmpty()) {
      b.warn("relay.relays", Reason.CONFLICT, "", loc(m, "relays"),
          "relay.relays is ignored because relay.am_relay is true");
    }
    rb.relays(relays);
    return rb.build();
  }

  private Cipher cipher(Mapping root) {
    Optional<String> s = b.string(root, "", "cipher");
    if (s.isEmpty()) {
      return Cipher.AES;
    }
    try {
      return Cipher.parse(s.get());
    } catch (IllegalArgumentException e) {
      invalid(root, "", "cipher", s.get(), e.getMessage());
      return Cipher.AES;
    }
  }

  private List<IpNetwork> preferredRanges(Mapping root) {
    List<IpNetwork> out = new ArrayList<>(b.each(root, "", "preferred_ranges", b::cidr));
    YamlNode lr = b.get(root, "", "local_range");
    if (lr != null) {
      b.warn("local_range", Reason.DEPRECATED, "", lr.location(),
          "local_range is the legacy spelling of preferred_ranges (removed in Go 1.9)");
      IpNetwork n = b.cidr(lr, "local_range");
      if (n != null && !out.contains(n)) {
        out.add(n);
      }
    }
    return out;
  }

  private int routines(Mapping root, TunConfig tun, ListenConfig listen) {
    int r = b.integer(root, "", "routines", 0, Integer.MIN_VALUE, 1024);
    if (r != 0) {
      return Math.max(1, r);
    }
    return Math.max(tun.routines(), listen.routines());
  }

  // ---------------------------------------------------------------- tun

  private TunConfig tun(Mapping root) {
    Mapping m = b.section(root, "", "tun");
    String pp = "tun";
    TunConfig.Builder tb = TunConfig.builder();
    tb.disabled(b.bool(m, pp, "disabled", false));
    tb.dev(b.string(m, pp, "dev", ""));
    tb.dropLocalBroadcast(b.bool(m, pp, "drop_local_broadcast", false));
    tb.dropMulticast(b.bool(m, pp, "drop_multicast", false));
    tb.txQueue(b.integer(m, pp, "tx_queue", 500, 0, Integer.MAX_VALUE));
    tb.mtu(b.integer(m, pp, "mtu", 1300, 500, 65535));
    tb.useSystemRouteTable(b.bool(m, pp, "use_system_route_table", false));
    tb.useSystemRouteTableBufferSize(
        b.integer(m, pp, "use_system_route_table_buffer_size", 0, 0, Integer.MAX_VALUE));
    tb.routines(Math.max(1, b.integer(m, pp, "routines", 1, Integer.MIN_VALUE, 1024)));
    tb.routes(b.eachMapping(m, pp, "routes", "a mapping with route and mtu", this::route));
    tb.unsafeRoutes(
        b.eachMapping(m, pp, "unsafe_routes", "a mapping with route and via", this::unsafeRoute));
    for (String k : List.of("network_category", "windows_bypass_wdf")) {
      if (b.isSet(m, k)) {
        b.get(m, pp, k);
        b.warn("tun." + k, Reason.NOT_IMPLEMENTED, k, loc(m, k),
            "tun." + k + " is a Go 1.11 Windows setting; nebula4j ignores it");
      }
    }
    return tb.build();
  }

  private TunRoute route(Mapping m, String path) {
    Integer mtu = required(m, path, "mtu") ? mtu(m, path, false) : null;
    IpNetwork route = required(m, path, "route") ? b.cidr(m, path, "route") : null;
    unknownKeys(m, path, Set.of("mtu", "route"));
    return mtu != null && route != null ? new TunRoute(route, mtu) : null;
  }

  private UnsafeRoute unsafeRoute(Mapping m, String path) {
    Integer mtu = b.isSet(m, "mtu") ? mtu(m, path, true) : Integer.valueOf(0);
    Integer metric = 0;
    YamlNode mn = b.get(m, path, "metric");
    if (mn != null) {
      metric = b.parseInt(mn, YamlPath.key(path, "metric"), 0, Integer.MAX_VALUE);
    }
    boolean install = b.bool(m, path, "install", true);
    List<UnsafeRoute.Gateway> via =
        required(m, path, "via") ? via(b.get(m, path, "via"), YamlPath.key(path, "via")) : null;
    IpNetwork route = required(m, path, "route") ? b.cidr(m, path, "route") : null;
    unknownKeys(m, path, Set.of("mtu", "metric", "install", "via", "route"));
    if (mtu != null && metric != null && via != null && !via.isEmpty() && route != null) {
      return new UnsafeRoute(route, via, mtu, metric, install);
    }
    return null;
  }

  private List<UnsafeRoute.Gateway> via(YamlNode n, String path) {
    if (n instanceof Scalar) {
      InetAddress ip = b.address(n, path);
      return ip == null ? null : List.of(new UnsafeRoute.Gateway(ip, 1));
    }
    if (!(n instanceof Sequence s)) {
      b.wrongType(path, n, "a gateway address or a list of {gateway, weight}");
      return null;
    }
    List<UnsafeRoute.Gateway> out = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < s.items().size(); i++) {
      String ip = YamlPath.index(path, i);
      YamlNode item = s.items().get(i);
      if (!(item instanceof Mapping gm)) {
        b.wrongType(ip, item, "a mapping with gateway and weight");
        ok = false;
        continue;
      }
      if (!required(gm, ip, "gateway")) {
        ok = false;
        continue;
      }
      InetAddress gw = b.address(b.get(gm, ip, "gateway"), YamlPath.key(ip, "gateway"));
      int weight = b.integer(gm, ip, "weight", 1, 1, Integer.MAX_VALUE);
      unknownKeys(gm, ip, Set.of("gateway", "weight"));
      if (gw == null) {
        ok = false;
        continue;
      }
      out.add(new UnsafeRoute.Gateway(gw, weight));
    }
    if (out.isEmpty() && ok) {
      b.error(path, Reason.MISSING_KEY, "", n.location(), path + " lists no gateway");
    }
    return ok ? out : null;
  }

  private Integer mtu(Mapping m, String path, boolean zeroOk) {
    YamlNode n = b.get(m, path, "mtu");
    String p = YamlPath.key(path, "mtu");
    Integer v = b.parseInt(n, p, Integer.MIN_VALUE, Integer.MAX_VALUE);
    if (v == null) {
      return null;
    }
    if (zeroOk && v == 0) {
      return 0;
    }
    if (v < 500 || v > 65535) {
      b.error(p, Reason.OUT_OF_RANGE, String.valueOf(v), n.location(),
          p + " must be between 500 and 65535" + (zeroOk ? " (or 0 for tun.mtu)" : "")
              + ", found " + v);
      return null;
    }
    return v;
  }

  // ---------------------------------------------------------------- logging, stats, sshd

  private LoggingConfig logging(Mapping root) {
    Mapping m = b.section(root, "", "logging");
    String pp = "logging";
    LoggingConfig.Builder lb = LoggingConfig.builder();
    b.string(m, pp, "level").ifPresent(s -> {
      String v = s.toLowerCase(Locale.ROOT);
      LoggingConfig.Level level = v.equals("warn") ? LoggingConfig.Level.WARNING
          : byConfigName(LoggingConfig.Level.values(), LoggingConfig.Level::configName, v);
      if (level == null) {
        invalid(m, pp, "level", s,
            "unknown log level '" + s + "' (panic, fatal, error, warning, info, debug, trace)");
      } else {
        lb.level(level);
      }
    });
    b.string(m, pp, "format").ifPresent(s -> {
      LoggingConfig.Format format = byConfigName(LoggingConfig.Format.values(),
          LoggingConfig.Format::configName, s.toLowerCase(Locale.ROOT));
      if (format == null) {
        invalid(m, pp, "format", s, "unknown log format '" + s + "' (text or json)");
      } else {
        lb.format(format);
      }
    });
    lb.disableTimestamp(b.bool(m, pp, "disable_timestamp", false));
    lb.timestampFormat(b.string(m, pp, "timestamp_format", ""));
    return lb.build();
  }

  private StatsConfig stats(Mapping root) {
    Mapping m = b.section(root, "", "stats");
    String pp = "stats";
    StatsConfig.Builder sb = StatsConfig.builder();
    String type = b.string(m, pp, "type", "");
    StatsConfig.Type t = type.isEmpty() ? StatsConfig.Type.NONE
        : byConfigName(StatsConfig.Type.values(), StatsConfig.Type::configName, type);
    if (t == null) {
      invalid(m, pp, "type", type, "stats.type was not understood: '" + type
          + "' (graphite, prometheus or none)");
      t = StatsConfig.Type.NONE;
    }
    sb.type(t);
    Duration interval = nonNegative(m, pp, "interval", Duration.ZERO);
    sb.interval(interval);
    sb.prefix(b.string(m, pp, "prefix", "nebula"));
    sb.protocol(b.string(m, pp, "protocol", "tcp"));
    sb.host(b.string(m, pp, "host", ""));
    sb.listen(b.string(m, pp, "listen", ""));
    sb.path(b.string(m, pp, "path", ""));
    sb.namespace(b.string(m, pp, "namespace", ""));
    sb.subsystem(b.string(m, pp, "subsystem", ""));
    sb.messageMetrics(b.bool(m, pp, "message_metrics", false));
    sb.lighthouseMetrics(b.bool(m, pp, "lighthouse_metrics", false));
    StatsConfig s = sb.build();
    if (t != StatsConfig.Type.NONE) {
      if (interval.isZero()) {
        b.error("stats.interval", Reason.MISSING_KEY, "", loc(m, "type"),
            "stats.interval must be set (e.g. 10s) when stats.type is " + type);
      }
      if (t == StatsConfig.Type.GRAPHITE && s.host().isEmpty()) {
        b.error("stats.host", Reason.MISSING_KEY, "", loc(m, "type"),
            "stats.host can not be empty for graphite");
      }
      if (t == StatsConfig.Type.PROMETHEUS && s.listen().isEmpty()) {
        b.error("stats.listen", Reason.MISSING_KEY, "", loc(m, "type"),
            "stats.listen should not be empty for prometheus");
      }
      if (t == StatsConfig.Type.PROMETHEUS && s.path().isEmpty()) {
        b.error("stats.path", Reason.MISSING_KEY, "", loc(m, "type"),
            "stats.path should not be empty for prometheus");
      }
      b.warn("stats.type", Reason.NOT_IMPLEMENTED, type, loc(m, "type"),
          "stats." + type + " export is not implemented by nebula4j; kept for Go nodes");
    }
    return s;
  }

  private SshdConfig sshd(Mapping root) {
    Mapping m = b.section(root, "", "sshd");
    String pp = "sshd";
    SshdConfig.Builder sb = SshdConfig.builder();
    boolean enabled = b.bool(m, pp, "enabled", false);
    sb.enabled(enabled);
    String listen = b.string(m, pp, "listen", "");
    sb.listen(listen);
    sb.hostKey(b.string(m, pp, "host_key", ""));
    sb.sandboxDir(b.string(m, pp, "sandbox_dir", ""));
    sb.trustedCas(b.each(m, pp, "trusted_cas", b::scalarText));
    sb.authorizedUsers(b.eachMapping(m, pp, "authorized_users", "a mapping with user and keys",
        (um, path) -> {
          String user = b.string(um, path, "user", "");
          List<String> keys = new ArrayList<>();
          for (YamlNode k : b.list(um, path, "keys", true)) {
            String t = b.scalarText(k, YamlPath.key(path, "keys"));
            if (t != null) {
              keys.add(t);
            }
          }
          unknownKeys(um, path, Set.of("user", "keys"));
          return new SshdConfig.AuthorizedUser(user, keys);
        }));
    if (enabled) {
      if (listen.isEmpty()) {
        b.error("sshd.listen", Reason.MISSING_KEY, "", loc(m, "enabled"),
            "sshd.listen must be provided when sshd.enabled is true");
      } else if (listen.endsWith(":22")) {
        b.error("sshd.listen", Reason.INVALID_VALUE, listen, loc(m, "listen"),
            "sshd.listen can not use port 22");
      }
      b.warn("sshd.enabled", Reason.NOT_IMPLEMENTED, "true", loc(m, "enabled"),
          "the sshd debug server is not implemented by nebula4j; kept for Go nodes");
    }
    return sb.build();
  }

  // ---------------------------------------------------------------- timing sections

  private HandshakesConfig handshakes(Mapping root) {
    Mapping m = b.section(root, "", "handshakes");
    String pp = "handshakes";
    HandshakesConfig.Builder hb = HandshakesConfig.builder();
    hb.tryInterval(positive(m, pp, "try_interval", Duration.ofMillis(100)));
    hb.retries(b.integer(m, pp, "retries", 10, 0, Integer.MAX_VALUE));
    hb.triggerBuffer(b.integer(m, pp, "trigger_buffer", 64, 0, Integer.MAX_VALUE));
    hb.queryBuffer(b.integer(m, pp, "query_buffer", 64, 0, Integer.MAX_VALUE));
    return hb.build();
  }

  private TunnelsConfig tunnels(Mapping root) {
    Mapping m = b.section(root, "", "tunnels");
    String pp = "tunnels";
    TunnelsConfig.Builder tb = TunnelsConfig.builder();
    tb.dropInactive(b.bool(m, pp, "drop_inactive", false));
    tb.inactivityTimeout(positive(m, pp, "inactivity_timeout", Duration.ofMinutes(10)));
    return tb.build();
  }

  private TimersConfig timers(Mapping root) {
    Mapping m = b.section(root, "", "timers");
    String pp = "timers";
    return TimersConfig.builder()
        .connectionAliveInterval(b.seconds(m, pp, "connection_alive_interval", Duration.ofSeconds(5)))
        .pendingDeletionInterval(b.seconds(m, pp, "pending_deletion_interval", Duration.ofSeconds(10)))
        .requeryWaitDuration(nonNegative(m, pp, "requery_wait_duration", Duration.ofSeconds(60)))
        .build();
  }

  private CountersConfig counters(Mapping root) {
    Mapping m = b.section(root, "", "counters");
    String pp = "counters";
    return CountersConfig.builder()
        .tryPromote(b.integer(m, pp, "try_promote", 1000, 1, Integer.MAX_VALUE))
        .requeryEveryPackets(b.integer(m, pp, "requery_every_packets", 5000, 1, Integer.MAX_VALUE))
        .build();
  }

  // ---------------------------------------------------------------- firewall

  private FirewallConfig firewall(Mapping root) {
    Mapping m = b.section(root, "", "firewall");
    String pp = "firewall";
    Mapping ct = b.section(m, pp, "conntrack");
    String cp = "firewall.conntrack";
    FirewallPolicy.Builder pb = FirewallPolicy.builder();
    pb.tcpTimeout(positive(ct, cp, "tcp_timeout", FirewallPolicy.DEFAULT_TCP_TIMEOUT));
    pb.udpTimeout(positive(ct, cp, "udp_timeout", FirewallPolicy.DEFAULT_UDP_TIMEOUT));
    pb.defaultTimeout(positive(ct, cp, "default_timeout", FirewallPolicy.DEFAULT_TIMEOUT));
    Optional<Duration> rct = Optional.empty();
    if (b.isSet(ct, "routine_cache_timeout")) {
      rct = Optional.of(nonNegative(ct, cp, "routine_cache_timeout", Duration.ZERO));
    }
    pb.inboundAction(action(m, "inbound_action"));
    pb.outboundAction(action(m, "outbound_action"));
    pb.defaultLocalCidrAny(b.bool(m, pp, "default_local_cidr_any", false));
    b.eachMapping(m, pp, "inbound", RULE, this::rule).forEach(pb::inbound);
    b.eachMapping(m, pp, "outbound", RULE, this::rule).forEach(pb::outbound);
    return FirewallConfig.builder()
        .policy(pb.build())
        .routineCacheTimeout(rct)
        .build();
  }

  private FirewallAction action(Mapping m, String key) {
    Optional<String> s = b.string(m, "firewall", key);
    if (s.isEmpty()) {
      return FirewallAction.DROP;
    }
    try {
      return FirewallAction.parse(s.get());
    } catch (IllegalArgumentException e) {
      invalid(m, "firewall", key, s.get(), "firewall." + key + " must be drop or reject, found '"
          + s.get() + "'");
      return FirewallAction.DROP;
    }
  }

  private static final Set<String> RULE_KEYS =
      Set.of("port", "code", "proto", "host", "group", "groups", "cidr", "local_cidr", "ca_name",
          "ca_sha");

  private static final String RULE = "a rule mapping (port, proto, host/group/groups/cidr/...)";

  private FirewallRule rule(Mapping m, String path) {
    boolean ok = true;
    unknownKeys(m, path, RULE_KEYS);
    FirewallRule.Builder rb = FirewallRule.builder();
    // proto
    Protocol proto = null;
    YamlNode pn = b.get(m, path, "proto");
    if (pn == null) {
      b.error(YamlPath.key(path, "proto"), Reason.MISSING_KEY, "", m.location(),
          path + " needs a proto (any, tcp, udp or icmp)");
      ok = false;
    } else {
      proto = b.parse(pn, YamlPath.key(path, "proto"), Protocol::parse, Reason.INVALID_PROTOCOL,
          (t, why) -> "proto was not understood: '" + t + "' (any, tcp, udp or icmp)");
      if (proto == null) {
        ok = false;
      } else {
        rb.proto(proto);
      }
    }
    // port / code
    YamlNode port = b.get(m, path, "port");
    YamlNode code = b.get(m, path, "code");
    String portKey = "port";
    if (port != null && code != null) {
      b.error(YamlPath.key(path, "code"), Reason.CONFLICT, "", code.location(),
          path + ": only one of port or code should be provided");
      ok = false;
    } else if (code != null) {
      port = code;
      portKey = "code";
      b.warn(YamlPath.key(path, "code"), Reason.DEPRECATED, "", code.location(),
          path + ": code has never worked in Go nebula; it is read as port");
    }
    if (port == null) {
      if (proto == Protocol.ICMP) {
        rb.port(PortSelector.ANY);
      } else if (proto != null) {
        b.error(YamlPath.key(path, "port"), Reason.MISSING_KEY, "", m.location(),
            path + " needs a port (any, fragment, N or N-M)");
        ok = false;
      }
    } else {
      String pp = YamlPath.key(path, portKey);
      String t = b.scalarText(port, pp);
      PortSelector ps = t == null ? null : parsePort(t, pp, port);
      if (ps == null) {
        ok = false;
      } else {
        rb.port(ps);
      }
    }
    // selectors
    String host = b.string(m, path, "host", "");
    if (!host.isEmpty()) {
      rb.host(host);
    }
    List<String> groups = new ArrayList<>();
    YamlNode g = b.get(m, path, "group");
    YamlNode gs = b.get(m, path, "groups");
    if (g != null) {
      String gp = YamlPath.key(path, "group");
      if (g instanceof Sequence seq) {
        if (seq.items().size() > 1) {
          b.error(gp, Reason.WRONG_TYPE, "", g.location(),
              gp + " should contain a single value, a list with more than one entry was provided"
                  + " (use groups)");
          ok = false;
        } else if (seq.items().size() == 1) {
          b.warn(gp, Reason.WRONG_TYPE, "", g.location(),
              gp + " was a list with a single value, converting to a simple value");
          addGroup(groups, seq.items().get(0), YamlPath.index(gp, 0));
        }
      } else {
        addGroup(groups, g, gp);
      }
    }
    if (gs != null) {
      String gsp = YamlPath.key(path, "groups");
      if (!groups.isEmpty()) {
        b.error(gsp, Reason.CONFLICT, "", gs.location(),
            path + ": only one of group or groups should be defined, both provided");
        ok = false;
      } else if (gs instanceof Sequence seq) {
        for (int i = 0; i < seq.items().size(); i++) {
          addGroup(groups, seq.items().get(i), YamlPath.index(gsp, i));
        }
      } else {
        addGroup(groups, gs, gsp);
      }
    }
    rb.groups(groups);
    String cidr = b.string(m, path, "cidr", "");
    ok &= cidrSelector(m, path, "cidr", cidr, rb::cidr);
    String localCidr = b.string(m, path, "local_cidr", "");
    ok &= cidrSelector(m, path, "local_cidr", localCidr, rb::localCidr);
    String caName = b.string(m, path, "ca_name", "");
    if (!caName.isEmpty()) {
      rb.caName(caName);
    }
    String caSha = b.string(m, path, "ca_sha", "");
    if (!caSha.isEmpty()) {
      rb.caSha(caSha);
    }
    if (host.isEmpty() && groups.isEmpty() && cidr.isEmpty() && localCidr.isEmpty()
        && caName.isEmpty() && caSha.isEmpty()) {
      b.error(path, Reason.MISSING_KEY, "", m.location(),
          path + ": at least one of host, group, groups, cidr, local_cidr, ca_name or ca_sha"
              + " must be provided");
      ok = false;
    }
    return ok ? rb.build() : null;
  }

  /**
   * A rule's {@code cidr} or {@code local_cidr} ({@code text}, "" when unset) into {@code set}:
   * {@code any} (Go 1.10+: every peer, every local address) is FirewallRule's /0 prefix. False when
   * the CIDR is invalid (reported).
   */
  private boolean cidrSelector(Mapping m, String path, String key, String text,
      Consumer<IpNetwork> set) {
    if (text.equals("any")) {
      set.accept(IpNetwork.ofIpv4(0, 0));
    } else if (!text.isEmpty()) {
      IpNetwork n = b.cidr(m, path, key);
      if (n == null) {
        return false;
      }
      set.accept(n);
    }
    return true;
  }

  /** Adds the group named by scalar {@code n}, if it is a non-empty one. */
  private void addGroup(List<String> groups, YamlNode n, String path) {
    String t = b.scalarText(n, path);
    if (t != null && !t.isEmpty()) {
      groups.add(t);
    }
  }

  /** The rule's port through {@link PortSelector#parse} (Go 1.11's parsePort); null if refused. */
  private PortSelector parsePort(String s, String path, YamlNode n) {
    try {
      return PortSelector.parse(s);
    } catch (IllegalArgumentException e) {
      b.error(path, Reason.INVALID_PORT, s, n.location(), path + ": " + e.getMessage());
      return null;
    }
  }

  // ---------------------------------------------------------------- helpers

  private boolean required(Mapping m, String path, String key) {
    if (b.isSet(m, key)) {
      return true;
    }
    b.get(m, path, key);
    b.error(YamlPath.key(path, key), Reason.MISSING_KEY, "", m.location(),
        YamlPath.key(path, key) + " is required");
    return false;
  }

  private void unknownKeys(Mapping m, String path, Set<String> known) {
    for (Entry e : m.entries().values()) {
      if (!known.contains(e.key())) {
        String p = YamlPath.key(path, e.key());
        b.warn(p, Reason.UNKNOWN_KEY, e.key(), e.keyLocation(),
            p + " is not a known key here; it is ignored (as Go nebula does)");
      }
    }
  }

  /** The duration at {@code key}; a negative one is an OUT_OF_RANGE error and gives {@code def}. */
  private Duration nonNegative(Mapping m, String pp, String key, Duration def) {
    Duration d = b.duration(m, pp, key, def);
    if (d.isNegative()) {
      b.error(YamlPath.key(pp, key), Reason.OUT_OF_RANGE, GoDuration.format(d), loc(m, key),
          YamlPath.key(pp, key) + " must not be negative");
      return def;
    }
    return d;
  }

  /** The duration at {@code key}; zero or negative is an OUT_OF_RANGE error and gives {@code def}. */
  private Duration positive(Mapping m, String pp, String key, Duration def) {
    Duration d = b.duration(m, pp, key, def);
    if (d.isNegative() || d.isZero()) {
      b.error(YamlPath.key(pp, key), Reason.OUT_OF_RANGE, GoDuration.format(d), loc(m, key),
          YamlPath.key(pp, key) + " must be positive");
      return def;
    }
    return d;
  }

  /** The constant whose config spelling is {@code text}; null if none. */
  private static <E> E byConfigName(E[] values, Function<E, String> configName, String text) {
    for (E e : values) {
      if (configName.apply(e).equals(text)) {
        return e;
      }
    }
    return null;
  }

  private void invalid(Mapping m, String pp, String key, String value, String message) {
    b.error(YamlPath.key(pp, key), Reason.INVALID_VALUE, value, loc(m, key), message);
  }

  private static dev.nebula4j.config.ConfigLocation loc(Mapping m, String key) {
    if (m == null) {
      return null;
    }
    Entry e = m.entries().get(key);
    return e == null ? m.location() : e.value().location();
  }
}
