package dev.nebula4j.node;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of a node's counters ({@link NebulaNode#stats()}), cumulative since start.
 *
 * @param datagramsReceived UDP datagrams received
 * @param datagramsSent UDP datagrams sent (all types)
 * @param packetsToDevice IP packets written to the device after decryption and the firewall
 * @param packetsFromDevice IP packets the device handed to the node
 * @param handshakesInitiated handshakes we started
 * @param handshakesCompleted handshakes that produced a tunnel (initiated or answered)
 * @param tunnels tunnels established now
 * @param pendingHandshakes handshakes of ours in progress now
 * @param recvErrorsSent recv_error packets sent
 * @param recvErrorsReceived recv_error packets that closed a tunnel
 * @param drops dropped datagrams and packets by reason (every reason present, zero if none)
 * @param handshakeFailures failed or refused handshakes by reason (every reason present)
 */
public record NodeStats(
    long datagramsReceived,
    long datagramsSent,
    long packetsToDevice,
    long packetsFromDevice,
    long handshakesInitiated,
    long handshakesCompleted,
    int tunnels,
    int pendingHandshakes,
    long recvErrorsSent,
    long recvErrorsReceived,
    Map<PacketDropReason, Long> drops,
    Map<HandshakeFailure, Long> handshakeFailures) {

  public NodeStats {
    EnumMap<PacketDropReason, Long> d = new EnumMap<>(PacketDropReason.class);
    d.putAll(Objects.requireNonNull(drops, "drops"));
    drops = Collections.unmodifiableMap(d);
    EnumMap<HandshakeFailure, Long> h = new EnumMap<>(HandshakeFailure.class);
    h.putAll(Objects.requireNonNull(handshakeFailures, "handshakeFailures"));
    handshakeFailures = Collections.unmodifiableMap(h);
  }

  /** Drops for one reason. */
  public long drops(PacketDropReason reason) {
    return drops.getOrDefault(reason, 0L);
  }

  /** Failed or refused handshakes for one reason. */
  public long handshakeFailures(HandshakeFailure reason) {
    return handshakeFailures.getOrDefault(reason, 0L);
  }

  /** All drops, whatever the reason. */
  public long totalDrops() {
    long sum = 0;
    for (long v : drops.values()) {
      sum += v;
    }
    return sum;
  }
}
