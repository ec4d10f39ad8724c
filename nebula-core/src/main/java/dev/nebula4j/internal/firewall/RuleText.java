package dev.nebula4j.internal.firewall;

import dev.nebula4j.firewall.FirewallRule;

/**
 * Renders a rule in config notation for logs, {@code explain} and the rule-set hash, e.g. {@code
 * {port: 5432, proto: tcp, host: any}} or {@code {port: any, proto: any, groups: [db, prod],
 * local_cidr: 192.168.1.0/24}}.
 */
final class RuleText {
  private RuleText() {}

  static String render(FirewallRule r) {
    StringBuilder sb = new StringBuilder("{port: ").append(r.port());
    sb.append(", proto: ").append(r.proto().configName());
    r.host().ifPresent(h -> sb.append(", host: ").append(h));
    if (r.groups().size() == 1) {
      sb.append(", group: ").append(r.groups().get(0));
    } else if (!r.groups().isEmpty()) {
      sb.append(", groups: [").append(String.join(", ", r.groups())).append(']');
    }
    r.cidr().ifPresent(c -> sb.append(", cidr: ").append(c.prefixLength() == 0 ? "any" : c));
    r.localCidr()
        .ifPresent(c -> sb.append(", local_cidr: ").append(c.prefixLength() == 0 ? "any" : c));
    r.caName().ifPresent(n -> sb.append(", ca_name: ").append(n));
    r.caSha().ifPresent(s -> sb.append(", ca_sha: ").append(s));
    return sb.append('}').toString();
  }
}
