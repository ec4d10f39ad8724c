package dev.nebula4j.interop.harness;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The outcome of one TCP connection attempt made with {@code socat} inside a namespace: connected
 * (and what the peer echoed), refused (RST: nothing listens, or a reject rule), or timed out (the
 * SYN was dropped, e.g. by a firewall).
 *
 * @param outcome what happened to the connection attempt
 * @param sent the line the probe sent after connecting
 * @param received what came back before the peer closed or went silent
 * @param result the socat command and its output, for failure messages
 */
public record TcpProbe(Outcome outcome, String sent, String received, CommandResult result) {

  /** How a connection attempt ended. */
  public enum Outcome {
    /** The handshake completed. */
    CONNECTED,
    /** The peer answered with RST. */
    REFUSED,
    /** No answer within the timeout: the SYN (or its answer) was dropped. */
    TIMED_OUT,
    /** Anything else (no route, unreachable): see {@link TcpProbe#result()}. */
    FAILED
  }

  static TcpProbe run(Netns ns, InetAddress target, int port, Duration timeout) {
    String secs = Netns.socatSeconds(timeout);
    String line = "probe-" + UUID.randomUUID() + "\n";
    CommandResult r =
        ns.exec(
            List.of(
                Commands.tool("socat"),
                "-T",
                secs,
                "-",
                "TCP4:" + target.getHostAddress() + ":" + port + ",connect-timeout=" + secs),
            line,
            timeout.multipliedBy(2).plusSeconds(10));
    Outcome o;
    if (r.succeeded()) {
      o = Outcome.CONNECTED;
    } else if (r.stderr().contains("Connection refused")) {
      o = Outcome.REFUSED;
    } else if (r.stderr().contains("timed out")) {
      o = Outcome.TIMED_OUT;
    } else {
      o = Outcome.FAILED;
    }
    return new TcpProbe(o, line, r.stdout(), r);
  }

  /** Whether the peer sent back exactly what the probe sent (an echo listener answered). */
  public boolean echoed() {
    return outcome == Outcome.CONNECTED && received.equals(sent);
  }
}
