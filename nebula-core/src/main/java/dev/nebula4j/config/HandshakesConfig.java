package dev.nebula4j.config;

import java.time.Duration;

/**
 * The handshakes section: handshake retry timing and buffers.
 *
 * @param tryInterval base retry interval; attempt n waits n times this (YAML
 *     handshakes.try_interval)
 * @param retries attempts before giving up (YAML handshakes.retries)
 * @param triggerBuffer queue of handshakes triggered by lighthouse replies (YAML
 *     handshakes.trigger_buffer)
 * @param queryBuffer queue of lighthouse queries (1.9+) (YAML handshakes.query_buffer)
 */
public record HandshakesConfig(
    Duration tryInterval,
    int retries,
    int triggerBuffer,
    int queryBuffer) {

  public HandshakesConfig {
    tryInterval = Checks.positive(tryInterval, "handshakes.try_interval");
    retries = Checks.range(retries, 0, Integer.MAX_VALUE, "handshakes.retries");
    triggerBuffer = Checks.range(triggerBuffer, 0, Integer.MAX_VALUE, "handshakes.trigger_buffer");
    queryBuffer = Checks.range(queryBuffer, 0, Integer.MAX_VALUE, "handshakes.query_buffer");
  }

  /** Go nebula's defaults for this section. */
  public static HandshakesConfig defaults() {
    return builder().build();
  }

  /** A builder starting from Go nebula's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this value. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.tryInterval = tryInterval;
    b.retries = retries;
    b.triggerBuffer = triggerBuffer;
    b.queryBuffer = queryBuffer;
    return b;
  }

  /** Builds a {@link HandshakesConfig}; every setter validates its argument. */
  public static final class Builder {
    private Duration tryInterval = Duration.ofMillis(100);
    private int retries = 10;
    private int triggerBuffer = 64;
    private int queryBuffer = 64;

    private Builder() {}

    /**
     * Base retry interval; attempt n waits n times this. YAML {@code handshakes.try_interval}.
     */
    public Builder tryInterval(Duration tryInterval) {
      this.tryInterval = Checks.positive(tryInterval, "handshakes.try_interval");
      return this;
    }

    /**
     * Attempts before giving up. YAML {@code handshakes.retries}.
     */
    public Builder retries(int retries) {
      this.retries = Checks.range(retries, 0, Integer.MAX_VALUE, "handshakes.retries");
      return this;
    }

    /**
     * Queue of handshakes triggered by lighthouse replies. YAML {@code
     * handshakes.trigger_buffer}.
     */
    public Builder triggerBuffer(int triggerBuffer) {
      this.triggerBuffer = Checks.range(triggerBuffer, 0, Integer.MAX_VALUE, "handshakes.trigger_buffer");
      return this;
    }

    /**
     * Queue of lighthouse queries (1.9+). YAML {@code handshakes.query_buffer}.
     */
    public Builder queryBuffer(int queryBuffer) {
      this.queryBuffer = Checks.range(queryBuffer, 0, Integer.MAX_VALUE, "handshakes.query_buffer");
      return this;
    }

    public HandshakesConfig build() {
      return new HandshakesConfig(tryInterval, retries, triggerBuffer, queryBuffer);
    }
  }
}
