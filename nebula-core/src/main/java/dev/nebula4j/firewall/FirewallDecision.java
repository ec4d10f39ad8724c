package dev.nebula4j.firewall;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The firewall's account of one packet, for logs and users: whether it would be admitted, by which
 * rule or conntrack flow, or why not. Produced by the firewall's {@code explain} operation, which
 * evaluates exactly as the packet path does but changes no state (no flow is created or refreshed,
 * no counter moves).
 *
 * <pre>
 * inbound tcp 10.10.10.6:51544 -&gt; 10.10.10.5:5432: accepted by rule #1 {port: 5432, proto: tcp, host: any}
 * inbound tcp 10.10.10.6:51544 -&gt; 10.10.10.5:22: dropped: no matching rule in the firewall table
 * </pre>
 *
 * @param direction the table the packet was checked against
 * @param outcome what happens to the packet
 * @param packet the packet's locally oriented summary, e.g. {@code tcp 10.10.10.6:51544 ->
 *     10.10.10.5:5432}; a short description for packets that could not be classified
 * @param reason why it was dropped or rejected; empty when admitted
 * @param ruleIndex index in the direction's rule list of the rule that admitted the packet (or,
 *     for a conntrack hit, that admitted the flow in the flow's own direction); empty otherwise
 * @param rule that rule
 * @param ruleText that rule in config notation, e.g. {@code {port: 5432, proto: tcp, host: any}};
 *     empty when no rule is involved
 * @param flowDirection for a conntrack hit: the direction of the packet that opened the flow
 * @param mismatches when no rule matched: one line per rule of the table saying why it did not
 *     admit the packet, e.g. {@code #1 {port: 5432, proto: tcp, host: any}: port 5432: the packet
 *     goes to port 22}; empty otherwise
 */
public record FirewallDecision(
    Direction direction,
    Outcome outcome,
    String packet,
    Optional<DropReason> reason,
    OptionalInt ruleIndex,
    Optional<FirewallRule> rule,
    String ruleText,
    Optional<Direction> flowDirection,
    List<String> mismatches) {

  /** What happens to the packet. */
  public enum Outcome {
    /** Admitted by a rule of the direction's table (a conntrack flow is created). */
    ACCEPTED_BY_RULE,
    /** Admitted by an existing conntrack flow (return traffic or a later packet of a flow). */
    ACCEPTED_BY_CONNTRACK,
    /** Silently dropped. */
    DROPPED,
    /** Dropped and answered with a TCP RST or an ICMP destination-unreachable. */
    REJECTED;

    public boolean accepted() {
      return this == ACCEPTED_BY_RULE || this == ACCEPTED_BY_CONNTRACK;
    }
  }

  public FirewallDecision {
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(packet, "packet");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(ruleIndex, "ruleIndex");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(ruleText, "ruleText");
    Objects.requireNonNull(flowDirection, "flowDirection");
    mismatches = List.copyOf(mismatches);
    if (outcome.accepted() == reason.isPresent()) {
      throw new IllegalArgumentException(
          outcome + (outcome.accepted() ? " must not carry" : " needs") + " a drop reason");
    }
  }

  /** Whether the packet is admitted. */
  public boolean accepted() {
    return outcome.accepted();
  }

  /** {@link #toString()} followed by the {@link #mismatches()}, one per line, indented. */
  public String report() {
    StringBuilder sb = new StringBuilder(toString());
    for (String m : mismatches) {
      sb.append("\n  ").append(m);
    }
    return sb.toString();
  }

  /** One line, as in the class documentation. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append(direction.configName()).append(' ').append(packet).append(": ");
    switch (outcome) {
      case ACCEPTED_BY_RULE -> sb.append("accepted by rule #").append(ruleIndex.orElse(-1));
      case ACCEPTED_BY_CONNTRACK -> {
        sb.append("accepted by conntrack");
        flowDirection.ifPresent(d -> sb.append(" (flow opened ").append(d.configName()));
        ruleIndex.ifPresent(i -> sb.append(" by rule #").append(i));
        flowDirection.ifPresent(d -> sb.append(')'));
      }
      case DROPPED -> sb.append("dropped: ").append(reason.orElseThrow().description());
      case REJECTED -> sb.append("rejected: ").append(reason.orElseThrow().description());
    }
    if (!ruleText.isEmpty()) {
      sb.append(' ').append(ruleText);
    }
    return sb.toString();
  }
}
