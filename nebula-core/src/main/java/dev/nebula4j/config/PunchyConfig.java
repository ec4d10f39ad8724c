package dev.nebula4j.config;

import java.time.Duration;

/**
 * The punchy section: NAT hole punching. The legacy top-level keys {@code punchy: bool} and
 * {@code punch_back: bool} are read as fallbacks, as Go does.
 *
 * @param punch keep NAT mappings open by punching known endpoints (YAML punchy.punch)
 * @param respond connect back when a peer's punch reaches us but its handshake does not
 *     (YAML punchy.respond)
 * @param delay delay before punching in answer to a lighthouse notification (YAML
 *     punchy.delay)
 * @param respondDelay delay before a punch-back handshake (1.7+) (YAML punchy.respond_delay)
 * @param targetAllRemotes punch every known endpoint, not only the current one (1.7+) (YAML
 *     punchy.target_all_remotes)
 */
public record PunchyConfig(
    boolean punch,
    boolean respond,
    Duration delay,
    Duration respondDelay,
    boolean targetAllRemotes) {

  public PunchyConfig {
    punch = punch;
    respond = respond;
    delay = Checks.nonNegative(delay, "punchy.delay");
    respondDelay = Checks.nonNegative(respondDelay, "punchy.respond_delay");
    targetAllRemotes = targetAllRemotes;
  }

  /** Go nebula's defaults for this section. */
  public static PunchyConfig defaults() {
    return builder().build();
  }

  /** A builder starting from Go nebula's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this value. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.punch = punch;
    b.respond = respond;
    b.delay = delay;
    b.respondDelay = respondDelay;
    b.targetAllRemotes = targetAllRemotes;
    return b;
  }

  /** Builds a {@link PunchyConfig}; every setter validates its argument. */
  public static final class Builder {
    private boolean punch = false;
    private boolean respond = false;
    private Duration delay = Duration.ofSeconds(1);
    private Duration respondDelay = Duration.ofSeconds(5);
    private boolean targetAllRemotes = false;

    private Builder() {}

    /**
     * Keep NAT mappings open by punching known endpoints. YAML {@code punchy.punch}.
     */
    public Builder punch(boolean punch) {
      this.punch = punch;
      return this;
    }

    /**
     * Connect back when a peer's punch reaches us but its handshake does not. YAML {@code
     * punchy.respond}.
     */
    public Builder respond(boolean respond) {
      this.respond = respond;
      return this;
    }

    /**
     * Delay before punching in answer to a lighthouse notification. YAML {@code punchy.delay}.
     */
    public Builder delay(Duration delay) {
      this.delay = Checks.nonNegative(delay, "punchy.delay");
      return this;
    }

    /**
     * Delay before a punch-back handshake (1.7+). YAML {@code punchy.respond_delay}.
     */
    public Builder respondDelay(Duration respondDelay) {
      this.respondDelay = Checks.nonNegative(respondDelay, "punchy.respond_delay");
      return this;
    }

    /**
     * Punch every known endpoint, not only the current one (1.7+). YAML {@code
     * punchy.target_all_remotes}.
     */
    public Builder targetAllRemotes(boolean targetAllRemotes) {
      this.targetAllRemotes = targetAllRemotes;
      return this;
    }

    public PunchyConfig build() {
      return new PunchyConfig(punch, respond, delay, respondDelay, targetAllRemotes);
    }
  }
}
