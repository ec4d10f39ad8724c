package dev.nebula4j.node;

import dev.nebula4j.firewall.Direction;
import dev.nebula4j.firewall.DropReason;
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
 * @param firewallDrops packets the firewall dropped or rejected, by direction and the firewall's
 *     own reason (every direction and reason present): the detail behind {@link
 *     PacketDropReason#FIREWALL_INBOUND} and {@link PacketDropReason#FIREWALL_OUTBOUND}, plus the
 *     malformed packets the firewall refused to classify
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
    Map<HandshakeFailure, Long> handshakeFailures,
    Map<Direction, Map<DropReason, Long>> firewallDrops) {

  public NodeStats {
    EnumMap<PacketDropReason, Long> d = new EnumMap<>(PacketDropReason.class);
    d.putAll(Objects.requireNonNull(drops, "drops"));
    drops = Collections.unmodifiableMap(d);
    EnumMap<HandshakeFailure, Long> h = new EnumMap<>(HandshakeFailure.class);
    h.putAll(Objects.requireNonNull(handshakeFailures, "handshakeFailures"));
    handshakeFailures = Collections.unmodifiableMap(h);
    Objects.requireNonNull(firewallDrops, "firewallDrops");
    EnumMap<Direction, Map<DropReason, Long>> f = new EnumMap<>(Direction.class);
    for (Direction dir : Direction.values()) {
      EnumMap<DropReason, Long> byReason = new EnumMap<>(DropReason.class);
      for (DropReason r : DropReason.values()) {
        byReason.put(r, 0L);
      }
      Map<DropReason, Long> given = firewallDrops.get(dir);
      if (given != null) {
        byReason.putAll(given);
      }
      f.put(dir, Collections.unmodifiableMap(byReason));
    }
    firewallDrops = Collections.unmodifiableMap(f);
  }

  /** Packets the firewall dropped (or rejected) in {@code direction} for {@code reason}. */
  public long firewallDrops(Direction direction, DropReason reason) {
    return firewallDrops.get(direction).get(reason);
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
