package dev.nebula4j.internal.firewall;

import dev.nebula4j.firewall.FirewallPeer;
import dev.nebula4j.firewall.FirewallRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of one direction, bucketed by the packet's protocol: each bucket holds, in config
 * order, the rules of that protocol and the {@code proto: any} rules. A packet passes the table if
 * any rule matches (there are no deny rules); scanning in config order makes the reported rule the
 * first one that admits the packet. Immutable.
 */
final class RuleTable {
  private static final CompiledRule[] NONE = new CompiledRule[0];

  final List<CompiledRule> rules;
  private final boolean inbound;
  private final CompiledRule[] tcp;
  private final CompiledRule[] udp;
  private final CompiledRule[] icmp;
  private final CompiledRule[] other;

  RuleTable(
      List<FirewallRule> source,
      boolean inbound,
      LocalAddresses local,
      boolean defaultLocalCidrAny) {
    this.inbound = inbound;
    List<CompiledRule> all = new ArrayList<>(source.size());
    for (int i = 0; i < source.size(); i++) {
      all.add(new CompiledRule(i, source.get(i), local, defaultLocalCidrAny));
    }
    this.rules = List.copyOf(all);
    this.tcp = bucket(all, PacketClassifier.PROTO_TCP);
    this.udp = bucket(all, PacketClassifier.PROTO_UDP);
    this.icmp = bucket(all, PacketClassifier.PROTO_ICMP);
    this.other = bucket(all, -1);
  }

  private static CompiledRule[] bucket(List<CompiledRule> all, int protocol) {
    List<CompiledRule> b = new ArrayList<>();
    for (CompiledRule r : all) {
      if (r.protocol == 0 || r.protocol == protocol) {
        b.add(r);
      }
    }
    return b.isEmpty() ? NONE : b.toArray(NONE);
  }

  /**
   * The first rule (lowest index) admitting the tuple from {@code peer}, or {@code null}. The
   * tuple is judged as a packet of this table's direction whatever its own direction is (conntrack
   * revalidation checks a reply against the table of the flow's opening packet).
   */
  CompiledRule match(FlowTuple t, FirewallPeer peer) {
    CompiledRule[] bucket =
        switch (t.protocol) {
          case PacketClassifier.PROTO_TCP -> tcp;
          case PacketClassifier.PROTO_UDP -> udp;
          case PacketClassifier.PROTO_ICMP, PacketClassifier.PROTO_ICMPV6 -> icmp;
          default -> other;
        };
    for (CompiledRule r : bucket) {
      if (r.matches(t, inbound, peer)) {
        return r;
      }
    }
    return null;
  }
}
