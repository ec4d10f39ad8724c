package dev.nebula4j.config;

import dev.nebula4j.firewall.FirewallPolicy;
import java.time.Duration;
import java.util.Optional;

/**
 * The firewall section: the rule policy shared with the firewall engine ({@link
 * FirewallPolicy}: rules, actions, conntrack timeouts, default_local_cidr_any) plus the key
 * that tunes its implementation.
 *
 * @param policy rules, actions and conntrack timeouts (YAML firewall)
 * @param routineCacheTimeout per-routine conntrack cache lifetime (unset: 0, or 1s with
 *     several routines) (YAML firewall.conntrack.routine_cache_timeout)
 */
public record FirewallConfig(
    FirewallPolicy policy,
    Optional<Duration> routineCacheTimeout) {

  public FirewallConfig {
    policy = Checks.req(policy, "firewall");
    routineCacheTimeout = Checks.optionalNonNegative(routineCacheTimeout, "firewall.conntrack.routine_cache_timeout");
  }

  /** Go nebula's defaults for this section. */
  public static FirewallConfig defaults() {
    return builder().build();
  }

  /** A builder starting from Go nebula's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this value. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.policy = policy;
    b.routineCacheTimeout = routineCacheTimeout;
    return b;
  }

  /** Builds a {@link FirewallConfig}; every setter validates its argument. */
  public static final class Builder {
    private FirewallPolicy policy = FirewallPolicy.denyAll();
    private Optional<Duration> routineCacheTimeout = Optional.empty();

    private Builder() {}

    /**
     * Rules, actions and conntrack timeouts. YAML {@code firewall}.
     */
    public Builder policy(FirewallPolicy policy) {
      this.policy = Checks.req(policy, "firewall");
      return this;
    }

    /**
     * Per-routine conntrack cache lifetime (unset: 0, or 1s with several routines). YAML {@code
     * firewall.conntrack.routine_cache_timeout}.
     */
    public Builder routineCacheTimeout(Optional<Duration> routineCacheTimeout) {
      this.routineCacheTimeout = Checks.optionalNonNegative(routineCacheTimeout, "firewall.conntrack.routine_cache_timeout");
      return this;
    }

    public FirewallConfig build() {
      return new FirewallConfig(policy, routineCacheTimeout);
    }
  }
}
