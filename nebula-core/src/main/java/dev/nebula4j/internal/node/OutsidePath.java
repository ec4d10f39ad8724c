package dev.nebula4j.internal.node;

import dev.nebula4j.config.HostPort;
import dev.nebula4j.internal.crypto.AeadAlgorithm;
import dev.nebula4j.internal.firewall.Verdict;
import dev.nebula4j.internal.header.HeaderCodec;
import dev.nebula4j.internal.header.MessageType;
import dev.nebula4j.internal.hostmap.Tunnel;
import dev.nebula4j.internal.packet.PacketBytes;
import dev.nebula4j.internal.packet.RejectPackets;
import dev.nebula4j.node.PacketDropReason;
import dev.nebula4j.node.TunnelCloseReason;
import dev.nebula4j.udp.DatagramHandler;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outside path: UDP datagram → header → dispatch (spec §2.6). Runs on the underlay's reader
 * thread(s); allocation-free for data packets.
 *
 * <pre>
 *  datagram ─► len &lt; 16? ── drop HOLE_PUNCH (≤ 1 byte, §2.8) or TOO_SHORT
 *     │        source in our VPN network? ── drop FROM_OWN_NETWORK
 *     ▼
 *  header type ─┬─ handshake ──────► HandshakeManager (§3)
 *               ├─ recv_error ─────► find tunnel by remote index; source = its remote? close it
 *               ├─ message/relay ──► drop RELAY_UNSUPPORTED (extension point, §5)
 *               └─ message, test, closeTunnel, lighthouse, control
 *                    │
 *                    ▼
 *          tunnel = hostMap.byLocalIndex(remote index) ── none: drop UNKNOWN_INDEX, recv_error
 *          window.check(counter) ─────────────────────── no: drop REPLAYED (before decrypting)
 *          AEAD open(header as AD) ───────────────────── fail: drop DECRYPT_FAILED
 *          window.update(counter) ────────────────────── no: drop REPLAYED
 *          roaming (§8.3), liveness: inbound seen
 *                    │
 *                    ├─ message ──► firewall inbound ─ accept ─► device.write
 *                    │                               └ reject ─► reject packet back through tunnel
 *                    ├─ test request ──► test reply with the same payload (replies ignored)
 *                    ├─ closeTunnel ───► delete the tunnel locally
 *                    └─ lighthouse, control ──► TunnelMessageHandler (today: counted, dropped)
 * </pre>
 */
final class OutsidePath implements DatagramHandler {
  private static final Logger log = LoggerFactory.getLogger(OutsidePath.class);

  private final NodeRuntime node;

  OutsidePath(NodeRuntime node) {
    this.node = node;
  }

  @Override
  public void onDatagram(byte[] buf, int off, int len, InetSocketAddress source) {
    node.counters.datagramsReceived.increment();
    if (len < HeaderCodec.LENGTH) {
      node.drops.drop(len <= 1 ? PacketDropReason.HOLE_PUNCH : PacketDropReason.TOO_SHORT,
          source);
      return;
    }
    PacketScratch s = PacketScratch.get();
    if (fromOwnNetwork(s, source)) {
      node.drops.drop(PacketDropReason.FROM_OWN_NETWORK, source);
      return;
    }
    if (HeaderCodec.version(buf, off) != MessageType.VERSION) {
      node.drops.drop(PacketDropReason.UNKNOWN_TYPE, source);
      return;
    }
    int type = HeaderCodec.type(buf, off);
    switch (type) {
      case MessageType.HANDSHAKE -> node.handshakes.onHandshakePacket(buf, off, len, source);
      case MessageType.RECV_ERROR -> onRecvError(buf, off, source);
      case MessageType.MESSAGE, MessageType.LIGHTHOUSE, MessageType.TEST,
          MessageType.CLOSE_TUNNEL, MessageType.CONTROL -> onTunnelPacket(s, buf, off, len, type,
          source);
      default -> node.drops.drop(PacketDropReason.UNKNOWN_TYPE, source);
    }
  }

