package dev.nebula4j.internal.config;

import dev.nebula4j.config.AllowList;
import dev.nebula4j.config.CalculatedRemote;
import dev.nebula4j.config.Cipher;
import dev.nebula4j.config.CountersConfig;
import dev.nebula4j.config.FirewallConfig;
import dev.nebula4j.config.GoDuration;
import dev.nebula4j.config.HandshakesConfig;
import dev.nebula4j.config.HostPort;
import dev.nebula4j.config.LighthouseConfig;
import dev.nebula4j.config.ListenConfig;
import dev.nebula4j.config.LocalAllowList;
import dev.nebula4j.config.LoggingConfig;
import dev.nebula4j.config.NebulaConfig;
import dev.nebula4j.config.PkiConfig;
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
import dev.nebula4j.net.IpNetwork;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a {@link NebulaConfig} back into an ordered YAML tree. In compact mode (for files) the keys
 * every Go release reads are written always, and other keys only when they differ from Go's
 * default, so a file for a 1.6.1 node holds nothing 1.6.1 does not know unless asked for. In full
 * mode (for diffs) every key is written.
 */
public final class ConfigTree {
  private final boolean full;

  private ConfigTree(boolean full) {
    this.full = full;
  }

  public static Map<String, Object> compact(NebulaConfig c) {
    return new ConfigTree(false).root(c);
  }

  public static Map<String, Object> full(NebulaConfig c) {
    return new ConfigTree(true).root(c);
  }

