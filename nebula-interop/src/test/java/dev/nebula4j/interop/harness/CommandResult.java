package dev.nebula4j.interop.harness;

import java.util.List;
import java.util.Objects;

/**
 * A finished command: what ran, its exit code and both output streams.
 *
 * @param command the argument vector, as executed
 * @param exitCode the process exit code
 * @param stdout standard output, decoded as UTF-8
 * @param stderr standard error, decoded as UTF-8
 */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr) {

  public CommandResult {
    command = List.copyOf(command);
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
  }

  public boolean succeeded() {
    return exitCode == 0;
  }

  /**
   * Returns this result when the command exited with 0.
   *
   * @throws HarnessException naming the command, its exit code and output otherwise
   */
  public CommandResult requireSuccess() {
    if (exitCode != 0) {
      throw new HarnessException(describe());
    }
    return this;
  }

  /** Command line, exit code and output, for failure messages. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append("command ").append(String.join(" ", command)).append(" exited with ").append(exitCode);
    if (!stdout.isBlank()) {
      sb.append("\n  stdout: ").append(stdout.strip().replace("\n", "\n          "));
    }
    if (!stderr.isBlank()) {
      sb.append("\n  stderr: ").append(stderr.strip().replace("\n", "\n          "));
    }
    return sb.toString();
  }
}
