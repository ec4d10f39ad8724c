package dev.nebula4j.config;


/**
 * The logging section.
 *
 * @param level log level (YAML logging.level)
 * @param format text or json (YAML logging.format)
 * @param disableTimestamp leave timestamps out of log lines (YAML logging.disable_timestamp)
 * @param timestampFormat Go time layout of timestamps ("" = RFC 3339) (YAML
 *     logging.timestamp_format)
 */
public record LoggingConfig(
    LoggingConfig.Level level,
    LoggingConfig.Format format,
    boolean disableTimestamp,
    String timestampFormat) {

  public LoggingConfig {
    level = Checks.req(level, "logging.level");
    format = Checks.req(format, "logging.format");
    disableTimestamp = disableTimestamp;
    timestampFormat = Checks.notNull(timestampFormat, "logging.timestamp_format");
  }

  /** Go nebula's defaults for this section. */
  public static LoggingConfig defaults() {
    return builder().build();
  }

  /** A builder starting from Go nebula's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this value. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.level = level;
    b.format = format;
    b.disableTimestamp = disableTimestamp;
    b.timestampFormat = timestampFormat;
    return b;
  }

  /** Log levels in Go nebula's spelling (logrus): {@code warning} is also read as {@code warn}. */
  public enum Level {
    PANIC,
    FATAL,
    ERROR,
    WARNING,
    INFO,
    DEBUG,
    TRACE;

    /** The config spelling, lower case. */
    public String configName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Log line formats. */
  public enum Format {
    TEXT,
    JSON;

    /** The config spelling, lower case. */
    public String configName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Builds a {@link LoggingConfig}; every setter validates its argument. */
  public static final class Builder {
    private LoggingConfig.Level level = Level.INFO;
    private LoggingConfig.Format format = Format.TEXT;
    private boolean disableTimestamp = false;
    private String timestampFormat = "";

    private Builder() {}

    /**
     * Log level. YAML {@code logging.level}.
     */
    public Builder level(LoggingConfig.Level level) {
      this.level = Checks.req(level, "logging.level");
      return this;
    }

    /**
     * Text or json. YAML {@code logging.format}.
     */
    public Builder format(LoggingConfig.Format format) {
      this.format = Checks.req(format, "logging.format");
      return this;
    }

    /**
     * Leave timestamps out of log lines. YAML {@code logging.disable_timestamp}.
     */
    public Builder disableTimestamp(boolean disableTimestamp) {
      this.disableTimestamp = disableTimestamp;
      return this;
    }

    /**
     * Go time layout of timestamps ("" = RFC 3339). YAML {@code logging.timestamp_format}.
     */
    public Builder timestampFormat(String timestampFormat) {
      this.timestampFormat = Checks.notNull(timestampFormat, "logging.timestamp_format");
      return this;
    }

    public LoggingConfig build() {
      return new LoggingConfig(level, format, disableTimestamp, timestampFormat);
    }
  }
}