  private Map<String, Object> root(NebulaConfig c) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("pki", pki(c.pki()));
    Map<String, Object> shm = new LinkedHashMap<>();
    for (Map.Entry<InetAddress, List<HostPort>> e : c.staticHostMap().entrySet()) {
      List<Object> l = new ArrayList<>();
      for (HostPort hp : e.getValue()) {
        l.add(hp.toString());
      }
      shm.put(IpNetwork.formatAddress(e.getKey()), l);
    }
    r.put("static_host_map", shm);
    section(r, "static_map", staticMap(c.staticMap()));
    r.put("lighthouse", lighthouse(c.lighthouse()));
    r.put("listen", listen(c.listen()));
    r.put("punchy", punchy(c.punchy()));
    opt(r, "cipher", c.cipher().configName(), Cipher.AES.configName());
    if (full || !c.preferredRanges().isEmpty()) {
      r.put("preferred_ranges", strings(c.preferredRanges()));
    }
    opt(r, "routines", c.routines(), 1);
    section(r, "sshd", sshd(c.sshd()));
    r.put("relay", relay(c.relay()));
    r.put("tun", tun(c.tun()));
    r.put("logging", logging(c.logging()));
    section(r, "stats", stats(c.stats()));
    section(r, "handshakes", handshakes(c.handshakes()));
    section(r, "tunnels", tunnels(c.tunnels()));
    section(r, "timers", timers(c.timers()));
    section(r, "counters", counters(c.counters()));
    r.put("firewall", firewall(c.firewall()));
    return r;
  }

  private void section(Map<String, Object> r, String key, Map<String, Object> m) {
    if (full || !m.isEmpty()) {
      r.put(key, m);
    }
  }

  private void opt(Map<String, Object> m, String key, Object value, Object def) {
    if (full || !Objects.equals(value, def)) {
      m.put(key, value);
    }
  }

  private void optDuration(Map<String, Object> m, String key, Duration value, Duration def) {
    if (full || !value.equals(def)) {
      m.put(key, GoDuration.format(value));
    }
  }

  private static List<Object> strings(List<?> l) {
    List<Object> out = new ArrayList<>();
    for (Object o : l) {
      out.add(o instanceof InetAddress a ? IpNetwork.formatAddress(a) : o.toString());
    }
    return out;
  }

  private Map<String, Object> pki(PkiConfig p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ca", p.ca().configValue());
    m.put("cert", p.cert().configValue());
    m.put("key", p.key().configValue());
    if (full || !p.blocklist().isEmpty()) {
      m.put("blocklist", strings(p.blocklist()));
    }
    m.put("disconnect_invalid", p.disconnectInvalid());
    if (p.initiatingVersion().isPresent()) {
      m.put("initiating_version", p.initiatingVersion().getAsInt());
    } else if (full) {
      m.put("initiating_version", "");
    }
    return m;
  }

  private Map<String, Object> staticMap(StaticMapConfig s) {
    StaticMapConfig d = StaticMapConfig.defaults();
    Map<String, Object> m = new LinkedHashMap<>();
    optDuration(m, "cadence", s.cadence(), d.cadence());
    opt(m, "network", s.network().configName(), d.network().configName());
    optDuration(m, "lookup_timeout", s.lookupTimeout(), d.lookupTimeout());
    return m;
  }

  private Map<String, Object> lighthouse(LighthouseConfig l) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("am_lighthouse", l.amLighthouse());
    opt(m, "serve_dns", l.serveDns(), false);
    if (full || l.serveDns() || !l.dnsHost().isEmpty() || l.dnsPort() != 53) {
      Map<String, Object> dns = new LinkedHashMap<>();
      dns.put("host", l.dnsHost());
      dns.put("port", l.dnsPort());
      m.put("dns", dns);
    }
    m.put("interval", (int) l.interval().getSeconds());
    m.put("hosts", strings(l.hosts()));
    if (l.remoteAllowList().isPresent()) {
      m.put("remote_allow_list", allowList(l.remoteAllowList().get()));
    } else if (full) {
      m.put("remote_allow_list", "");
    }
    if (full || !l.remoteAllowRanges().isEmpty()) {
      Map<String, Object> rr = new LinkedHashMap<>();
      for (Map.Entry<IpNetwork, AllowList> e : l.remoteAllowRanges().entrySet()) {
        rr.put(e.getKey().toString(), allowList(e.getValue()));
      }
      m.put("remote_allow_ranges", rr);
    }
    if (l.localAllowList().isPresent()) {
      LocalAllowList lal = l.localAllowList().get();
      Map<String, Object> lm = allowList(lal.cidrs());
      if (!lal.interfaces().isEmpty()) {
        lm.put("interfaces", new LinkedHashMap<String, Object>(lal.interfaces()));
      }
      m.put("local_allow_list", lm);
    } else if (full) {
      m.put("local_allow_list", "");
    }
    if (full || !l.advertiseAddrs().isEmpty()) {
      m.put("advertise_addrs", strings(l.advertiseAddrs()));
    }
    if (full || !l.calculatedRemotes().isEmpty()) {
      Map<String, Object> cr = new LinkedHashMap<>();
      for (Map.Entry<IpNetwork, List<CalculatedRemote>> e : l.calculatedRemotes().entrySet()) {
        List<Object> items = new ArrayList<>();
        for (CalculatedRemote c : e.getValue()) {
          Map<String, Object> im = new LinkedHashMap<>();
          im.put("mask", c.mask().toString());
          im.put("port", c.port());
          items.add(im);
        }
        cr.put(e.getKey().toString(), items);
      }
      m.put("calculated_remotes", cr);
    }
    return m;
  }

  private static Map<String, Object> allowList(AllowList a) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Map.Entry<IpNetwork, Boolean> e : a.cidrs().entrySet()) {
      m.put(e.getKey().toString(), e.getValue());
    }
    return m;
  }

  private Map<String, Object> listen(ListenConfig l) {
    ListenConfig d = ListenConfig.defaults();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("host", l.host());
    m.put("port", l.port());
    opt(m, "batch", l.batch(), d.batch());
    opt(m, "read_buffer", l.readBuffer(), d.readBuffer());
    opt(m, "write_buffer", l.writeBuffer(), d.writeBuffer());
    opt(m, "send_recv_error", l.sendRecvError().configName(), RecvErrorPolicy.ALWAYS.configName());
    opt(m, "accept_recv_error", l.acceptRecvError().configName(),
        RecvErrorPolicy.ALWAYS.configName());
    opt(m, "so_mark", l.soMark(), d.soMark());
    opt(m, "routines", l.routines(), d.routines());
    return m;
  }

  private Map<String, Object> punchy(PunchyConfig p) {
    PunchyConfig d = PunchyConfig.defaults();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("punch", p.punch());
    opt(m, "respond", p.respond(), d.respond());
    optDuration(m, "delay", p.delay(), d.delay());
    optDuration(m, "respond_delay", p.respondDelay(), d.respondDelay());
    opt(m, "target_all_remotes", p.targetAllRemotes(), d.targetAllRemotes());
    return m;
  }

  private Map<String, Object> sshd(SshdConfig s) {
    SshdConfig d = SshdConfig.defaults();
    Map<String, Object> m = new LinkedHashMap<>();
    opt(m, "enabled", s.enabled(), d.enabled());
    opt(m, "listen", s.listen(), d.listen());
    opt(m, "host_key", s.hostKey(), d.hostKey());
    if (full || !s.authorizedUsers().isEmpty()) {
      List<Object> users = new ArrayList<>();
      for (SshdConfig.AuthorizedUser u : s.authorizedUsers()) {
        Map<String, Object> um = new LinkedHashMap<>();
        um.put("user", u.user());
        um.put("keys", new ArrayList<Object>(u.keys()));
        users.add(um);
      }
      m.put("authorized_users", users);
    }
    if (full || !s.trustedCas().isEmpty()) {
      m.put("trusted_cas", new ArrayList<Object>(s.trustedCas()));
    }
    opt(m, "sandbox_dir", s.sandboxDir(), d.sandboxDir());
    return m;
  }

  private Map<String, Object> relay(RelayConfig r) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (full || !r.relays().isEmpty()) {
      m.put("relays", strings(r.relays()));
    }
    m.put("am_relay", r.amRelay());
    m.put("use_relays", r.useRelays());
    return m;
  }

  private Map<String, Object> tun(TunConfig t) {
    TunConfig d = TunConfig.defaults();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("disabled", t.disabled());
    opt(m, "dev", t.dev(), d.dev());
    m.put("drop_local_broadcast", t.dropLocalBroadcast());
    m.put("drop_multicast", t.dropMulticast());
    m.put("tx_queue", t.txQueue());
    m.put("mtu", t.mtu());
    List<Object> routes = new ArrayList<>();
    for (TunRoute r : t.routes()) {
      Map<String, Object> rm = new LinkedHashMap<>();
      rm.put("mtu", r.mtu());
      rm.put("route", r.route().toString());
      routes.add(rm);
    }
    m.put("routes", routes);
    List<Object> unsafe = new ArrayList<>();
    for (UnsafeRoute r : t.unsafeRoutes()) {
      Map<String, Object> rm = new LinkedHashMap<>();
      rm.put("route", r.route().toString());
      if (r.isSingleGateway()) {
        rm.put("via", IpNetwork.formatAddress(r.via().get(0).address()));
      } else {
        List<Object> gws = new ArrayList<>();
        for (UnsafeRoute.Gateway g : r.via()) {
          Map<String, Object> gm = new LinkedHashMap<>();
          gm.put("gateway", IpNetwork.formatAddress(g.address()));
          gm.put("weight", g.weight());
          gws.add(gm);
        }
        rm.put("via", gws);
      }
      opt(rm, "mtu", r.mtu(), 0);
      opt(rm, "metric", r.metric(), 0);
      opt(rm, "install", r.install(), true);
      unsafe.add(rm);
    }
    m.put("unsafe_routes", unsafe);
    opt(m, "use_system_route_table", t.useSystemRouteTable(), d.useSystemRouteTable());
    opt(m, "use_system_route_table_buffer_size", t.useSystemRouteTableBufferSize(),
        d.useSystemRouteTableBufferSize());
    opt(m, "routines", t.routines(), d.routines());
    return m;
  }

  private Map<String, Object> logging(LoggingConfig l) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("level", l.level().configName());
    m.put("format", l.format().configName());
    opt(m, "disable_timestamp", l.disableTimestamp(), false);
    opt(m, "timestamp_format", l.timestampFormat(), "");
    return m;
  }

  private Map<String, Object> stats(StatsConfig s) {
    StatsConfig d = StatsConfig.defaults();
    Map<String, Object> m = new LinkedHashMap<>();
    opt(m, "type", s.type() == StatsConfig.Type.NONE ? "" : s.type().configName(), "");
    optDuration(m, "interval", s.interval(), d.interval());
    opt(m, "prefix", s.prefix(), d.prefix());
    opt(m, "protocol", s.protocol(), d.protocol());
    opt(m, "host", s.host(), d.host());
    opt(m, "listen", s.listen(), d.listen());
    opt(m, "path", s.path(), d.path());
    opt(m, "namespace", s.namespace(), d.namespace());
    opt(m, "subsystem", s.subsystem(), d.subsystem());
    opt(m, "message_metrics", s.messageMetrics(), d.messageMetrics());
    opt(m, "lighthouse_metrics", s.lighthouseMetrics(), d.lighthouseMetrics());
    return m;
  }

  private Map<String, Object> handshakes(HandshakesConfig h) {
    HandshakesConfig d = HandshakesConfig.defaults();
    Map<String, Object> m = new LinkedHashMap<>();
    optDuration(m, "try_interval", h.tryInterval(), d.tryInterval());
    opt(m, "retries", h.retries(), d.retries());
    opt(m, "trigger_buffer", h.triggerBuffer(), d.triggerBuffer());
    opt(m, "query_buffer", h.queryBuffer(), d.queryBuffer());
    return m;
  }

  private Map<String, Object> tunnels(TunnelsConfig t) {
    TunnelsConfig d = TunnelsConfig.defaults();
    Map<String, Object> m = new LinkedHashMap<>();
    opt(m, "drop_inactive", t.dropInactive(), d.dropInactive());
    optDuration(m, "inactivity_timeout", t.inactivityTimeout(), d.inactivityTimeout());
    return m;
  }

  private Map<String, Object> timers(TimersConfig t) {
    TimersConfig d = TimersConfig.defaults();
    Map<String, Object> m = new LinkedHashMap<>();
    opt(m, "connection_alive_interval", (int) t.connectionAliveInterval().getSeconds(),
        (int) d.connectionAliveInterval().getSeconds());
    opt(m, "pending_deletion_interval", (int) t.pendingDeletionInterval().getSeconds(),
        (int) d.pendingDeletionInterval().getSeconds());
    optDuration(m, "requery_wait_duration", t.requeryWaitDuration(), d.requeryWaitDuration());
    return m;
  }

  private Map<String, Object> counters(CountersConfig c) {
    CountersConfig d = CountersConfig.defaults();
    Map<String, Object> m = new LinkedHashMap<>();
    opt(m, "try_promote", c.tryPromote(), d.tryPromote());
    opt(m, "requery_every_packets", c.requeryEveryPackets(), d.requeryEveryPackets());
    return m;
  }

  private Map<String, Object> firewall(FirewallConfig f) {
    FirewallPolicy p = f.policy();
    Map<String, Object> m = new LinkedHashMap<>();
    Map<String, Object> ct = new LinkedHashMap<>();
    ct.put("tcp_timeout", GoDuration.format(p.tcpTimeout()));
    ct.put("udp_timeout", GoDuration.format(p.udpTimeout()));
    ct.put("default_timeout", GoDuration.format(p.defaultTimeout()));
    if (f.routineCacheTimeout().isPresent()) {
      ct.put("routine_cache_timeout", GoDuration.format(f.routineCacheTimeout().get()));
    } else if (full) {
      ct.put("routine_cache_timeout", "");
    }
    m.put("conntrack", ct);
    opt(m, "inbound_action", p.inboundAction().configName(), FirewallAction.DROP.configName());
    opt(m, "outbound_action", p.outboundAction().configName(), FirewallAction.DROP.configName());
    opt(m, "default_local_cidr_any", p.defaultLocalCidrAny(), false);
    m.put("outbound", rules(p.outbound()));
    m.put("inbound", rules(p.inbound()));
    return m;
  }

  private static List<Object> rules(List<FirewallRule> rules) {
    List<Object> out = new ArrayList<>();
    for (FirewallRule r : rules) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("port", r.port().kind() == dev.nebula4j.firewall.PortSelector.Kind.RANGE
          && r.port().from() == r.port().to()
          ? (Object) Integer.valueOf(r.port().from()) : r.port().toString());
      m.put("proto", r.proto().configName());
      boolean selector = false;
      if (r.host().isPresent()) {
        m.put("host", r.host().get());
        selector = true;
      }
      if (r.groups().size() == 1) {
        m.put("group", r.groups().get(0));
        selector = true;
      } else if (!r.groups().isEmpty()) {
        m.put("groups", new ArrayList<Object>(r.groups()));
        selector = true;
      }
      if (r.cidr().isPresent()) {
        m.put("cidr", r.cidr().get().toString());
        selector = true;
      }
      if (r.localCidr().isPresent()) {
        IpNetwork lc = r.localCidr().get();
        // a /0 local_cidr means any local address (Go 1.7+ spells it "any")
        m.put("local_cidr", lc.prefixLength() == 0 ? "any" : lc.toString());
      }
      if (r.caName().isPresent()) {
        m.put("ca_name", r.caName().get());
        selector = true;
      }
      if (r.caSha().isPresent()) {
        m.put("ca_sha", r.caSha().get());
        selector = true;
      }
      if (!selector) {
        // Go refuses a rule without selector; "any host" is what such a rule means
        m.put("host", "any");
      }
      out.add(m);
    }
    return out;
  }
}
