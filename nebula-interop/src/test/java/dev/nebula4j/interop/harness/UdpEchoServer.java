package dev.nebula4j.interop.harness;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A UDP echo server ({@code socat UDP4-RECVFROM:<port>,fork PIPE}) on every address of a
 * namespace: each datagram is sent back to its sender. Records who sent. Start one with {@link
 * InteropLab#udpEcho}.
 */
public final class UdpEchoServer extends SocatServer {
  private static final Pattern RECEIVING = Pattern.compile(" N receiving on ");
  private static final Pattern PACKET = Pattern.compile(" N receiving packet from ");

  private UdpEchoServer(Netns netns, int port) {
    super(netns, port, "UDP4-RECVFROM:" + port + ",fork", RECEIVING, PACKET);
  }

  /** Starts the echo server and returns once it receives. */
  public static UdpEchoServer start(Netns netns, int port) {
    UdpEchoServer s = new UdpEchoServer(netns, port);
    s.awaitListening(Duration.ofSeconds(10));
    return s;
  }

  /** Senders of the datagrams received so far. */
  public List<InetSocketAddress> receivedFrom() {
    return peers();
  }

  /** Waits for the {@code n}-th datagram (1-based) and returns its sender. */
  public InetSocketAddress awaitDatagram(int n, Duration timeout) {
    return awaitPeer(n, timeout);
  }

  @Override
  public String toString() {
    return "udp echo :" + port() + " in " + netns();
  }
}
