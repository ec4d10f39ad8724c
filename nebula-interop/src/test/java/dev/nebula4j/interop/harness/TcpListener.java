package dev.nebula4j.interop.harness;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A TCP echo listener ({@code socat TCP4-LISTEN:<port>,fork PIPE}) on every address of a
 * namespace, which records who connected. Start one with {@link InteropLab#tcpListener}.
 */
public final class TcpListener extends SocatServer {
  private static final Pattern LISTENING = Pattern.compile(" N listening on ");
  private static final Pattern ACCEPTED = Pattern.compile(" N accepting connection from ");

  private TcpListener(Netns netns, int port) {
    super(netns, port, "TCP4-LISTEN:" + port + ",reuseaddr,fork", LISTENING, ACCEPTED);
  }

  /** Starts the listener and returns once it accepts connections. */
  public static TcpListener start(Netns netns, int port) {
    TcpListener l = new TcpListener(netns, port);
    l.awaitListening(Duration.ofSeconds(10));
    return l;
  }

  /** Remote addresses of the connections accepted so far. */
  public List<InetSocketAddress> acceptedFrom() {
    return peers();
  }

  /** Waits for the {@code n}-th accepted connection (1-based) and returns its remote address. */
  public InetSocketAddress awaitAccepted(int n, Duration timeout) {
    return awaitPeer(n, timeout);
  }

  @Override
  public String toString() {
    return "tcp listener :" + port() + " in " + netns();
  }
}
