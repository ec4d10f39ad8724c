package dev.nebula4j.internal.firewall;

import dev.nebula4j.firewall.FirewallAction;
import dev.nebula4j.firewall.FirewallPolicy;
import dev.nebula4j.firewall.LocalIdentity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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

  /**
   * SHA-256 (hex) over the rendered rules of both tables, the actions and our networks: equal
   * hashes mean equal behaviour, for "firewall reloaded" log lines. Not the same value as Go's
   * hash (Go hashes its own rule strings).
   */
  String hash() {
    StringBuilder sb = new StringBuilder();
    for (CompiledRule r : inbound.rules) {
      sb.append("inbound ").append(r.text).append('\n');
    }
    for (CompiledRule r : outbound.rules) {
      sb.append("outbound ").append(r.text).append('\n');
    }
    sb.append("inbound_action ").append(policy.inboundAction().configName()).append('\n');
    sb.append("outbound_action ").append(policy.outboundAction().configName()).append('\n');
    sb.append("default_local_cidr_any ").append(policy.defaultLocalCidrAny()).append('\n');
    sb.append("local ").append(local.identity).append('\n');
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
