package dev.nebula4j.cli.cert;

/** Reads a passphrase without echo; the CLI's only interactive input. */
interface PassphraseReader {
  /**
   * Reads one passphrase line.
   *
   * @throws NoTerminal when there is no terminal to read from
   */
  byte[] read() throws NoTerminal;

  /** There is no terminal (Go's {@code ErrNoTerminal}). */
  final class NoTerminal extends Exception {
    private static final long serialVersionUID = 1L;

    NoTerminal() {
      super("cannot read password from nonexistent terminal", null, false, false);
    }
  }

  /** The process console ({@link System#console()}), as Go reads from the terminal. */
  static PassphraseReader console() {
    return () -> {
      java.io.Console console = System.console();
      if (console == null) {
        throw new NoTerminal();
      }
      char[] chars = console.readPassword();
      if (chars == null) {
        return new byte[0];
      }
      byte[] bytes = new String(chars).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      java.util.Arrays.fill(chars, '\0');
      return bytes;
    };
  }
}
