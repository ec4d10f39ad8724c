package dev.nebula4j.cli.node;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code bin/nebula} as a child process: the JVM running the tests starts {@code
 * dev.nebula4j.cli.NebulaMain} with the test class path (as {@code bin/nebula} does with the
 * built jars), collects its output lines and sends it signals with {@code kill}. {@link #close()}
 * kills it if it still runs, so a failing test leaves no process behind.
 */
final class NebulaProcess implements AutoCloseable {
  private final Process process;
  private final List<String> lines = new ArrayList<>(); // guarded by itself
  private final Thread reader;

  private NebulaProcess(Process process) {
    this.process = process;
    this.reader = new Thread(this::readLines, "nebula-process-output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code nebula -config config}; standard error is merged into the output. The child's
   * SIGHUP, SIGINT and SIGTERM are reset to their defaults first (GNU {@code env
   * --default-signal}, where available): a JVM cannot take over a signal it inherited as ignored,
   * and the test JVM may itself run under {@code nohup} or as a background job.
   */
  static NebulaProcess start(Path config) throws IOException {
    return start(config, ENV_SIGNALS ? List.of("env", "--default-signal=HUP,INT,TERM")
        : List.of());
  }

  /** Starts it with {@code signal} (e.g. {@code HUP}) ignored, as {@code nohup} does. */
  static NebulaProcess startIgnoring(Path config, String signal) throws IOException {
    return start(config, List.of("env", "--ignore-signal=" + signal));
  }

  /** Whether GNU {@code env} here can reset and ignore signals (coreutils 8.31+). */
  static final boolean ENV_SIGNALS = envSupportsSignals();

  private static boolean envSupportsSignals() {
    try {
      Process p = new ProcessBuilder("env", "--default-signal=HUP", "--ignore-signal=HUP", "true")
          .redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static NebulaProcess start(Path config, List<String> prefix) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(prefix);
    command.addAll(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), "dev.nebula4j.cli.NebulaMain",
        "-config", config.toString()));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.redirectErrorStream(true);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    return new NebulaProcess(pb.start());
  }

  private void readLines() {
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        synchronized (lines) {
          lines.add(line);
        }
      }
    } catch (IOException e) {
      // the process went away; what was read stays in lines
    }
  }

  /** The lines printed so far. */
  List<String> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  String output() {
    return String.join("\n", lines());
  }

  /** Waits for a line matching {@code match} (printed after the first {@code skip} lines). */
  String awaitLine(int skip, Predicate<String> match, String what) {
    String[] found = new String[1];
    TestMesh.await(() -> {
      List<String> now = lines();
      for (int i = skip; i < now.size(); i++) {
        if (match.test(now.get(i))) {
          found[0] = now.get(i);
          return true;
        }
      }
      if (!process.isAlive()) {
        throw new AssertionError("nebula exited with " + process.exitValue() + " before "
            + what + "; output:\n" + output());
      }
      return false;
    }, () -> what + " in the output of nebula:\n" + output());
    return found[0];
  }

  /** Sends {@code signal} (e.g. {@code HUP}) with {@code kill}. */
  void signal(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(process.pid()))
        .redirectErrorStream(true).start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new AssertionError("kill -s " + signal + " " + process.pid() + " failed");
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for the process to exit and returns its status. */
  int awaitExit() throws InterruptedException {
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("nebula did not exit; output:\n" + output());
    }
    reader.join(5_000);
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
