package dev.nebula4j.config;

import java.time.Duration;

/**
 * The stats section: metrics export to graphite or prometheus. nebula4j does not run these
 * exporters (a warning says so); the values are kept so configs for Go nodes round-trip.
 *
 * @param type exporter type (YAML stats.type)
 * @param interval export interval (required when type is set) (YAML stats.interval)
 * @param prefix graphite metric prefix (YAML stats.prefix)
 * @param protocol graphite protocol (YAML stats.protocol)
 * @param host graphite host:port (YAML stats.host)
 * @param listen prometheus listen address (YAML stats.listen)
 * @param path prometheus HTTP path (YAML stats.path)
 * @param namespace prometheus namespace (YAML stats.namespace)
 * @param subsystem prometheus subsystem (YAML stats.subsystem)
 * @param messageMetrics count meta packets per type (YAML stats.message_metrics)
 * @param lighthouseMetrics count lighthouse packets per type (YAML stats.lighthouse_metrics)
 */
public record StatsConfig(
    StatsConfig.Type type,
    Duration interval,
    String prefix,
    String protocol,
    String host,
    String listen,
    String path,
    String namespace,
    String subsystem,
    boolean messageMetrics,
    boolean lighthouseMetrics) {

  public StatsConfig {
    type = Checks.req(type, "stats.type");
    interval = Checks.nonNegative(interval, "stats.interval");
    prefix = Checks.notNull(prefix, "stats.prefix");
    protocol = Checks.notNull(protocol, "stats.protocol");
    host = Checks.notNull(host, "stats.host");
    listen = Checks.notNull(listen, "stats.listen");
    path = Checks.notNull(path, "stats.path");
    namespace = Checks.notNull(namespace, "stats.namespace");
    subsystem = Checks.notNull(subsystem, "stats.subsystem");
    messageMetrics = messageMetrics;
    lighthouseMetrics = lighthouseMetrics;
  }

  /** Go nebula's defaults for this section. */
  public static StatsConfig defaults() {
    return builder().build();
  }

  /** A builder starting from Go nebula's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this value. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.type = type;
    b.interval = interval;
    b.prefix = prefix;
    b.protocol = protocol;
    b.host = host;
    b.listen = listen;
    b.path = path;
    b.namespace = namespace;
    b.subsystem = subsystem;
    b.messageMetrics = messageMetrics;
    b.lighthouseMetrics = lighthouseMetrics;
    return b;
  }

  /** Exporter types. */
  public enum Type {
    NONE,
    GRAPHITE,
    PROMETHEUS;

    /** The config spelling, lower case. */
    public String configName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Builds a {@link StatsConfig}; every setter validates its argument. */
  public static final class Builder {
    private StatsConfig.Type type = Type.NONE;
    private Duration interval = Duration.ZERO;
    private String prefix = "nebula";
    private String protocol = "tcp";
    private String host = "";
    private String listen = "";
    private String path = "";
    private String namespace = "";
    private String subsystem = "";
    private boolean messageMetrics = false;
    private boolean lighthouseMetrics = false;

    private Builder() {}

    /**
     * Exporter type. YAML {@code stats.type}.
     */
    public Builder type(StatsConfig.Type type) {
      this.type = Checks.req(type, "stats.type");
      return this;
    }

    /**
     * Export interval (required when type is set). YAML {@code stats.interval}.
     */
    public Builder interval(Duration interval) {
      this.interval = Checks.nonNegative(interval, "stats.interval");
      return this;
    }

    /**
     * Graphite metric prefix. YAML {@code stats.prefix}.
     */
    public Builder prefix(String prefix) {
      this.prefix = Checks.notNull(prefix, "stats.prefix");
      return this;
    }

    /**
     * Graphite protocol. YAML {@code stats.protocol}.
     */
    public Builder protocol(String protocol) {
      this.protocol = Checks.notNull(protocol, "stats.protocol");
      return this;
    }

    /**
     * Graphite host:port. YAML {@code stats.host}.
     */
    public Builder host(String host) {
      this.host = Checks.notNull(host, "stats.host");
      return this;
    }

    /**
     * Prometheus listen address. YAML {@code stats.listen}.
     */
    public Builder listen(String listen) {
      this.listen = Checks.notNull(listen, "stats.listen");
      return this;
    }

    /**
     * Prometheus HTTP path. YAML {@code stats.path}.
     */
    public Builder path(String path) {
      this.path = Checks.notNull(path, "stats.path");
      return this;
    }

    /**
     * Prometheus namespace. YAML {@code stats.namespace}.
     */
    public Builder namespace(String namespace) {
      this.namespace = Checks.notNull(namespace, "stats.namespace");
      return this;
    }

    /**
     * Prometheus subsystem. YAML {@code stats.subsystem}.
     */
    public Builder subsystem(String subsystem) {
      this.subsystem = Checks.notNull(subsystem, "stats.subsystem");
      return this;
    }

    /**
     * Count meta packets per type. YAML {@code stats.message_metrics}.
     */
    public Builder messageMetrics(boolean messageMetrics) {
      this.messageMetrics = messageMetrics;
      return this;
    }

    /**
     * Count lighthouse packets per type. YAML {@code stats.lighthouse_metrics}.
     */
    public Builder lighthouseMetrics(boolean lighthouseMetrics) {
      this.lighthouseMetrics = lighthouseMetrics;
      return this;
    }

    public StatsConfig build() {
      return new StatsConfig(type, interval, prefix, protocol, host, listen, path, namespace, subsystem, messageMetrics, lighthouseMetrics);
    }
  }
}
