package dev.nebula4j.cli.cert;

/**
 * A failed {@code nebula-cert} run: printed as {@code Error: <message>} and exit code 1, followed
 * by the mode's usage when {@link #showUsage()} (Go's {@code helpError}).
 */
final class CliException extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean showUsage;
  private final String rawFlagMessage;

  private CliException(String message, boolean showUsage, String rawFlagMessage) {
    super(message);
    this.showUsage = showUsage;
    this.rawFlagMessage = rawFlagMessage;
  }

  /** A plain error: message only. */
  static CliException error(String message) {
    return new CliException(message, false, null);
  }

  /** A usage error: message, then the mode's flags (Go's {@code newHelpErrorf}). */
  static CliException usage(String message) {
    return new CliException(message, true, null);
  }

  /** A flag parsing error: Go's flag package prints it once bare, then as {@code Error:}. */
  static CliException flag(String message) {
    return new CliException(message, false, message);
  }

  boolean showUsage() {
    return showUsage;
  }

  /** The bare line Go's flag package prints before the {@code Error:} line, or null. */
  String rawFlagMessage() {
    return rawFlagMessage;
  }
}
