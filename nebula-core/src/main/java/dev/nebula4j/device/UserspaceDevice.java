package dev.nebula4j.device;

import dev.nebula4j.internal.device.HandlerPump;
import dev.nebula4j.internal.device.PendingPings;
import dev.nebula4j.internal.packet.IcmpEcho;
import dev.nebula4j.internal.packet.IpPacket;
import dev.nebula4j.internal.packet.IpProtocol;
import dev.nebula4j.internal.packet.Ipv4Networks;
import dev.nebula4j.internal.packet.Ipv4Packet;
import dev.nebula4j.internal.packet.PacketBuffer;
import dev.nebula4j.internal.packet.PacketBufferPool;
import dev.nebula4j.internal.packet.PacketBytes;
import dev.nebula4j.internal.packet.PacketCheck;
import dev.nebula4j.internal.packet.PacketQueue;
import dev.nebula4j.internal.packet.UdpDatagram;
import dev.nebula4j.internal.udp.EphemeralPorts;
import dev.nebula4j.net.IpNetwork;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Device} without a kernel: IP packets go to and from Java code. It needs no root, so it
 * is the device for embedding nebula in an application and for tests.
 *
 * <pre>{@code
 * UserspaceDevice device = UserspaceDevice.create("10.10.10.1/24");
 * // ... build and start a node with this device, then:
 * Duration rtt = device.ping(InetAddress.getByName("10.10.10.2"), Duration.ofSeconds(2));
 * try (UserspaceUdpSocket socket = device.openUdp(5000)) {
 *   socket.send(new InetSocketAddress("10.10.10.2", 7), "hello".getBytes(UTF_8));
 *   OverlayDatagram answer = socket.receive(Duration.ofSeconds(2));
 * }
 * }</pre>
 *
 * <p><b>What it does with inbound packets</b> (those the node {@link #write}s):
 *
 * <ul>
 *   <li>an ICMP echo request to one of its addresses is answered, as a host would, through the
 *       handler on the device's own thread;
 *   <li>an ICMP echo reply to one of its {@link #ping}s completes that ping;
 *   <li>a UDP datagram to a port opened with {@link #openUdp} is queued on that socket (bad
 *       checksums are dropped);
 *   <li>everything else, including IPv6 and fragments (there is no reassembly), is queued for
 *       {@link #receivePacket}.
 * </ul>
 *
 * <p>Every queue is bounded ({@link Builder#queueCapacity}); when one is full, or the shared
 * buffer pool is exhausted, the packet is dropped and counted in {@link #stats()}, as a kernel
 * drops when a socket buffer overflows. The write path copies each packet into a pooled buffer
 * and allocates nothing in steady state.
 *
 * <p><b>Outbound</b>: {@link #sendPacket}, {@link #ping} and {@link UserspaceUdpSocket#send} build
 * the packet in a per-thread buffer and call the node's handler on the calling thread. Packets to
 * the device's own addresses go to the handler too (a node drops them, as Linux does for its TUN;
 * a test may wire the handler straight back into {@link #write}).
 *
 * <p>Overlay traffic is IPv4 only for now (Go nebula 1.6.1 carries only IPv4): IPv6 addresses are
 * refused with {@link IllegalArgumentException}.
 *
 * <p><b>Thread-safety</b>: every method may be called from any thread. {@link #close()} is
 * idempotent; it wakes every thread blocked in {@link #ping}, {@link #receivePacket} or a socket's
 * {@code receive} (they throw {@link DeviceClosedException}), closes all sockets and stops the
 * device's thread.
 */
public final class UserspaceDevice implements Device {
  /** Go nebula's default {@code tun.mtu}. */
  public static final int DEFAULT_MTU = 1300;
  public static final int DEFAULT_QUEUE_CAPACITY = 512;
  /** ICMP echo data bytes sent by {@link #ping(InetAddress, Duration)}, as iputils ping. */
  public static final int DEFAULT_PING_DATA_LENGTH = 56;

  private static final int MIN_MTU = 68;
  private static final int MAX_MTU = 65535;
  private static final int PING_TOKEN_LENGTH = 8;

  private final String name;
  private final int mtu;
  private final List<IpNetwork> addresses;
  private final Ipv4Networks localAddresses;
  private final int queueCapacity;
  private final PacketBufferPool pool;
  private final PacketQueue rawQueue;
  private final HandlerPump pump;
  private final PendingPings pings = new PendingPings();
  private final int echoIdentifier;
  private final AtomicInteger nextSequence = new AtomicInteger();
  private final AtomicInteger nextIpId;
  private final ThreadLocal<byte[]> scratch;

  private final AtomicLong packetsIn = new AtomicLong();
  private final AtomicLong packetsOut = new AtomicLong();
  private final AtomicLong echoRepliesSent = new AtomicLong();
  private final AtomicLong droppedFull = new AtomicLong();
  private final AtomicLong droppedInvalid = new AtomicLong();

  private final Object stateLock = new Object();
  private volatile PacketHandler handler;
  private volatile boolean closed;
  private volatile PortTable ports = PortTable.EMPTY;
  private final EphemeralPorts ephemeralPorts = new EphemeralPorts(); // guarded by stateLock

  private UserspaceDevice(Builder b) {
    this.name = b.name;
    this.mtu = b.mtu;
    this.addresses = List.copyOf(b.addresses);
    this.localAddresses = Ipv4Networks.of(addresses);
    this.queueCapacity = b.queueCapacity;
    this.pool = new PacketBufferPool(mtu, 4 * queueCapacity);
    this.rawQueue = new PacketQueue(queueCapacity);
    this.pump = new HandlerPump("nebula4j-device-" + name, pool, queueCapacity);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    this.echoIdentifier = random.nextInt(0x10000);
    this.nextIpId = new AtomicInteger(random.nextInt(0x10000));
    this.scratch = ThreadLocal.withInitial(() -> new byte[mtu]);
  }

  /** A device with one address, e.g. {@code "10.10.10.1/24"}, and default settings. */
  public static UserspaceDevice create(String cidr) {
    return builder().address(IpNetwork.parse(cidr)).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  // ---------------------------------------------------------------- Device SPI

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
      if (closed) {
        throw new IllegalStateException(this + " is closed");
      }
      if (this.handler != null) {
        throw new IllegalStateException(this + " is already started");
      }
      pump.start(b -> handler.onPacket(b.data(), 0, b.length()));
      this.handler = handler;
    }
  }

  @Override
  public boolean write(byte[] buf, int off, int len) {
    Objects.checkFromIndexSize(off, len, buf.length);
    if (closed) {
      return false;
    }
    if (len == 0 || len > mtu) {
      droppedInvalid.incrementAndGet();
      return false;
    }
    int ihl = Ipv4Packet.check(buf, off, len);
    if (ihl < 0) {
      if (IpPacket.version(buf, off, len) == 6) {
        return enqueue(rawQueue, buf, off, len);
      }
      droppedInvalid.incrementAndGet();
      return false;
    }
    int dst = Ipv4Packet.destination(buf, off);
    if (localAddresses.isAddress(dst)) {
      int protocol = Ipv4Packet.protocol(buf, off);
      if (protocol == IpProtocol.ICMP && !Ipv4Packet.isFragment(buf, off)
          && Ipv4Packet.totalLength(buf, off) >= ihl + IcmpEcho.HEADER_LENGTH) {
        int type = IcmpEcho.type(buf, off + ihl);
        if (type == IcmpEcho.TYPE_ECHO_REQUEST) {
          return answerEcho(buf, off, len, dst);
        }
        if (type == IcmpEcho.TYPE_ECHO_REPLY && !pings.isEmpty() && completePing(buf, off, len)) {
          return true;
        }
      } else if (protocol == IpProtocol.UDP) {
        int udp = UdpDatagram.checkIpv4(buf, off, len);
        if (udp >= 0) {
          UserspaceUdpSocket socket = ports.find(UdpDatagram.destinationPort(buf, udp));
          if (socket != null) {
            return enqueue(socket.queue(), buf, off, len) || socket.countDrop();
          }
        } else if (udp != PacketCheck.FRAGMENT) {
          droppedInvalid.incrementAndGet();
          return false;
        }
      }
    }
    return enqueue(rawQueue, buf, off, len);
  }

  /** Closes the device, its sockets and its thread; wakes blocked callers. Idempotent. */
  @Override
  public void close() {
    synchronized (stateLock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    pings.close();
    pump.close();
    rawQueue.close();
    drain(rawQueue);
    PortTable table;
    synchronized (stateLock) {
      table = ports;
      ports = PortTable.EMPTY;
    }
    for (UserspaceUdpSocket s : table.sockets) {
      s.closeQueue();
      drain(s.queue());
    }
  }

  // ---------------------------------------------------------------- application API

  /**
   * Sends an ICMP echo request with {@value #DEFAULT_PING_DATA_LENGTH} data bytes and waits for
   * the reply.
   *
   * @return the round-trip time
   * @throws SocketTimeoutException if no reply arrives within {@code timeout}
   * @throws DeviceClosedException if the device is or gets closed
   * @throws InterruptedIOException if the thread is interrupted while waiting (the interrupt flag
   *     stays set)
   * @throws IllegalArgumentException if {@code destination} is not IPv4
   * @throws IllegalStateException if the device has not been started
   */
  public Duration ping(InetAddress destination, Duration timeout) throws IOException {
    return ping(destination, DEFAULT_PING_DATA_LENGTH, timeout);
  }

  /**
   * Like {@link #ping(InetAddress, Duration)} with {@code dataLength} bytes of echo data, between
   * 8 and {@code mtu - 28}.
   */
  public Duration ping(InetAddress destination, int dataLength, Duration timeout)
      throws IOException {
    int dst = requireIpv4(destination, "ping destination");
    long timeoutNanos = requireTimeout(timeout);
    int max = mtu - IcmpEcho.IPV4_OVERHEAD;
    if (dataLength < PING_TOKEN_LENGTH || dataLength > max) {
      throw new IllegalArgumentException("ping data length " + dataLength + " is outside "
          + PING_TOKEN_LENGTH + ".." + max + " (MTU " + mtu + " - 28 bytes of IPv4 and ICMP headers)");
    }
    PacketHandler h = requireRunning();
    int sequence = nextSequence.getAndIncrement() & 0xFFFF;
    long token = ThreadLocalRandom.current().nextLong();
    PendingPings.Waiter waiter;
    try {
      waiter = pings.register(sequence, dst, token);
    } catch (IllegalStateException e) {
      if (closed) {
        throw closedException();
      }
      throw e;
    }
    byte[] b = scratch.get();
    int data = IcmpEcho.IPV4_OVERHEAD;
    PacketBytes.put32(b, data, (int) (token >>> 32));
    PacketBytes.put32(b, data + 4, (int) token);
    for (int i = PING_TOKEN_LENGTH; i < dataLength; i++) {
      b[data + i] = (byte) i;
    }
    int len = IcmpEcho.writeIpv4(b, 0, IcmpEcho.TYPE_ECHO_REQUEST, sourceFor(dst), dst,
        echoIdentifier, sequence, nextIpId(), dataLength);
    long sent = System.nanoTime();
    try {
      h.onPacket(b, 0, len);
    } catch (RuntimeException e) {
      waiter.abandon();
      throw e;
    }
    packetsOut.incrementAndGet();
    long reply;
    try {
      reply = waiter.await(timeoutNanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while pinging " + format(dst));
    }
    if (reply < 0) {
      if (closed) {
        throw closedException();
      }
      throw new SocketTimeoutException(
          "no echo reply from " + format(dst) + " within " + timeout.toMillis() + " ms");
    }
    return Duration.ofNanos(reply - sent);
  }

  /** Sends one raw IP packet (the whole array) into the overlay. */
  public void sendPacket(byte[] packet) throws IOException {
    sendPacket(packet, 0, packet.length);
  }

  /**
   * Sends one raw IP packet into the overlay: hands {@code len} bytes at {@code off} to the node
   * as they are. The bytes are not checked beyond their length, so tests can send malformed
   * packets on purpose.
   *
   * @throws IllegalArgumentException if {@code len} is 0 or above the MTU
   * @throws DeviceClosedException if the device is closed
   * @throws IllegalStateException if the device has not been started
   */
  public void sendPacket(byte[] buf, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, buf.length);
    if (len == 0 || len > mtu) {
      throw new IllegalArgumentException(
          "packet of " + len + " bytes: must be 1.." + mtu + " (the MTU of " + name + ")");
    }
    requireRunning().onPacket(buf, off, len);
    packetsOut.incrementAndGet();
  }

  /**
   * The next inbound packet no ping or socket took (see the class description), waiting up to
   * {@code timeout}; {@link Duration#ZERO} does not wait.
   *
   * @return a copy of the whole IP packet
   * @throws SocketTimeoutException if none arrives in time
   * @throws DeviceClosedException if the device is or gets closed
   */
  public byte[] receivePacket(Duration timeout) throws IOException {
    PacketBuffer b = take(rawQueue, timeout, "packet");
    try {
      return b.copyOfPacket();
    } finally {
      pool.release(b);
    }
  }

  /**
   * Opens a UDP socket on all of this device's addresses.
   *
   * @param port 1..65535, or 0 for a free port from 49152 up
   * @throws BindException if the port is already open on this device, or no ephemeral port is free
   * @throws DeviceClosedException if the device is closed
   */
  public UserspaceUdpSocket openUdp(int port) throws IOException {
    if (port < 0 || port > 0xFFFF) {
      throw new IllegalArgumentException("UDP port " + port + " is not in 0..65535");
    }
    synchronized (stateLock) {
      if (closed) {
        throw closedException();
      }
      PortTable table = ports;
      if (port == 0) {
        port = freeEphemeralPort(table);
      } else if (table.find(port) != null) {
        throw new BindException("UDP port " + port + " is already open on " + this);
      }
      UserspaceUdpSocket socket = new UserspaceUdpSocket(this, port, new PacketQueue(queueCapacity));
      ports = table.with(port, socket);
      return socket;
    }
  }

  /** A snapshot of the counters. */
  public UserspaceDeviceStats stats() {
    return new UserspaceDeviceStats(packetsIn.get(), packetsOut.get(), echoRepliesSent.get(),
        droppedFull.get(), droppedInvalid.get());
  }

  public boolean isClosed() {
    return closed;
  }

  @Override
  public String toString() {
    String state = closed ? "closed" : handler == null ? "not started" : "running";
    return "UserspaceDevice{" + name + ", " + addresses + ", mtu=" + mtu + ", " + state + "}";
  }

  // ---------------------------------------------------------------- internals used by sockets

  void sendUdp(int sourcePort, InetSocketAddress target, byte[] payload, int off, int len)
      throws IOException {
    Objects.checkFromIndexSize(off, len, payload.length);
    Objects.requireNonNull(target, "target");
    if (target.isUnresolved()) {
      throw new IllegalArgumentException("target " + target + " is unresolved; give an address");
    }
    int dst = requireIpv4(target.getAddress(), "UDP target");
    if (target.getPort() == 0) {
      throw new IllegalArgumentException("cannot send to UDP port 0 (target " + target + ")");
    }
    int max = mtu - UdpDatagram.IPV4_OVERHEAD;
    if (len > max) {
      throw new IllegalArgumentException("UDP payload of " + len + " bytes exceeds " + max
          + " bytes (MTU " + mtu + " - 28 bytes of IPv4 and UDP headers)");
    }
    PacketHandler h = requireRunning();
    byte[] b = scratch.get();
    int total = UdpDatagram.writeIpv4(b, 0, sourceFor(dst), sourcePort, dst, target.getPort(),
        nextIpId(), payload, off, len);
    h.onPacket(b, 0, total);
    packetsOut.incrementAndGet();
  }

  OverlayDatagram receiveUdp(UserspaceUdpSocket socket, Duration timeout) throws IOException {
    if (socket.isClosed() && !closed) {
      throw new DeviceClosedException("UDP port " + socket.port() + " is closed");
    }
    PacketBuffer b = take(socket.queue(), timeout, "datagram on UDP port " + socket.port());
    try {
      byte[] p = b.data();
      int udp = Ipv4Packet.headerLength(p, 0);
      InetSocketAddress source = new InetSocketAddress(
          toInetAddress(Ipv4Packet.source(p, 0)), UdpDatagram.sourcePort(p, udp));
      InetSocketAddress destination = new InetSocketAddress(
          toInetAddress(Ipv4Packet.destination(p, 0)), UdpDatagram.destinationPort(p, udp));
      int payload = UdpDatagram.payloadOffset(udp);
      return new OverlayDatagram(source, destination,
          Arrays.copyOfRange(p, payload, payload + UdpDatagram.payloadLength(p, udp)));
    } finally {
      pool.release(b);
    }
  }

  void unregister(UserspaceUdpSocket socket) {
    synchronized (stateLock) {
      if (ports.find(socket.port()) == socket) {
        ports = ports.without(socket.port());
      }
    }
    socket.closeQueue();
    drain(socket.queue());
  }

  InetAddress primaryAddress() {
    return addresses.get(0).address();
  }

  DeviceClosedException closedException() {
    return new DeviceClosedException(name + " is closed");
  }

  // ---------------------------------------------------------------- private helpers

  private boolean answerEcho(byte[] buf, int off, int len, int local) {
    // counted before the reply is queued, so that the pinger sees it in stats() once answered
    packetsIn.incrementAndGet();
    echoRepliesSent.incrementAndGet();
    packetsOut.incrementAndGet();
    HandlerPump.EchoReply result = pump.offerEchoReply(buf, off, len, local);
    if (result == HandlerPump.EchoReply.QUEUED) {
      return true;
    }
    packetsIn.decrementAndGet();
    echoRepliesSent.decrementAndGet();
    packetsOut.decrementAndGet();
    (result == HandlerPump.EchoReply.NO_ROOM ? droppedFull : droppedInvalid).incrementAndGet();
    return false;
  }

  private boolean completePing(byte[] buf, int off, int len) {
    int icmp = IcmpEcho.checkIpv4(buf, off, len, IcmpEcho.TYPE_ECHO_REPLY);
    if (icmp < 0 || IcmpEcho.identifier(buf, icmp) != echoIdentifier
        || IcmpEcho.dataLength(buf, off, icmp) < PING_TOKEN_LENGTH) {
      return false;
    }
    int data = IcmpEcho.dataOffset(icmp);
    long token = ((long) PacketBytes.i32(buf, data) << 32)
        | (PacketBytes.i32(buf, data + 4) & 0xFFFFFFFFL);
    // counted before the waiter wakes, so the pinger sees its reply in stats()
    packetsIn.incrementAndGet();
    if (pings.complete(IcmpEcho.sequence(buf, icmp), Ipv4Packet.source(buf, off), token)) {
      return true;
    }
    packetsIn.decrementAndGet();
    return false;
  }

  private boolean enqueue(PacketQueue queue, byte[] buf, int off, int len) {
    PacketBuffer b = pool.acquire();
    if (b == null) {
      droppedFull.incrementAndGet();
      return false;
    }
    b.fill(buf, off, len);
    if (!queue.offer(b)) {
      pool.release(b);
      if (!queue.isClosed()) {
        droppedFull.incrementAndGet();
      }
      return false;
    }
    packetsIn.incrementAndGet();
    return true;
  }

  private PacketBuffer take(PacketQueue queue, Duration timeout, String what) throws IOException {
    long nanos = requireTimeout(timeout);
    if (closed) {
      throw closedException();
    }
    PacketBuffer b;
    try {
      b = queue.poll(nanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for a " + what);
    }
    if (b == null) {
      if (queue.isClosed()) {
        throw closed ? closedException() : new DeviceClosedException("socket is closed");
      }
      throw new SocketTimeoutException(
          "no " + what + " on " + name + " within " + timeout.toMillis() + " ms");
    }
    return b;
  }

  private void drain(PacketQueue queue) {
    for (PacketBuffer b = queue.poll(); b != null; b = queue.poll()) {
      pool.release(b);
    }
  }

  private PacketHandler requireRunning() throws DeviceClosedException {
    if (closed) {
      throw closedException();
    }
    PacketHandler h = handler;
    if (h == null) {
      throw new IllegalStateException(
          name + " is not attached to a node yet: start() has not been called");
    }
    return h;
  }

  /** Our address in the destination's network, else the first address. */
  private int sourceFor(int destination) {
    return localAddresses.addressFor(destination, addresses.get(0).ipv4Address());
  }

  private int nextIpId() {
    return nextIpId.getAndIncrement() & 0xFFFF;
  }

  private int freeEphemeralPort(PortTable table) throws BindException {
    int port = ephemeralPorts.next(p -> table.find(p) != null);
    if (port < 0) {
      throw new BindException(
          "no free UDP port in " + EphemeralPorts.FIRST + "..65535 on " + this);
    }
    return port;
  }

  private static int requireIpv4(InetAddress address, String what) {
    Objects.requireNonNull(address, what);
    if (!(address instanceof Inet4Address)) {
      throw new IllegalArgumentException(what + " " + IpNetwork.formatAddress(address)
          + " is not IPv4: UserspaceDevice carries IPv4 only (as Go nebula 1.6.1)");
    }
    return PacketBytes.i32(address.getAddress(), 0);
  }

  private static long requireTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout " + timeout + " is negative");
    }
    return timeout.compareTo(Duration.ofDays(365)) > 0 ? Long.MAX_VALUE : timeout.toNanos();
  }

  private static InetAddress toInetAddress(int address) {
    return IpNetwork.ofIpv4(address, 32).address();
  }

  private static String format(int address) {
    return IpNetwork.formatIpv4(address);
  }

  /** Open UDP ports, copy-on-write: the write path looks ports up without locks or boxing. */
  private static final class PortTable {
    static final PortTable EMPTY = new PortTable(new int[0], new UserspaceUdpSocket[0]);

    final int[] ports; // sorted
    final UserspaceUdpSocket[] sockets;

    PortTable(int[] ports, UserspaceUdpSocket[] sockets) {
      this.ports = ports;
      this.sockets = sockets;
    }

    UserspaceUdpSocket find(int port) {
      int i = Arrays.binarySearch(ports, port);
      return i < 0 ? null : sockets[i];
    }

    PortTable with(int port, UserspaceUdpSocket socket) {
      int at = -Arrays.binarySearch(ports, port) - 1;
      int[] p = new int[ports.length + 1];
      UserspaceUdpSocket[] s = new UserspaceUdpSocket[ports.length + 1];
      System.arraycopy(ports, 0, p, 0, at);
      System.arraycopy(sockets, 0, s, 0, at);
      p[at] = port;
      s[at] = socket;
      System.arraycopy(ports, at, p, at + 1, ports.length - at);
      System.arraycopy(sockets, at, s, at + 1, ports.length - at);
      return new PortTable(p, s);
    }

    PortTable without(int port) {
      int at = Arrays.binarySearch(ports, port);
      int[] p = new int[ports.length - 1];
      UserspaceUdpSocket[] s = new UserspaceUdpSocket[ports.length - 1];
      System.arraycopy(ports, 0, p, 0, at);
      System.arraycopy(sockets, 0, s, 0, at);
      System.arraycopy(ports, at + 1, p, at, ports.length - at - 1);
      System.arraycopy(sockets, at + 1, s, at, ports.length - at - 1);
      return new PortTable(p, s);
    }
  }

  /**
   * Settings of a {@link UserspaceDevice}; each setter validates its value and names what is
   * wrong.
   */
  public static final class Builder {
    private String name = "userspace";
    private int mtu = DEFAULT_MTU;
    private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
    private final List<IpNetwork> addresses = new ArrayList<>();

    private Builder() {}

    /** A name for logs and thread names; default {@code userspace}. */
    public Builder name(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("device name must not be blank");
      }
      this.name = name;
      return this;
    }

    /**
     * Adds an overlay address with its network prefix, as in the host certificate, e.g. {@code
     * 10.10.10.1/24}. The first one is the default source address. At least one is required.
     *
     * @throws IllegalArgumentException if the address is IPv6 or added twice
     */
    public Builder address(IpNetwork address) {
      Objects.requireNonNull(address, "address");
      if (!address.isIpv4()) {
        throw new IllegalArgumentException("device address " + address
            + " is not IPv4: UserspaceDevice carries IPv4 only (as Go nebula 1.6.1)");
      }
      for (IpNetwork a : addresses) {
        if (a.ipv4Address() == address.ipv4Address()) {
          throw new IllegalArgumentException("device address " + address + " is already set as " + a);
        }
      }
      addresses.add(address);
      return this;
    }

    /** Adds each of {@code list} with {@link #address}. */
    public Builder addresses(List<IpNetwork> list) {
      for (IpNetwork a : list) {
        address(a);
      }
      return this;
    }

    /** The largest IP packet, 68..65535; default {@value UserspaceDevice#DEFAULT_MTU}. */
    public Builder mtu(int mtu) {
      if (mtu < MIN_MTU || mtu > MAX_MTU) {
        throw new IllegalArgumentException("mtu " + mtu + " is outside " + MIN_MTU + ".." + MAX_MTU);
      }
      this.mtu = mtu;
      return this;
    }

    /**
     * Packets each receive queue (raw packets, each UDP socket, replies to the node) holds before
     * dropping; default {@value UserspaceDevice#DEFAULT_QUEUE_CAPACITY}.
     */
    public Builder queueCapacity(int packets) {
      if (packets < 1 || packets > 1 << 20) {
        throw new IllegalArgumentException("queue capacity " + packets + " is outside 1..1048576");
      }
      this.queueCapacity = packets;
      return this;
    }

    /** @throws IllegalStateException if no address was set */
    public UserspaceDevice build() {
      if (addresses.isEmpty()) {
        throw new IllegalStateException("a UserspaceDevice needs at least one address()");
      }
      return new UserspaceDevice(this);
    }
  }
}
