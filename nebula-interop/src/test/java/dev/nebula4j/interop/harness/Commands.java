package dev.nebula4j.interop.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs host commands (no shell involved: arguments are passed as they are) with a timeout and
 * captured output, and finds the tools the harness uses.
 */
public final class Commands {
  /** Timeout of the short administrative commands ({@code ip link ...}). */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

  private static final ExecutorService IO =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "interop-command-io");
            t.setDaemon(true);
            return t;
          });

  private static final List<String> BIN_DIRS =
      List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin", "/usr/local/bin");

  private Commands() {}

  /** Runs a command with {@link #DEFAULT_TIMEOUT} and no input. */
  public static CommandResult run(String... command) {
    return run(List.of(command), null, DEFAULT_TIMEOUT);
  }

  /**
   * Runs a command to completion.
   *
   * @param command the argument vector
   * @param stdin text written to the command's standard input, then closed; {@code null} for none
   * @param timeout how long the command may run; it is killed (SIGKILL) after that
   * @throws HarnessException when it cannot be started or does not finish in time
   */
  public static CommandResult run(List<String> command, String stdin, Duration timeout) {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().remove("NOTIFY_SOCKET");
    if (stdin == null) {
      pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    }
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new HarnessException("cannot start " + String.join(" ", command) + ": " + e.getMessage(), e);
    }
    CompletableFuture<String> out = readAsync(p.getInputStream());
    CompletableFuture<String> err = readAsync(p.getErrorStream());
    if (stdin != null) {
      try (OutputStream os = p.getOutputStream()) {
        os.write(stdin.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        // the command exited without reading its input; its exit code and output tell why
      }
    }
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
        throw new HarnessException(
            "command " + String.join(" ", command) + " did not finish within " + timeout
                + "; output so far: " + joinQuietly(out) + joinQuietly(err));
      }
      return new CommandResult(
          command, p.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new HarnessException("interrupted while running " + String.join(" ", command), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new HarnessException("cannot read the output of " + String.join(" ", command), e);
    }
  }

  /** Starts {@code command} without waiting; the caller owns the process. */
  static Process start(List<String> command, Path workingDirectory) {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().remove("NOTIFY_SOCKET");
    pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    if (workingDirectory != null) {
      pb.directory(workingDirectory.toFile());
    }
    try {
      return pb.start();
    } catch (IOException e) {
      throw new HarnessException("cannot start " + String.join(" ", command) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Starts {@code command} without waiting, stderr merged into stdout, its standard input a pipe
   * the caller writes to ({@link Process#getOutputStream()}); the caller owns the process.
   */
  static Process startWithInput(List<String> command) {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().remove("NOTIFY_SOCKET");
    try {
      return pb.start();
    } catch (IOException e) {
      throw new HarnessException("cannot start " + String.join(" ", command) + ": " + e.getMessage(), e);
    }
  }

  /** Reads {@code in} to its end on the harness's I/O pool. */
  static CompletableFuture<String> readFully(InputStream in) {
    return readAsync(in);
  }

  /** Runs {@code task} on a daemon thread of the harness's I/O pool. */
  static void runAsync(Runnable task) {
    IO.execute(task);
  }

  /** The absolute path of an executable found in the usual system directories. */
  public static Optional<Path> findTool(String name) {
    for (String dir : BIN_DIRS) {
      Path p = Path.of(dir, name);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Like {@link #findTool} but fails with a clear message when the tool is not installed. */
  public static String tool(String name) {
    return findTool(name)
        .map(Path::toString)
        .orElseThrow(
            () -> new HarnessException(name + " not found in " + BIN_DIRS + " (install it with apt-get)"));
  }

  /** {@code /sbin/ip} or wherever iproute2's ip lives. */
  static String ip() {
    return tool("ip");
  }

  /** Prefixes {@code command} with {@code ip netns exec <namespace>}. */
  static List<String> inNamespace(String namespace, List<String> command) {
    List<String> full = new ArrayList<>(command.size() + 4);
    full.add(ip());
    full.add("netns");
    full.add("exec");
    full.add(namespace);
    full.addAll(command);
    return full;
  }

  private static CompletableFuture<String> readAsync(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        IO);
  }

  private static String joinQuietly(CompletableFuture<String> f) {
    try {
      return f.getNow("");
    } catch (RuntimeException e) {
      return "";
    }
  }
}
