package dev.nebula4j.cli.logging;

import java.util.Objects;

/**
 * The process-wide log settings of the command-line tools. Every {@link CliLogger} reads them on
 * each call, so {@link #apply} (at start and on SIGHUP) takes effect at once for every logger,
 * including those of the node's library code.
 *
 * <p>Until configured, lines go to standard error at {@code info} level: {@code bin/nebula-cert}
 * keeps standard output for its own results. {@code bin/nebula} logs to standard output, as Go
 * nebula does.
 */
public final class CliLogging {
  private static volatile LogSettings settings = LogSettings.defaults(System.err);

  private CliLogging() {}

  /** The settings in force. */
  public static LogSettings settings() {
    return settings;
  }

  /** Replaces the settings for every logger. */
  public static void apply(LogSettings next) {
    settings = Objects.requireNonNull(next, "settings");
  }
}