  private void onTunnelPacket(PacketScratch s, byte[] buf, int off, int len, int type,
      InetSocketAddress source) {
    int subtype = HeaderCodec.subtype(buf, off);
    if (type == MessageType.MESSAGE && subtype == MessageType.SUBTYPE_MESSAGE_RELAY) {
      node.drops.drop(PacketDropReason.RELAY_UNSUPPORTED, source);
      return;
    }
    int index = HeaderCodec.remoteIndex(buf, off);
    Tunnel t = node.hostMap.byLocalIndex(index);
    if (t == null) {
      node.drops.drop(PacketDropReason.UNKNOWN_INDEX, source);
      if (RecvErrorPolicies.allows(node.sendRecvError, source)) {
        node.sender.sendRecvError(index, source);
      }
      return;
    }
    long counter = HeaderCodec.counter(buf, off);
    if (!t.window().check(counter)) {
      node.drops.drop(PacketDropReason.REPLAYED, source);
      return;
    }
    int cipherLen = len - HeaderCodec.LENGTH;
    byte[] plain = s.plain(Math.max(0, cipherLen - AeadAlgorithm.TAG_LENGTH));
    int n = t.receiveAead().open(counter, buf, off, HeaderCodec.LENGTH, buf,
        off + HeaderCodec.LENGTH, cipherLen, plain, 0);
    if (n < 0) {
      node.drops.drop(PacketDropReason.DECRYPT_FAILED, source);
      return;
    }
    if (!t.window().update(counter)) {
      node.drops.drop(PacketDropReason.REPLAYED, source);
      return;
    }
    t.countReceived(n);
    if (type == MessageType.CLOSE_TUNNEL) {
      log.info("Close tunnel received, tearing down: vpnIp={} certName={} udpAddr={}",
          t.vpnAddressText(), t.peerName(), HostPort.of(source));
      node.closeTunnel(t, TunnelCloseReason.PEER_CLOSED, false);
      return;
    }
    if (source != t.remote() && !source.equals(t.remote())) {
      node.roam(t, source);
    }
    t.markInbound();
    switch (type) {
      case MessageType.MESSAGE -> {
        if (subtype == MessageType.SUBTYPE_MESSAGE_NONE) {
          toDevice(s, t, plain, n, source);
        } else {
          node.drops.drop(PacketDropReason.UNKNOWN_TYPE, source);
        }
      }
      case MessageType.TEST -> {
        if (subtype == MessageType.SUBTYPE_TEST_REQUEST) {
          node.sender.send(t, MessageType.TEST, MessageType.SUBTYPE_TEST_REPLY, plain, 0, n);
        }
        // replies only prove liveness; 1.6.1 fills their payload with garbage (§2.7)
      }
      case MessageType.LIGHTHOUSE -> node.lighthouseHandler.onMessage(t, plain, 0, n, source);
      default -> node.controlHandler.onMessage(t, plain, 0, n, source);
    }
  }

  private void toDevice(PacketScratch s, Tunnel t, byte[] packet, int len,
      InetSocketAddress source) {
    int verdict = node.firewall.inbound(packet, 0, len, t.firewallPeer(), s.tuple);
    if (verdict == Verdict.ACCEPT) {
      if (node.device.write(packet, 0, len)) {
        node.counters.packetsToDevice.increment();
      } else {
        node.drops.drop(PacketDropReason.DEVICE_REFUSED, source);
      }
      return;
    }
    node.drops.drop(PacketDropReason.FIREWALL_INBOUND, source);
    if (Verdict.isReject(verdict)) {
      int r = RejectPackets.build(packet, 0, len, s.reject, 0);
      if (r > 0) {
        node.sender.send(t, MessageType.MESSAGE, MessageType.SUBTYPE_MESSAGE_NONE, s.reject, 0, r);
      }
    }
  }

  private void onRecvError(byte[] buf, int off, InetSocketAddress source) {
    int index = HeaderCodec.remoteIndex(buf, off);
    Tunnel t = node.hostMap.byRemoteIndex(index);
    if (t == null || !RecvErrorPolicies.allows(node.acceptRecvError, source)) {
      node.drops.drop(PacketDropReason.RECV_ERROR_IGNORED, source);
      return;
    }
    if (!source.equals(t.remote())) {
      node.drops.drop(PacketDropReason.RECV_ERROR_WRONG_SOURCE, source);
      return;
    }
    node.counters.recvErrorsReceived.increment();
    log.info("Recv error received: peer {} ({}) at {} has no tunnel for index {}; closing ours "
        + "so the next packet starts a new handshake", t.peerName(), t.vpnAddressText(), source,
        Integer.toUnsignedString(index));
    node.closeTunnel(t, TunnelCloseReason.RECV_ERROR, false);
  }

  /** Whether the underlay source lies in one of our VPN networks (cached per sender instance). */
  private boolean fromOwnNetwork(PacketScratch s, InetSocketAddress source) {
    if (s.lastSource == source && s.sourceOwner == this) {
      return s.lastSourceInOwnNetwork;
    }
    InetAddress a = source.getAddress();
    boolean own = a instanceof Inet4Address
        && node.ownNetworks.contains(PacketBytes.i32(a.getAddress(), 0));
    s.sourceOwner = this;
    s.lastSource = source;
    s.lastSourceInOwnNetwork = own;
    return own;
  }
}
