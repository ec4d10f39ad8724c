package dev.nebula4j.config;


/**
 * The counters section (Go 1.8+): packet counts that trigger maintenance work.
 *
 * @param tryPromote sent packets between attempts to move to a preferred endpoint (YAML
 *     counters.try_promote)
 * @param requeryEveryPackets sent packets between lighthouse re-queries (YAML
 *     counters.requery_every_packets)
 */
public record CountersConfig(
    int tryPromote,
    int requeryEveryPackets) {

  public CountersConfig {
    tryPromote = Checks.range(tryPromote, 1, Integer.MAX_VALUE, "counters.try_promote");
    requeryEveryPackets = Checks.range(requeryEveryPackets, 1, Integer.MAX_VALUE, "counters.requery_every_packets");
  }

  /** Go nebula's defaults for this section. */
  public static CountersConfig defaults() {
    return builder().build();
  }

  /** A builder starting from Go nebula's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this value. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.tryPromote = tryPromote;
    b.requeryEveryPackets = requeryEveryPackets;
    return b;
  }

  /** Builds a {@link CountersConfig}; every setter validates its argument. */
  public static final class Builder {
    private int tryPromote = 1000;
    private int requeryEveryPackets = 5000;

    private Builder() {}

    /**
     * Sent packets between attempts to move to a preferred endpoint. YAML {@code
     * counters.try_promote}.
     */
    public Builder tryPromote(int tryPromote) {
      this.tryPromote = Checks.range(tryPromote, 1, Integer.MAX_VALUE, "counters.try_promote");
      return this;
    }

    /**
     * Sent packets between lighthouse re-queries. YAML {@code counters.requery_every_packets}.
     */
    public Builder requeryEveryPackets(int requeryEveryPackets) {
      this.requeryEveryPackets = Checks.range(requeryEveryPackets, 1, Integer.MAX_VALUE, "counters.requery_every_packets");
      return this;
    }

    public CountersConfig build() {
      return new CountersConfig(tryPromote, requeryEveryPackets);
    }
  }
}
