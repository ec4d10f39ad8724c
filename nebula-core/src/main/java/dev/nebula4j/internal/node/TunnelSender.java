package dev.nebula4j.internal.node;

import dev.nebula4j.internal.crypto.AeadAlgorithm;
import dev.nebula4j.internal.header.HeaderCodec;
import dev.nebula4j.internal.header.MessageType;
import dev.nebula4j.internal.header.RecvErrorPacket;
import dev.nebula4j.internal.hostmap.Tunnel;
import dev.nebula4j.node.PacketDropReason;
import dev.nebula4j.udp.Underlay;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Encrypts and sends through a tunnel (spec §2.3): reserves the tunnel's next counter, writes the
 * header with the peer's index and that counter, seals the payload with the header as associated
 * data into the calling thread's {@link PacketScratch#out} buffer, and sends the datagram to the
 * tunnel's current remote. Allocation-free; safe from any thread.
 */
final class TunnelSender {
  private static final byte[] EMPTY = new byte[0];

  private final Underlay underlay;
  private final NodeCounters counters;
  private final DropLog drops;
  private final ConnectionManager connections;

  TunnelSender(Underlay underlay, NodeCounters counters, DropLog drops,
      ConnectionManager connections) {
    this.underlay = underlay;
    this.counters = counters;
    this.drops = drops;
    this.connections = connections;
  }

  /**
   * Sends {@code payload[off, off + len)} as a {@code type}/{@code subtype} packet through {@code
   * tunnel}; {@code payload} must not be this thread's {@link PacketScratch#out} buffer.
   *
   * @return whether the datagram was handed to the underlay (failures are counted)
   */
  boolean send(Tunnel tunnel, int type, int subtype, byte[] payload, int off, int len) {
    int total = HeaderCodec.LENGTH + len + AeadAlgorithm.TAG_LENGTH;
    byte[] out = PacketScratch.get().out(total);
    long counter = tunnel.nextCounter();
    HeaderCodec.write(out, 0, type, subtype, tunnel.remoteIndex(), counter);
    InetSocketAddress remote = tunnel.remote();
    try {
      tunnel.sendAead().seal(counter, out, 0, HeaderCodec.LENGTH, payload, off, len, out,
          HeaderCodec.LENGTH);
      underlay.send(out, 0, total, remote);
    } catch (IOException | RuntimeException e) {
      drops.drop(PacketDropReason.SEND_FAILED, remote);
      return false;
    }
    counters.datagramsSent.increment();
    tunnel.countSent(len);
    if (type != MessageType.CLOSE_TUNNEL) {
      connections.onOutbound(tunnel);
    }
    return true;
  }

  /** Sends a test request with an empty payload (liveness, spec §8.1). */
  void sendTestRequest(Tunnel tunnel) {
    send(tunnel, MessageType.TEST, MessageType.SUBTYPE_TEST_REQUEST, EMPTY, 0, 0);
  }

  /** Sends closeTunnel (spec §2.7). */
  void sendCloseTunnel(Tunnel tunnel) {
    send(tunnel, MessageType.CLOSE_TUNNEL, MessageType.SUBTYPE_NONE, EMPTY, 0, 0);
  }

  /** Sends a recv_error naming {@code index} to {@code target} (spec §2.7). */
  void sendRecvError(int index, InetSocketAddress target) {
    byte[] out = PacketScratch.get().out(RecvErrorPacket.LENGTH);
    RecvErrorPacket.write(out, 0, index);
    if (sendRaw(out, 0, RecvErrorPacket.LENGTH, target)) {
      counters.recvErrorsSent.increment();
    }
  }

  /**
   * Sends a datagram as it is (handshake messages).
   *
   * @return whether it was handed to the underlay (failures are counted)
   */
  boolean sendRaw(byte[] buf, int off, int len, InetSocketAddress target) {
    try {
      underlay.send(buf, off, len, target);
    } catch (IOException | RuntimeException e) {
      drops.drop(PacketDropReason.SEND_FAILED, target);
      return false;
    }
    counters.datagramsSent.increment();
    return true;
  }

  /** Whether the underlay can reach {@code target} at all (address family). */
  boolean canSendTo(InetSocketAddress target) {
    return underlay.canSendTo(target);
  }
}
