package dev.nebula4j.internal.firewall;

import dev.nebula4j.firewall.FirewallAction;
import dev.nebula4j.firewall.FirewallPolicy;
import dev.nebula4j.firewall.LocalIdentity;

/**
 * Everything one firewall configuration decides with, compiled: both rule tables, the actions,
 * the conntrack timeouts in nanoseconds, our addresses, and the version conntrack entries are
 * stamped with. Immutable; a reload swaps in a new one.
 */
final class RuleSet {
  final FirewallPolicy policy;
  final int version;
  final LocalAddresses local;
  final RuleTable inbound;
  final RuleTable outbound;
  final boolean rejectInbound;
  final boolean rejectOutbound;
  final long tcpTimeoutNanos;
  final long udpTimeoutNanos;
  final long defaultTimeoutNanos;

  RuleSet(FirewallPolicy policy, LocalIdentity identity, int version) {
    this.policy = policy;
    this.version = version;
    this.local = new LocalAddresses(identity);
    this.inbound = new RuleTable(policy.inbound(), true, local, policy.defaultLocalCidrAny());
    this.outbound = new RuleTable(policy.outbound(), false, local, policy.defaultLocalCidrAny());
    this.rejectInbound = policy.inboundAction() == FirewallAction.REJECT;
    this.rejectOutbound = policy.outboundAction() == FirewallAction.REJECT;
    this.tcpTimeoutNanos = policy.tcpTimeout().toNanos();
    this.udpTimeoutNanos = policy.udpTimeout().toNanos();
    this.defaultTimeoutNanos = policy.defaultTimeout().toNanos();
  }

  RuleTable table(boolean inboundTable) {
    return inboundTable ? inbound : outbound;
  }

  boolean rejects(boolean inboundTable) {
    return inboundTable ? rejectInbound : rejectOutbound;
  }

  /** Conntrack lifetime of a flow of this protocol: TCP, UDP, or the default for the rest. */
  long timeoutNanos(int protocol) {
    if (protocol == PacketClassifier.PROTO_TCP) {
      return tcpTimeoutNanos;
    }
    if (protocol == PacketClassifier.PROTO_UDP) {
      return udpTimeoutNanos;
    }
    return defaultTimeoutNanos;
  }
}
