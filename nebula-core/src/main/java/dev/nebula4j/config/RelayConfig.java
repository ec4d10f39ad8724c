package dev.nebula4j.config;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The relay section (Go 1.6+): relaying through a third node when no direct path exists.
 *
 * @param relays VPN addresses of relays peers may use to reach us (ignored when amRelay)
 *     (YAML relay.relays)
 * @param amRelay relay traffic for other nodes (YAML relay.am_relay)
 * @param useRelays try relays when handshaking with peers (forced off when amRelay) (YAML
 *     relay.use_relays)
 */
public record RelayConfig(
    List<InetAddress> relays,
    boolean amRelay,
    boolean useRelays) {

  public RelayConfig {
    relays = Checks.req(List.copyOf(relays), "relay.relays");
    amRelay = amRelay;
    useRelays = useRelays;
  }

  /** Go nebula's defaults for this section. */
  public static RelayConfig defaults() {
    return builder().build();
  }

  /** A builder starting from Go nebula's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this value. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.relays = relays;
    b.amRelay = amRelay;
    b.useRelays = useRelays;
    return b;
  }

  /** Builds a {@link RelayConfig}; every setter validates its argument. */
  public static final class Builder {
    private List<InetAddress> relays = List.of();
    private boolean amRelay = false;
    private boolean useRelays = true;

    private Builder() {}

    /**
     * VPN addresses of relays peers may use to reach us (ignored when amRelay). YAML {@code
     * relay.relays}.
     */
    public Builder relays(List<InetAddress> relays) {
      this.relays = Checks.req(List.copyOf(relays), "relay.relays");
      return this;
    }

    /** Appends one entry to {@code relay.relays}. */
    public Builder addRelay(InetAddress value) {
      List<InetAddress> l = new ArrayList<>(this.relays);
      l.add(Objects.requireNonNull(value, "relay.relays"));
      return relays(l);
    }

    /**
     * Relay traffic for other nodes. YAML {@code relay.am_relay}.
     */
    public Builder amRelay(boolean amRelay) {
      this.amRelay = amRelay;
      return this;
    }

    /**
     * Try relays when handshaking with peers (forced off when amRelay). YAML {@code
     * relay.use_relays}.
     */
    public Builder useRelays(boolean useRelays) {
      this.useRelays = useRelays;
      return this;
    }

    public RelayConfig build() {
      return new RelayConfig(relays, amRelay, useRelays);
    }
  }
}
