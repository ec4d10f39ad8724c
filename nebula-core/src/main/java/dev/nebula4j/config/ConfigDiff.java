package dev.nebula4j.config;

import dev.nebula4j.internal.config.ConfigTree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The differences between two configs, key by key, each marked with whether a running node can
 * apply it on reload (SIGHUP) or needs a restart. Reloadability follows Go nebula 1.11 (spec §9):
 * for example {@code firewall}, {@code pki}, {@code static_host_map}, {@code lighthouse.hosts},
 * {@code punchy}, {@code relay}, {@code logging} and {@code tun.routes/unsafe_routes/mtu} reload;
 * {@code cipher}, {@code listen.host/port}, {@code tun.dev}, {@code lighthouse.am_lighthouse} and
 * {@code handshakes} do not.
 *
 * @param changes every changed key, in config order
 */
public record ConfigDiff(List<Change> changes) {

  public ConfigDiff {
    changes = List.copyOf(changes);
  }

  /**
   * One changed key. Values are shown as YAML text; the private key is never shown.
   *
   * @param key the YAML path, e.g. {@code listen.port} or {@code firewall.inbound}
   * @param reloadable whether a running node applies the change on reload
   * @param oldValue previous value ("" when unset)
   * @param newValue new value ("" when unset)
   */
  public record Change(String key, boolean reloadable, String oldValue, String newValue) {
    public Change {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(oldValue, "oldValue");
      Objects.requireNonNull(newValue, "newValue");
    }

    /** The top-level section, e.g. {@code listen}. */
    public String section() {
      int dot = key.indexOf('.');
      return dot < 0 ? key : key.substring(0, dot);
    }
  }

  /**
   * A changed section.
   *
   * @param section top-level key
   * @param reloadable whether every change in it can be applied on reload
   * @param keys the changed keys
   */
  public record SectionChange(String section, boolean reloadable, List<String> keys) {
    public SectionChange {
      keys = List.copyOf(keys);
    }
  }

  /** Keys (or key prefixes) a running node applies on reload, as Go 1.11 does. */
  private static final Set<String> RELOADABLE =
      Set.of(
          "pki",
          "static_host_map",
          "static_map",
          "lighthouse.serve_dns",
          "lighthouse.dns",
          "lighthouse.interval",
          "lighthouse.hosts",
          "lighthouse.remote_allow_list",
          "lighthouse.remote_allow_ranges",
          "lighthouse.local_allow_list",
          "lighthouse.advertise_addrs",
          "lighthouse.calculated_remotes",
          "listen.read_buffer",
          "listen.write_buffer",
          "listen.send_recv_error",
          "listen.accept_recv_error",
          "listen.so_mark",
          "punchy",
          "preferred_ranges",
          "sshd",
          "relay",
          "tun.mtu",
          "tun.routes",
          "tun.unsafe_routes",
          "logging",
          "stats",
          "tunnels",
          "timers.requery_wait_duration",
          "counters",
          "firewall.conntrack.tcp_timeout",
          "firewall.conntrack.udp_timeout",
          "firewall.conntrack.default_timeout",
          "firewall.inbound_action",
          "firewall.outbound_action",
          "firewall.default_local_cidr_any",
          "firewall.inbound",
          "firewall.outbound");

  /** Keys whose values are data maps or lists: compared whole, not key by key. */
  private static final Set<String> LEAVES =
      Set.of(
          "static_host_map",
          "lighthouse.remote_allow_list",
          "lighthouse.remote_allow_ranges",
          "lighthouse.local_allow_list",
          "lighthouse.calculated_remotes");

  /** Computes the changes from {@code older} to {@code newer}. */
  public static ConfigDiff between(NebulaConfig older, NebulaConfig newer) {
    Map<String, Object> a = new LinkedHashMap<>();
    Map<String, Object> b = new LinkedHashMap<>();
    flatten("", ConfigTree.full(older), a);
    flatten("", ConfigTree.full(newer), b);
    Set<String> keys = new LinkedHashSet<>(a.keySet());
    keys.addAll(b.keySet());
    List<Change> out = new ArrayList<>();
    for (String k : keys) {
      Object x = a.get(k);
      Object y = b.get(k);
      if (!Objects.equals(x, y)) {
        boolean secret = k.equals("pki.key");
        out.add(new Change(k, isReloadable(k),
            secret ? "<redacted>" : text(x), secret ? "<redacted>" : text(y)));
      }
    }
    return new ConfigDiff(out);
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /** Whether some change can only be applied by restarting the node. */
  public boolean requiresRestart() {
    for (Change c : changes) {
      if (!c.reloadable()) {
        return true;
      }
    }
    return false;
  }

  /** The changed sections in config order, each reloadable only if all its changes are. */
  public List<SectionChange> sections() {
    Map<String, List<String>> keys = new LinkedHashMap<>();
    Map<String, Boolean> reload = new LinkedHashMap<>();
    for (Change c : changes) {
      keys.computeIfAbsent(c.section(), s -> new ArrayList<>()).add(c.key());
      reload.merge(c.section(), c.reloadable(), Boolean::logicalAnd);
    }
    List<SectionChange> out = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : keys.entrySet()) {
      out.add(new SectionChange(e.getKey(), reload.get(e.getKey()), e.getValue()));
    }
    return out;
  }

  /** Whether a change of {@code key} can be applied on reload. */
  public static boolean isReloadable(String key) {
    String k = key;
    while (true) {
      if (RELOADABLE.contains(k)) {
        return true;
      }
      int dot = k.lastIndexOf('.');
      if (dot < 0) {
        return false;
      }
      k = k.substring(0, dot);
    }
  }

  @SuppressWarnings("unchecked")
  private static void flatten(String prefix, Map<String, Object> m, Map<String, Object> out) {
    for (Map.Entry<String, Object> e : m.entrySet()) {
      String k = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      if (e.getValue() instanceof Map<?, ?> sub && !LEAVES.contains(k)) {
        flatten(k, (Map<String, Object>) sub, out);
      } else {
        out.put(k, e.getValue());
      }
    }
  }

  private static String text(Object o) {
    return o == null ? "" : o.toString();
  }
}
