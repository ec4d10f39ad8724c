package dev.nebula4j.internal.device;

import dev.nebula4j.device.Device;
import dev.nebula4j.device.PacketHandler;
import dev.nebula4j.internal.packet.Ipv4Networks;
import dev.nebula4j.internal.packet.Ipv4Packet;
import dev.nebula4j.internal.packet.PacketBufferPool;
import dev.nebula4j.net.IpNetwork;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The device of a node configured with {@code tun.disabled: true} (lighthouses, relays, hosts
 * without root): there is no operating-system interface, but like Go nebula (1.4+) the node still
 * answers ICMP echo requests to its own overlay addresses. Every other inbound packet is dropped
 * and counted. It never produces packets of its own accord.
 *
 * <p>Replies reach the node's handler from this device's thread, never from inside {@link
 * #write}, as the {@link Device} contract requires.
 */
public final class EchoResponderDevice implements Device {
  private static final int QUEUE_CAPACITY = 64;

  private final String name;
  private final int mtu;
  private final List<IpNetwork> addresses;
  private final Ipv4Networks localAddresses;
  private final HandlerPump pump;
  private final AtomicLong echoRepliesSent = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final Object stateLock = new Object();
  private boolean started;
  private volatile boolean closed;

  /**
   * @param addresses the node's overlay addresses (IPv6 entries are kept but never answered)
   * @param mtu {@code tun.mtu}, the largest packet answered
   */
  public EchoResponderDevice(String name, List<IpNetwork> addresses, int mtu) {
    this.name = Objects.requireNonNull(name, "name");
    this.addresses = List.copyOf(addresses);
    if (this.addresses.isEmpty()) {
      throw new IllegalArgumentException("a device needs at least one overlay address");
    }
    if (mtu < 68) {
      throw new IllegalArgumentException("mtu " + mtu + " is below the IPv4 minimum of 68");
    }
    this.mtu = mtu;
    this.localAddresses = Ipv4Networks.of(this.addresses);
    this.pump = new HandlerPump(
        "nebula4j-echo-" + name, new PacketBufferPool(mtu, QUEUE_CAPACITY), QUEUE_CAPACITY);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int mtu() {
    return mtu;
  }

  @Override
  public List<IpNetwork> addresses() {
    return addresses;
  }

  @Override
  public void start(PacketHandler handler) {
    Objects.requireNonNull(handler, "handler");
    synchronized (stateLock) {
      if (closed || started) {
        throw new IllegalStateException(name + (closed ? " is closed" : " is already started"));
      }
      started = true;
      pump.start(b -> handler.onPacket(b.data(), 0, b.length()));
    }
  }

  /** Answers an echo request to one of our addresses; drops (and counts) anything else. */
  @Override
  public boolean write(byte[] buf, int off, int len) {
    Objects.checkFromIndexSize(off, len, buf.length);
    if (closed) {
      return false;
    }
    if (len > mtu || len < 20) {
      dropped.incrementAndGet();
      return false;
    }
    int dst = Ipv4Packet.destination(buf, off);
    if (localAddresses.isAddress(dst)) {
      return answer(buf, off, len, dst);
    }
    dropped.incrementAndGet();
    return false;
  }

  private boolean answer(byte[] buf, int off, int len, int local) {
    // counted before the reply is queued, so that the pinger sees it counted once answered
    echoRepliesSent.incrementAndGet();
    if (pump.offerEchoReply(buf, off, len, local) == HandlerPump.EchoReply.QUEUED) {
      return true;
    }
    echoRepliesSent.decrementAndGet();
    dropped.incrementAndGet();
    return false;
  }

  /** Echo requests answered. */
  public long echoRepliesSent() {
    return echoRepliesSent.get();
  }

  /** Packets dropped: not an echo request to us, malformed, or replies backed up. */
  public long dropped() {
    return dropped.get();
  }

  /** The reply thread, {@code null} before {@link #start}. */
  Thread thread() {
    return pump.thread();
  }

  @Override
  public void close() {
    synchronized (stateLock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    pump.close();
  }

  @Override
  public String toString() {
    return "EchoResponderDevice{" + name + ", " + addresses + ", mtu=" + mtu
        + (closed ? ", closed}" : "}");
  }
}
