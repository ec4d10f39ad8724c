package dev.nebula4j.internal.node;

import dev.nebula4j.internal.crypto.AeadAlgorithm;
import dev.nebula4j.internal.firewall.FlowTuple;
import dev.nebula4j.internal.header.HeaderCodec;
import dev.nebula4j.internal.packet.RejectPackets;
import dev.nebula4j.udp.UnderlaySettings;
import java.net.InetSocketAddress;

/**
 * The per-thread buffers of the packet paths, so that no packet allocates: the outgoing datagram
 * ({@link #out}), the decrypted payload ({@link #plain}), a reject answer ({@link #reject}) and
 * the firewall's tuple. Every thread that runs a path (UDP readers, device threads, application
 * threads sending through a userspace device, the scheduler) gets its own set on first use; a
 * buffer grows (once) if a larger packet comes along.
 *
 * <p>Shared by every node in the JVM: a path never calls into another node on the same thread
 * while it holds these buffers (underlays and devices hand packets over through queues).
 */
final class PacketScratch {
  private static final int HEADER_AND_TAG = HeaderCodec.LENGTH + AeadAlgorithm.TAG_LENGTH;
  private static final ThreadLocal<PacketScratch> CURRENT = ThreadLocal.withInitial(PacketScratch::new);

  private byte[] out = new byte[UnderlaySettings.DEFAULT_MAX_DATAGRAM_SIZE + HEADER_AND_TAG];
  private byte[] plain = new byte[UnderlaySettings.DEFAULT_MAX_DATAGRAM_SIZE];
  final byte[] reject = new byte[RejectPackets.MAX_IPV4_LENGTH];
  final FlowTuple tuple = new FlowTuple();

  // the last underlay source this thread saw and whether it lies in our VPN network, per node:
  // the JDK hands the same InetSocketAddress instance for consecutive datagrams of one sender
  Object sourceOwner;
  InetSocketAddress lastSource;
  boolean lastSourceInOwnNetwork;

  static PacketScratch get() {
    return CURRENT.get();
  }

  /** A buffer of at least {@code length} bytes for an outgoing datagram. */
  byte[] out(int length) {
    if (out.length < length) {
      out = new byte[length];
    }
    return out;
  }

  /** A buffer of at least {@code length} bytes for a decrypted payload. */
  byte[] plain(int length) {
    if (plain.length < length) {
      plain = new byte[length];
    }
    return plain;
  }
}
