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
import java.util.function.Function;
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
  /** A line reporting a peer: the subclass's pattern, then the peer's address in groups 1 and 2. */
  private final Pattern peerLine;
  private final AwaitableLog<String> log = new AwaitableLog<>(this, Function.identity());
  private volatile boolean ended;
  private volatile boolean closed;

  SocatServer(Netns netns, int port, String listenAddress, Pattern readyLine, Pattern peerLine) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, was " + port);
    }
    this.netns = netns;
    this.port = port;
    this.readyLine = readyLine;
    this.peerLine = Pattern.compile(peerLine.pattern() + ".*?" + PEER.pattern());
    this.process =
        netns.start(List.of(Commands.tool("socat"), "-d", "-d", listenAddress, "PIPE"));
    GlobalTeardown.register(this);
    Commands.runAsync(this::readLog);
  }

  /** Waits until socat reports that it listens; closes and fails if it exits first. */
  final void awaitListening(Duration timeout) {
    if (log.await(0, readyLine, timeout, () -> ended).isEmpty()) {
      String why = ended ? "exited" : "did not listen within " + timeout;
      close();
      throw new HarnessException(this + " " + why + "; output:\n" + output());
    }
  }

  private void readLog() {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        log.add(line);
      }
    } catch (IOException e) {
      // the process was killed; what was read stays available
    } finally {
      ended = true;
      log.wakeAll();
    }
  }

  public final Netns netns() {
    return netns;
  }

  public final int port() {
    return port;
  }

  /** The peers socat reported, in order (one per connection or datagram). */
  final List<InetSocketAddress> peers() {
    List<InetSocketAddress> peers = new ArrayList<>();
    for (String line : log.entriesFrom(0)) {
      Matcher m = peerLine.matcher(line);
      if (m.find()) {
        peers.add(peer(m));
      }
    }
    return peers;
  }

  /** Waits for the {@code n}-th peer (1-based) and returns it. */
  final InetSocketAddress awaitPeer(int n, Duration timeout) {
    String line = log.await(0, peerLine, n, timeout, () -> ended).orElseThrow(() ->
        new AssertionError(
            this + ": expected " + n + " peer(s) within " + timeout + ", saw " + peers()
                + "; log:\n" + output()));
    Matcher m = peerLine.matcher(line);
    m.find();
    return peer(m);
  }

  private static InetSocketAddress peer(Matcher m) {
    return new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2)));
  }

  /** socat's own log lines so far, one per line. */
  private String output() {
    return String.join("\n", log.entriesFrom(0));
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
