package dev.nebula4j.interop.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Process facts from {@code /proc}: whether a pid runs (zombies do not) and since when. */
public final class ProcessStatus {
  private ProcessStatus() {}

  /** Whether {@code pid} exists and is not a zombie. */
  public static boolean isRunning(long pid) {
    String stat;
    try {
      stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      return false;
    }
    int close = stat.lastIndexOf(')');
    if (close < 0 || close + 2 >= stat.length()) {
      return false;
    }
    char state = stat.charAt(close + 2);
    return state != 'Z' && state != 'X' && state != 'x';
  }

  /** When {@code pid} started, if it runs. */
  public static Optional<Instant> startTime(long pid) {
    if (!isRunning(pid)) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid).flatMap(h -> h.info().startInstant());
  }

  /**
   * Waits until {@code pid} no longer runs.
   *
   * @return whether it ended within {@code timeout}
   */
  public static boolean awaitExit(long pid, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (isRunning(pid)) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return !isRunning(pid);
      }
    }
    return true;
  }
}
