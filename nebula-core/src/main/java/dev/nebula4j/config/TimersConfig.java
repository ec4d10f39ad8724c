package dev.nebula4j.config;

import java.time.Duration;

/**
 * The timers section: connection-manager timing.
 *
 * @param connectionAliveInterval how long a tunnel may go without inbound traffic before it
 *     is tested (whole seconds) (YAML timers.connection_alive_interval)
 * @param pendingDeletionInterval how long a tested tunnel may stay silent before it is
 *     deleted (whole seconds) (YAML timers.pending_deletion_interval)
 * @param requeryWaitDuration minimum time between lighthouse re-queries for a host (1.8+)
 *     (YAML timers.requery_wait_duration)
 */
public record TimersConfig(
    Duration connectionAliveInterval,
    Duration pendingDeletionInterval,
    Duration requeryWaitDuration) {

  public TimersConfig {
    connectionAliveInterval = Checks.wholeSeconds(connectionAliveInterval, "timers.connection_alive_interval");
    pendingDeletionInterval = Checks.wholeSeconds(pendingDeletionInterval, "timers.pending_deletion_interval");
    requeryWaitDuration = Checks.nonNegative(requeryWaitDuration, "timers.requery_wait_duration");
  }

  /** Go nebula's defaults for this section. */
  public static TimersConfig defaults() {
    return builder().build();
  }

  /** A builder starting from Go nebula's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this value. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.connectionAliveInterval = connectionAliveInterval;
    b.pendingDeletionInterval = pendingDeletionInterval;
    b.requeryWaitDuration = requeryWaitDuration;
    return b;
  }

  /** Builds a {@link TimersConfig}; every setter validates its argument. */
  public static final class Builder {
    private Duration connectionAliveInterval = Duration.ofSeconds(5);
    private Duration pendingDeletionInterval = Duration.ofSeconds(10);
    private Duration requeryWaitDuration = Duration.ofSeconds(60);

    private Builder() {}

    /**
     * How long a tunnel may go without inbound traffic before it is tested (whole seconds).
     * YAML {@code timers.connection_alive_interval}.
     */
    public Builder connectionAliveInterval(Duration connectionAliveInterval) {
      this.connectionAliveInterval = Checks.wholeSeconds(connectionAliveInterval, "timers.connection_alive_interval");
      return this;
    }

    /**
     * How long a tested tunnel may stay silent before it is deleted (whole seconds). YAML
     * {@code timers.pending_deletion_interval}.
     */
    public Builder pendingDeletionInterval(Duration pendingDeletionInterval) {
      this.pendingDeletionInterval = Checks.wholeSeconds(pendingDeletionInterval, "timers.pending_deletion_interval");
      return this;
    }

    /**
     * Minimum time between lighthouse re-queries for a host (1.8+). YAML {@code
     * timers.requery_wait_duration}.
     */
    public Builder requeryWaitDuration(Duration requeryWaitDuration) {
      this.requeryWaitDuration = Checks.nonNegative(requeryWaitDuration, "timers.requery_wait_duration");
      return this;
    }

    public TimersConfig build() {
      return new TimersConfig(connectionAliveInterval, pendingDeletionInterval, requeryWaitDuration);
    }
  }
}
