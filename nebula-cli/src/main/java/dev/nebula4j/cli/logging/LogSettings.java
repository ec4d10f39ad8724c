package dev.nebula4j.cli.logging;

import dev.nebula4j.config.LoggingConfig;
import java.io.PrintStream;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * How {@code bin/nebula} writes log lines: the threshold, the line format, timestamps and the
 * stream. Built from the config's {@code logging} section with {@link #from}; replaced as a whole
 * on reload, so a line is always written with one consistent setting.
 *
 * @param threshold the least SLF4J level written, as {@link org.slf4j.event.Level#toInt()}; above
 *     {@code ERROR} (for {@code panic} and {@code fatal}) nothing is written
 * @param format text (logrus' {@code key=value} lines) or JSON objects
 * @param timestamps the timestamp formatter, or null when {@code logging.disable_timestamp}
 * @param out where lines go
 * @param clock the time stamped on lines
 */
public record LogSettings(int threshold, LoggingConfig.Format format,
    DateTimeFormatter timestamps, PrintStream out, Clock clock) {

  /** Threshold that writes nothing ({@code logging.level: fatal} or {@code panic}). */
  public static final int OFF = 50;

  public LogSettings {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(clock, "clock");
  }

  /** Go's defaults ({@code info}, text, RFC 3339 timestamps) writing to {@code out}. */
  public static LogSettings defaults(PrintStream out) {
    return from(LoggingConfig.defaults(), out, Clock.systemDefaultZone());
  }

  /** The settings of a {@code logging} section. */
  public static LogSettings from(LoggingConfig config, PrintStream out, Clock clock) {
    return new LogSettings(threshold(config.level()), config.format(),
        config.disableTimestamp() ? null : GoTimeLayout.toFormatter(config.timestampFormat()),
        out, clock);
  }

  /** Whether lines of {@code level} are written. */
  public boolean isEnabled(org.slf4j.event.Level level) {
    return level.toInt() >= threshold;
  }

  /** The SLF4J threshold of a logrus level. */
  static int threshold(LoggingConfig.Level level) {
    switch (level) {
      case PANIC:
      case FATAL:
        return OFF;
      case ERROR:
        return org.slf4j.event.Level.ERROR.toInt();
      case WARNING:
        return org.slf4j.event.Level.WARN.toInt();
      case INFO:
        return org.slf4j.event.Level.INFO.toInt();
      case DEBUG:
        return org.slf4j.event.Level.DEBUG.toInt();
      default:
        return org.slf4j.event.Level.TRACE.toInt();
    }
  }
}
