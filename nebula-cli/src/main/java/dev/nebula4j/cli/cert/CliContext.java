package dev.nebula4j.cli.cert;

import dev.nebula4j.internal.cert.SecureFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a {@code nebula-cert} run touches outside itself: output streams, the directory
 * relative paths resolve against, environment variables, the passphrase prompt, the clock and
 * time zone, and the program name shown in usage. Tests substitute each.
 */
record CliContext(
    PrintStream out,
    PrintStream err,
    Path workingDirectory,
    Map<String, String> environment,
    PassphraseReader passphrases,
    Clock clock,
    ZoneId zone,
    String programName) {

  CliContext {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    Objects.requireNonNull(workingDirectory, "workingDirectory");
    environment = Map.copyOf(environment);
    Objects.requireNonNull(passphrases, "passphrases");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(programName, "programName");
  }

  Path resolve(String path) {
    return workingDirectory.resolve(path);
  }

  /**
   * Reads a file, failing with {@code failure} followed by Go's {@code open <path>: <reason>}
   * (for example {@code "error while reading ca-crt: "}).
   */
  byte[] read(String path, String failure) throws CliException {
    try {
      return Files.readAllBytes(resolve(path));
    } catch (IOException e) {
      throw CliException.error(failure + goIoError("open", path, e));
    }
  }

  /**
   * Writes a file as Go's {@code os.WriteFile(path, content, 0600)}, failing with Go's {@code
   * error while writing <flag>: open <path>: <reason>}.
   */
  void write(String flag, String path, byte[] content) throws CliException {
    try {
      SecureFiles.write(resolve(path), content);
    } catch (IOException e) {
      throw CliException.error("error while writing " + flag + ": " + goIoError("open", path, e));
    }
  }

  /** Writes PEM text (ASCII) as {@link #write(String, String, byte[])}. */
  void write(String flag, String path, String pem) throws CliException {
    write(flag, path, pem.getBytes(StandardCharsets.US_ASCII));
  }

  /** Go's {@code refusing to overwrite existing <what>: <path>} if {@code path} exists. */
  void refuseOverwrite(String what, String path) throws CliException {
    if (Files.exists(resolve(path))) {
      throw CliException.error("refusing to overwrite existing " + what + ": " + path);
    }
  }

  /** Go's {@code os.PathError} text for an I/O failure on {@code path}. */
  private static String goIoError(String op, String path, IOException e) {
    String reason;
    if (e instanceof NoSuchFileException) {
      reason = "no such file or directory";
    } else if (e instanceof AccessDeniedException) {
      reason = "permission denied";
    } else if (e instanceof FileSystemException fse && fse.getReason() != null) {
      reason = fse.getReason().toLowerCase(java.util.Locale.ROOT);
    } else if (e.getMessage() != null && e.getMessage().contains("Is a directory")) {
      reason = "is a directory";
      op = "read";
    } else {
      reason = String.valueOf(e.getMessage());
    }
    return op + " " + path + ": " + reason;
  }
}
