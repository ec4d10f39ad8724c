package dev.nebula4j.interop.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code socat -d -d <listen-address>,fork PIPE} echo server inside a namespace, whose log lines
 * tell who connected or sent. Base of {@link TcpListener} and {@link UdpEchoServer}.
 */
abstract class SocatServer implements AutoCloseable {
  private static final Pattern PEER = Pattern.compile("AF=2 (\\d+\\.\\d+\\.\\d+\\.\\d+):(\\d+)");

  private final Netns netns;
  private final int port;
  private final Process process;
  private final Pattern readyLine;
  private final Pattern peerLine;
  private final List<String> log = new ArrayList<>();
  private final List<InetSocketAddress> peers = new ArrayList<>();
  private boolean ready;
  private boolean ended;
  private volatile boolean closed;

  SocatServer(Netns netns, int port, String listenAddress, Pattern readyLine, Pattern peerLine) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, was " + port);
    }
    this.netns = netns;
    this.port = port;
    this.readyLine = readyLine;
    this.peerLine = peerLine;
    this.process =
        netns.start(List.of(Commands.tool("socat"), "-d", "-d", listenAddress, "PIPE"));
    GlobalTeardown.register(this);
    Commands.runAsync(this::readLog);
  }

  /** Waits until socat reports that it listens; closes and fails if it exits first. */
  final void awaitListening(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      while (!ready) {
        long left = deadline - System.nanoTime();
        if (ended || left <= 0) {
          String why = ended ? "exited" : "did not listen within " + timeout;
          String out = String.join("\n", log);
          close();
          throw new HarnessException(this + " " + why + "; output:\n" + out);
        }
        waitNanos(left);
      }
    }
  }

  private void readLog() {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        synchronized (this) {
          log.add(line);
          if (readyLine.matcher(line).find()) {
            ready = true;
          }
          if (peerLine.matcher(line).find()) {
            Matcher m = PEER.matcher(line);
            if (m.find()) {
              peers.add(new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2))));
            }
          }
          notifyAll();
        }
      }
    } catch (IOException e) {
      // the process was killed; what was read stays available
    } finally {
      synchronized (this) {
        ended = true;
        notifyAll();
      }
    }
  }

  public final Netns netns() {
    return netns;
  }

  public final int port() {
    return port;
  }

  /** The peers socat reported, in order (one per connection or datagram). */
  final synchronized List<InetSocketAddress> peers() {
    return List.copyOf(peers);
  }

  /** Waits for the {@code n}-th peer (1-based) and returns it. */
  final InetSocketAddress awaitPeer(int n, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      while (peers.size() < n) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || ended) {
          throw new AssertionError(
              this + ": expected " + n + " peer(s) within " + timeout + ", saw " + peers
                  + "; log:\n" + String.join("\n", log));
        }
        waitNanos(left);
      }
      return peers.get(n - 1);
    }
  }

  /** socat's own log lines so far. */
  public final synchronized List<String> log() {
    return List.copyOf(log);
  }

  private void waitNanos(long nanos) {
    try {
      TimeUnit.NANOSECONDS.timedWait(this, Math.min(nanos, TimeUnit.MILLISECONDS.toNanos(200)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessException("interrupted while waiting for " + this, e);
    }
  }

  @Override
  public final void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      GlobalTeardown.unregister(this);
    }
  }

  /** The socat process id (the parent that forks per connection or datagram). */
  public final long pid() {
    return process.pid();
  }
}
