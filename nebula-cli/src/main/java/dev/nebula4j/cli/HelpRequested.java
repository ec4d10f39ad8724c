package dev.nebula4j.cli;

/** {@code -h} or {@code -help} was given: print usage, exit 0 (Go's {@code flag.ErrHelp}). */
public final class HelpRequested extends Exception {
  private static final long serialVersionUID = 1L;

  HelpRequested() {
    super("help requested", null, false, false);
  }
}
