package dev.nebula4j.internal.firewall;

/**
 * A conntrack entry: when it expires, which direction's packet opened it, and under which rule-set
 * version and rule it was last admitted (so a reload can revalidate it lazily, spec §6.7).
 *
 * <p>Fields are volatile: several I/O threads may hit the same flow. Races between refreshing
 * threads are benign (the later expiry wins or loses by at most the refresh granularity).
 */
final class Flow {
  final boolean inbound;
  volatile long expiresAt;
  volatile int rulesVersion;
  volatile int ruleIndex;

  Flow(boolean inbound, long expiresAt, int rulesVersion, int ruleIndex) {
    this.inbound = inbound;
    this.expiresAt = expiresAt;
    this.rulesVersion = rulesVersion;
    this.ruleIndex = ruleIndex;
  }

  /** Whether the flow has expired at {@code now} (both in the firewall clock's nanoseconds). */
  boolean expired(long now) {
    return now - expiresAt >= 0;
  }
}
