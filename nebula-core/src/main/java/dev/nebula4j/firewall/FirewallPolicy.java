package dev.nebula4j.firewall;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything the {@code firewall} section of {@code config.yaml} configures: inbound and outbound
 * rules, the actions for unmatched packets and the conntrack timeouts. The default policy (Go's)
 * has no rules, so it drops everything.
 */
public record FirewallPolicy(
    List<FirewallRule> inbound,
    List<FirewallRule> outbound,
    FirewallAction inboundAction,
    FirewallAction outboundAction,
    Duration tcpTimeout,
    Duration udpTimeout,
    Duration defaultTimeout,
    boolean defaultLocalCidrAny) {

  public static final Duration DEFAULT_TCP_TIMEOUT = Duration.ofMinutes(12);
  public static final Duration DEFAULT_UDP_TIMEOUT = Duration.ofMinutes(3);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  public FirewallPolicy {
    inbound = List.copyOf(inbound);
    outbound = List.copyOf(outbound);
    Objects.requireNonNull(inboundAction, "inboundAction");
    Objects.requireNonNull(outboundAction, "outboundAction");
    requirePositive(tcpTimeout, "tcp_timeout");
    requirePositive(udpTimeout, "udp_timeout");
    requirePositive(defaultTimeout, "default_timeout");
  }

  /** A policy with {@code default_local_cidr_any: false} (Go 1.10+ default). */
  public FirewallPolicy(
      List<FirewallRule> inbound,
      List<FirewallRule> outbound,
      FirewallAction inboundAction,
      FirewallAction outboundAction,
      Duration tcpTimeout,
      Duration udpTimeout,
      Duration defaultTimeout) {
    this(
        inbound,
        outbound,
        inboundAction,
        outboundAction,
        tcpTimeout,
        udpTimeout,
        defaultTimeout,
        false);
  }

  /** The action for packets no rule admits in {@code direction}. */
  public FirewallAction action(Direction direction) {
    return direction == Direction.INBOUND ? inboundAction : outboundAction;
  }

  /** The rules of {@code direction}'s table. */
  public List<FirewallRule> rules(Direction direction) {
    return direction == Direction.INBOUND ? inbound : outbound;
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("conntrack." + name + " must be positive, was " + d);
    }
  }

  /** Go's default: no rules (deny all), drop, 12m/3m/10m. */
  public static FirewallPolicy denyAll() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.inbound.addAll(inbound);
    b.outbound.addAll(outbound);
    b.inboundAction = inboundAction;
    b.outboundAction = outboundAction;
    b.tcpTimeout = tcpTimeout;
    b.udpTimeout = udpTimeout;
    b.defaultTimeout = defaultTimeout;
    b.defaultLocalCidrAny = defaultLocalCidrAny;
    return b;
  }

  public static final class Builder {
    private final List<FirewallRule> inbound = new ArrayList<>();
    private final List<FirewallRule> outbound = new ArrayList<>();
    private FirewallAction inboundAction = FirewallAction.DROP;
    private FirewallAction outboundAction = FirewallAction.DROP;
    private Duration tcpTimeout = DEFAULT_TCP_TIMEOUT;
    private Duration udpTimeout = DEFAULT_UDP_TIMEOUT;
    private Duration defaultTimeout = DEFAULT_TIMEOUT;
    private boolean defaultLocalCidrAny;

    private Builder() {}

    public Builder inbound(FirewallRule rule) {
      inbound.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    public Builder outbound(FirewallRule rule) {
      outbound.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    public Builder inboundAction(FirewallAction action) {
      inboundAction = Objects.requireNonNull(action, "action");
      return this;
    }

    public Builder outboundAction(FirewallAction action) {
      outboundAction = Objects.requireNonNull(action, "action");
      return this;
    }

    public Builder tcpTimeout(Duration d) {
      requirePositive(d, "tcp_timeout");
      tcpTimeout = d;
      return this;
    }

    public Builder udpTimeout(Duration d) {
      requirePositive(d, "udp_timeout");
      udpTimeout = d;
      return this;
    }

    public Builder defaultTimeout(Duration d) {
      requirePositive(d, "default_timeout");
      defaultTimeout = d;
      return this;
    }

    /** {@code firewall.default_local_cidr_any}; see the record documentation. */
    public Builder defaultLocalCidrAny(boolean any) {
      defaultLocalCidrAny = any;
      return this;
    }

    public FirewallPolicy build() {
      return new FirewallPolicy(
          inbound,
          outbound,
          inboundAction,
          outboundAction,
          tcpTimeout,
          udpTimeout,
          defaultTimeout,
          defaultLocalCidrAny);
    }
  }
}
