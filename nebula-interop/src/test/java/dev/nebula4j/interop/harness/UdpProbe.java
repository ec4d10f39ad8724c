package dev.nebula4j.interop.harness;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The outcome of one UDP exchange made with {@code socat} inside a namespace: a datagram sent on a
 * connected socket, then whatever came back within the timeout — an answer, nothing (dropped), or
 * an ICMP error the kernel turned into a socket error (a reject: port unreachable, administratively
 * prohibited). The exchange ends as soon as an answer as long as the payload (an echo) or an ICMP
 * error arrives; only silence waits for the whole timeout.
 *
 * @param outcome what came back
 * @param sent the payload sent
 * @param received what came back (empty unless {@link Outcome#ANSWERED})
 * @param result the socat command and its output, for failure messages
 */
public record UdpProbe(Outcome outcome, String sent, String received, CommandResult result) {

  /** How a UDP exchange ended. */
  public enum Outcome {
    /** A datagram came back. */
    ANSWERED,
    /** Nothing came back within the timeout: the datagram (or its answer) was dropped. */
    SILENT,
    /**
     * An ICMP destination-unreachable came back: Linux reports code 3 (port) as "Connection
     * refused", codes 9, 10 and 13 (prohibited) as "No route to host" ({@code EHOSTUNREACH}).
     */
    UNREACHABLE,
    /** Anything else: see {@link UdpProbe#result()}. */
    FAILED
  }

  static UdpProbe run(Netns ns, InetAddress target, int port, String payload, Duration timeout) {
    if (payload.isEmpty()) {
      throw new IllegalArgumentException("a UDP probe needs a non-empty payload");
    }
    String secs = Netns.socatSeconds(timeout);
    int length = payload.getBytes(StandardCharsets.UTF_8).length;
    // -t: after stdin's EOF wait this long for the answer (default 0.5 s); readbytes: EOF on the
    // socket side, and so exit, once an answer of the payload's length was read
    CommandResult r =
        ns.exec(
            List.of(
                Commands.tool("socat"), "-t", secs, "-T", secs, "-",
                "UDP4:" + target.getHostAddress() + ":" + port + ",readbytes=" + length),
            payload,
            timeout.plusSeconds(10));
    Outcome o;
    if (!r.stdout().isEmpty()) {
      o = Outcome.ANSWERED;
    } else if (r.stderr().contains("No route to host") || r.stderr().contains("Connection refused")
        || r.stderr().contains("unreachable")) {
      o = Outcome.UNREACHABLE;
    } else if (r.succeeded()) {
      o = Outcome.SILENT;
    } else {
      o = Outcome.FAILED;
    }
    return new UdpProbe(o, payload, r.stdout(), r);
  }

  /** Whether socat reported {@code EHOSTUNREACH}: ICMP unreachable code 9, 10 or 13 (or host). */
  public boolean hostUnreachable() {
    return outcome == Outcome.UNREACHABLE && result.stderr().contains("No route to host");
  }
}
