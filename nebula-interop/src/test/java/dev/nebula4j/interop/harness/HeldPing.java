package dev.nebula4j.interop.harness;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An iputils {@code ping} already started inside a namespace but held back until {@link #fire()}:
 * a shell blocked in {@code read} that {@code exec}s {@code ping} when a line arrives on its
 * standard input. Process start-up ({@code ip netns exec}, the shell) happens beforehand, so the
 * first echo request leaves within a millisecond or two of {@code fire()}: what a test needs to
 * make two nodes start handshakes with each other at the same moment.
 *
 * <pre>{@code
 * try (HeldPing ping = goNs.holdPing(javaOverlayIp, 8)) {
 *   ping.fire();                         // the kernel's first echo request leaves now
 *   ... // the other side sends at the same moment
 *   PingResult r = ping.result(Duration.ofSeconds(20));
 * }
 * }</pre>
 *
 * <p>{@link #close()} kills the process if it still runs (it is also killed with its namespace).
 */
public final class HeldPing implements AutoCloseable {
  private final Netns netns;
  private final InetAddress target;
  private final int count;
  private final Process process;
  private final CompletableFuture<String> output;
  private boolean fired;

  private HeldPing(Netns netns, InetAddress target, int count, Process process) {
    this.netns = netns;
    this.target = target;
    this.count = count;
    this.process = process;
    this.output = Commands.readFully(process.getInputStream());
  }

  /** Starts the held ping: {@code count} echo requests 0.2 s apart, 1 s wait for each reply. */
  static HeldPing start(Netns netns, InetAddress target, int count) {
    List<String> cmd =
        new ArrayList<>(List.of("/bin/sh", "-c", "read -r go && exec \"$@\"", "held-ping"));
    cmd.addAll(Netns.pingCommand(target, count));
    return new HeldPing(netns, target, count, Commands.startWithInput(Commands.inNamespace(netns.name(), cmd)));
  }

  /** Lets the ping go: its first echo request is sent right away. Once only. */
  public synchronized void fire() {
    if (fired) {
      throw new IllegalStateException(this + " was already fired");
    }
    fired = true;
    try (OutputStream in = process.getOutputStream()) {
      in.write("go\n".getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new HarnessException(this + " could not be fired (exited early?): " + e.getMessage(), e);
    }
  }

  /**
   * Waits for the ping to finish and parses its statistics.
   *
   * @throws HarnessException when it was not fired, did not end within {@code timeout}, or failed
   */
  public PingResult result(Duration timeout) {
    synchronized (this) {
      if (!fired) {
        throw new IllegalStateException(this + " was never fired");
      }
    }
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new HarnessException(this + " did not finish within " + timeout);
      }
      String out = output.get(5, TimeUnit.SECONDS);
      if (process.exitValue() > 1) {
        throw new HarnessException(this + " failed with exit code " + process.exitValue() + ":\n" + out);
      }
      return PingResult.parse(out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessException("interrupted while waiting for " + this, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new HarnessException("cannot read the output of " + this, e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  @Override
  public String toString() {
    return "held ping of " + target.getHostAddress() + " x" + count + " in " + netns.name();
  }
}
