package dev.nebula4j.internal.node;

import dev.nebula4j.device.PacketHandler;
import dev.nebula4j.firewall.Direction;
import dev.nebula4j.internal.firewall.Verdict;
import dev.nebula4j.internal.header.MessageType;
import dev.nebula4j.internal.hostmap.Tunnel;
import dev.nebula4j.internal.packet.RejectPackets;
import dev.nebula4j.node.PacketDropReason;

/**
 * The inside path: an IP packet from the device → firewall outbound → encrypt → UDP. Runs on
 * whatever thread the device calls its handler on (device threads, application threads of a
 * userspace device); allocation-free when the tunnel exists.
 *
 * <pre>
 *  packet ─► classify (IPv4, ports) ── malformed / not IPv4: drop INSIDE_MALFORMED
 *     │      to our own VPN address: drop TO_SELF (§7); broadcast/multicast per tun.drop_*
 *     ▼
 *  destination in our VPN networks? ── no: unsafe route gateway, or drop NO_ROUTE
 *     ▼
 *  tunnel = hostMap.byVpnAddress(dst) ── none: HandshakeManager caches the packet (≤ 100) and
 *     │                                   starts the handshake; flushed through the firewall later
 *     ▼
 *  firewall outbound ── accept ─► counter++ ─► header ‖ AEAD(payload, AD = header) ─► UDP
 *                    └─ drop: counted; reject: answer written back into the device
 * </pre>
 */
final class InsidePath implements PacketHandler {
  private final NodeRuntime node;

  InsidePath(NodeRuntime node) {
    this.node = node;
  }

  @Override
  public void onPacket(byte[] buf, int off, int len) {
    node.counters.packetsFromDevice.increment();
    if (!node.running) {
      node.drops.drop(PacketDropReason.NOT_RUNNING, null);
      return;
    }
    PacketScratch s = PacketScratch.get();
    if (node.firewall.classify(buf, off, len, Direction.OUTBOUND, s.tuple) != 0) {
      node.drops.drop(PacketDropReason.INSIDE_MALFORMED, null);
      return;
    }
    int destination = s.tuple.remoteIpv4();
    if (node.identity.isOwnAddress(destination)) {
      node.drops.drop(PacketDropReason.TO_SELF, null);
      return;
    }
    if (node.dropMulticast && (destination >>> 28) == 0xE) {
      node.drops.drop(PacketDropReason.BROADCAST, null);
      return;
    }
    int target = destination;
    if (!node.ownNetworks.contains(destination)) {
      target = node.unsafeRoutes.gatewayFor(destination);
      if (target == 0) {
        node.drops.drop(PacketDropReason.NO_ROUTE, null);
        return;
      }
    } else if (node.dropLocalBroadcast && node.ownNetworks.isBroadcast(destination)) {
      node.drops.drop(PacketDropReason.BROADCAST, null);
      return;
    }
    Tunnel t = node.handshakes.sendOrCache(
        target, MessageType.MESSAGE, MessageType.SUBTYPE_MESSAGE_NONE, buf, off, len);
    if (t == null) {
      return; // cached for the handshake, or dropped and counted
    }
    filterAndSend(s, t, buf, off, len);
  }

  /** Firewall outbound, then encrypt and send; also used to flush packets cached by handshakes. */
  void filterAndSend(PacketScratch s, Tunnel t, byte[] buf, int off, int len) {
    int verdict = node.firewall.filter(s.tuple, t.firewallPeer());
    if (verdict == Verdict.ACCEPT) {
      node.sender.send(t, MessageType.MESSAGE, MessageType.SUBTYPE_MESSAGE_NONE, buf, off, len);
      return;
    }
    node.drops.drop(PacketDropReason.FIREWALL_OUTBOUND, null);
    if (Verdict.isReject(verdict)) {
      int r = RejectPackets.build(buf, off, len, s.reject, 0);
      if (r > 0) {
        node.device.write(s.reject, 0, r);
      }
    }
  }

  /** Re-classifies a cached packet and sends it through {@code t} (flush after a handshake). */
  void flushCached(Tunnel t, byte[] packet) {
    PacketScratch s = PacketScratch.get();
    if (node.firewall.classify(packet, 0, packet.length, Direction.OUTBOUND, s.tuple) != 0) {
      node.drops.drop(PacketDropReason.INSIDE_MALFORMED, null);
      return;
    }
    filterAndSend(s, t, packet, 0, packet.length);
  }
}
