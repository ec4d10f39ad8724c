package dev.nebula4j.device;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nebula4j.internal.packet.IcmpEcho;
import dev.nebula4j.internal.packet.Ipv4Packet;
import dev.nebula4j.internal.packet.UdpDatagram;
import dev.nebula4j.net.IpNetwork;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UserspaceDeviceTest {
  private static final Duration LONG = Duration.ofSeconds(30);
  private final List<UserspaceDevice> devices = new ArrayList<>();

  @AfterEach
  void closeDevices() {
    devices.forEach(UserspaceDevice::close);
  }

  private UserspaceDevice device(String cidr) {
    return device(UserspaceDevice.builder().name("dev" + devices.size())
        .address(IpNetwork.parse(cidr)));
  }

  private UserspaceDevice device(UserspaceDevice.Builder b) {
    UserspaceDevice d = b.build();
    devices.add(d);
    return d;
  }

  private static InetAddress ip(String s) {
    return IpNetwork.parseAddress(s);
  }

  /** Two devices wired back to back, as two nodes with a tunnel between them would be. */
  private UserspaceDevice[] pair() {
    UserspaceDevice a = device("10.10.10.1/24");
    UserspaceDevice b = device("10.10.10.2/24");
    a.start(b::write);
    b.start(a::write);
    return new UserspaceDevice[] {a, b};
  }

  @Test
  void pingToItselfIsAnsweredThroughLoopbackWiring() throws IOException {
    UserspaceDevice d = device("10.10.10.1/24");
    d.start(d::write);
    Duration rtt = d.ping(ip("10.10.10.1"), LONG);
    assertThat(rtt).isPositive();
    UserspaceDeviceStats stats = d.stats();
    assertThat(stats.echoRepliesSent()).isEqualTo(1);
    assertThat(stats.packetsIn()).isEqualTo(2); // the request and the reply
    assertThat(stats.dropped()).isZero();
  }

  @Test
  void pingAcrossTwoDevices() throws IOException {
    UserspaceDevice[] p = pair();
    for (int i = 0; i < 3; i++) {
      assertThat(p[0].ping(ip("10.10.10.2"), 100, LONG)).isPositive();
    }
    assertThat(p[1].stats().echoRepliesSent()).isEqualTo(3);
    assertThat(p[0].stats().echoRepliesSent()).isZero();
  }

  @Test
  void pingWithoutReplyTimesOut() throws IOException {
    UserspaceDevice d = device("10.10.10.1/24");
    List<byte[]> sent = new CopyOnWriteArrayList<>();
    d.start((buf, off, len) -> sent.add(java.util.Arrays.copyOfRange(buf, off, off + len)));
    assertThatThrownBy(() -> d.ping(ip("10.10.10.9"), Duration.ZERO))
        .isInstanceOf(SocketTimeoutException.class)
        .hasMessageContaining("10.10.10.9");
    byte[] request = sent.get(0);
    int icmp = IcmpEcho.checkIpv4(request, 0, request.length, IcmpEcho.TYPE_ECHO_REQUEST);
    assertThat(icmp).isEqualTo(20);
    assertThat(Ipv4Packet.source(request, 0)).isEqualTo(0x0A0A0A01);
    assertThat(IcmpEcho.dataLength(request, 0, icmp)).isEqualTo(56);
  }

  @Test
  void aForgedReplyDoesNotCompleteAPing() throws Exception {
    UserspaceDevice d = device("10.10.10.1/24");
    AtomicReference<byte[]> request = new AtomicReference<>();
    d.start((buf, off, len) -> request.set(java.util.Arrays.copyOfRange(buf, off, off + len)));
    AtomicReference<Object> result = new AtomicReference<>();
    Thread pinger = new Thread(() -> {
      try {
        result.set(d.ping(ip("10.10.10.2"), LONG));
      } catch (IOException e) {
        result.set(e);
      }
    });
    pinger.start();
    while (request.get() == null) {
      Thread.onSpinWait();
    }
    byte[] req = request.get();
    // a reply from the wrong host is not taken as the answer
    byte[] forged = reply(req, 0x0A0A0A07);
    assertThat(d.write(forged, 0, forged.length)).isTrue(); // queued as an unclaimed packet
    assertThat(d.receivePacket(Duration.ZERO)).isEqualTo(forged);
    assertThat(pinger.isAlive()).isTrue();
    byte[] genuine = reply(req, 0x0A0A0A02);
    assertThat(d.write(genuine, 0, genuine.length)).isTrue();
    pinger.join(LONG.toMillis());
    assertThat(result.get()).isInstanceOf(Duration.class);
  }

  private static byte[] reply(byte[] request, int from) {
    int icmp = 20;
    int dataLength = IcmpEcho.dataLength(request, 0, icmp);
    byte[] r = request.clone();
    IcmpEcho.writeIpv4(r, 0, IcmpEcho.TYPE_ECHO_REPLY, from, Ipv4Packet.source(request, 0),
        IcmpEcho.identifier(request, icmp), IcmpEcho.sequence(request, icmp), 1, dataLength);
    return r;
  }

  @Test
  void udpBetweenTwoDevices() throws IOException {
    UserspaceDevice[] p = pair();
    try (UserspaceUdpSocket client = p[0].openUdp(0);
        UserspaceUdpSocket server = p[1].openUdp(5000)) {
      assertThat(client.port()).isGreaterThanOrEqualTo(49152);
      client.send(new InetSocketAddress(ip("10.10.10.2"), 5000), "hello".getBytes(UTF_8));
      OverlayDatagram d = server.receive(LONG);
      assertThat(d.source()).isEqualTo(new InetSocketAddress(ip("10.10.10.1"), client.port()));
      assertThat(d.destination()).isEqualTo(new InetSocketAddress(ip("10.10.10.2"), 5000));
      assertThat(new String(d.payload(), UTF_8)).isEqualTo("hello");

      byte[] big = new byte[p[1].mtu() - 28];
      big[big.length - 1] = 42;
      server.send(d.source(), big);
      OverlayDatagram back = client.receive(LONG);
      assertThat(back.payload()).isEqualTo(big);
      assertThat(back.source()).isEqualTo(server.localAddress());
      assertThatThrownBy(() -> client.receive(Duration.ZERO))
          .isInstanceOf(SocketTimeoutException.class)
          .hasMessageContaining("no datagram on UDP port " + client.port());
    }
  }

  @Test
  void unclaimedPacketsGoToTheRawQueue() throws IOException {
    UserspaceDevice[] p = pair();
    try (UserspaceUdpSocket client = p[0].openUdp(0)) {
      client.send(new InetSocketAddress(ip("10.10.10.2"), 6000), "nobody listens".getBytes(UTF_8));
    }
    byte[] raw = p[1].receivePacket(LONG);
    int udp = UdpDatagram.checkIpv4(raw, 0, raw.length);
    assertThat(udp).isEqualTo(20);
    assertThat(UdpDatagram.destinationPort(raw, udp)).isEqualTo(6000);

    byte[] ipv6 = new byte[48];
    ipv6[0] = 0x60;
    p[0].sendPacket(ipv6);
    assertThat(p[1].receivePacket(LONG)).isEqualTo(ipv6);
    assertThatThrownBy(() -> p[1].receivePacket(Duration.ZERO))
        .isInstanceOf(SocketTimeoutException.class);
  }

  @Test
  void fullQueuesDropAndCount() throws IOException {
    UserspaceDevice d = device(UserspaceDevice.builder().address(IpNetwork.parse("10.0.0.1/8"))
        .queueCapacity(4));
    d.start((buf, off, len) -> { });
    UserspaceUdpSocket socket = d.openUdp(9000);
    byte[] packet = udpPacket(0x0A000002, 1234, 0x0A000001, 9000, "x");
    int accepted = 0;
    for (int i = 0; i < 10; i++) {
      if (d.write(packet, 0, packet.length)) {
        accepted++;
      }
    }
    assertThat(accepted).isEqualTo(4);
    assertThat(socket.droppedDatagrams()).isEqualTo(6);
    assertThat(d.stats().droppedFull()).isEqualTo(6);
    for (int i = 0; i < 4; i++) {
      assertThat(socket.receive(Duration.ZERO).payload()).containsExactly('x');
    }
    assertThatThrownBy(() -> socket.receive(Duration.ZERO))
        .isInstanceOf(SocketTimeoutException.class);
    // space again after receiving
    assertThat(d.write(packet, 0, packet.length)).isTrue();
  }

  @Test
  void malformedPacketsAreDroppedAndCounted() throws IOException {
    UserspaceDevice d = device("10.0.0.1/8");
    d.start((buf, off, len) -> { });
    UserspaceUdpSocket socket = d.openUdp(9000);
    byte[] packet = udpPacket(0x0A000002, 1234, 0x0A000001, 9000, "payload");
    packet[packet.length - 1] ^= 1;
    assertThat(d.write(packet, 0, packet.length)).isFalse();
    assertThat(d.write(new byte[] {0x45, 1, 2}, 0, 3)).isFalse();
    assertThat(d.write(new byte[d.mtu() + 1], 0, d.mtu() + 1)).isFalse();
    assertThat(d.stats().droppedInvalid()).isEqualTo(3);
    assertThat(socket.droppedDatagrams()).isZero();
    assertThatThrownBy(() -> d.write(packet, 5, packet.length))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void randomBytesNeverBreakTheDevice() throws IOException {
    UserspaceDevice d = device("10.0.0.1/8");
    d.start(d::write);
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < 20_000; i++) {
      byte[] junk = new byte[random.nextInt(80)];
      random.nextBytes(junk);
      if (junk.length > 0 && random.nextBoolean()) {
        junk[0] = 0x45; // mostly malformed IPv4 rather than garbage versions
      }
      d.write(junk, 0, junk.length);
    }
    assertThat(d.ping(ip("10.0.0.1"), LONG)).isPositive();
  }

  @Test
  void closeWakesEveryBlockedCaller() throws Exception {
    UserspaceDevice d = device("10.10.10.1/24");
    d.start((buf, off, len) -> { });
    UserspaceUdpSocket socket = d.openUdp(7);
    List<Object> results = new CopyOnWriteArrayList<>();
    List<Thread> threads = List.of(
        blocked(results, () -> d.receivePacket(Duration.ofHours(1))),
        blocked(results, () -> socket.receive(Duration.ofHours(1))),
        blocked(results, () -> d.ping(ip("10.10.10.2"), Duration.ofHours(1))));
    for (Thread t : threads) {
      awaitWaiting(t);
    }
    Thread pump = findThread("nebula4j-device-" + d.name());
    assertThat(pump).isNotNull();
    d.close();
    for (Thread t : threads) {
      t.join(LONG.toMillis());
      assertThat(t.isAlive()).isFalse();
    }
    assertThat(results).hasSize(3).allMatch(r -> r instanceof DeviceClosedException);
    assertThat(pump.isAlive()).isFalse();
    assertThat(socket.isClosed()).isTrue();
    d.close(); // idempotent
    assertThat(d.write(new byte[20], 0, 20)).isFalse();
    assertThatThrownBy(() -> d.sendPacket(new byte[20])).isInstanceOf(DeviceClosedException.class);
    assertThatThrownBy(() -> d.openUdp(0)).isInstanceOf(DeviceClosedException.class);
    assertThatThrownBy(() -> socket.send(new InetSocketAddress(ip("10.10.10.2"), 7), new byte[1]))
        .isInstanceOf(DeviceClosedException.class);
    assertThatThrownBy(() -> d.start((b, o, l) -> { })).isInstanceOf(IllegalStateException.class);
    assertThat(d.toString()).contains("closed");
  }

  @Test
  void socketCloseFreesThePort() throws IOException {
    UserspaceDevice d = device("10.10.10.1/24");
    UserspaceUdpSocket s = d.openUdp(53);
    assertThatThrownBy(() -> d.openUdp(53))
        .isInstanceOf(BindException.class)
        .hasMessageContaining("53");
    s.close();
    s.close();
    assertThatThrownBy(() -> s.receive(Duration.ZERO)).isInstanceOf(DeviceClosedException.class);
    try (UserspaceUdpSocket again = d.openUdp(53)) {
      assertThat(again.port()).isEqualTo(53);
      assertThat(again.toString()).contains(":53");
    }
  }

  @Test
  void clearErrorsForBadRequests() throws IOException {
    UserspaceDevice d = device("10.10.10.1/24");
    UserspaceUdpSocket s = d.openUdp(0);
    InetSocketAddress peer = new InetSocketAddress(ip("10.10.10.2"), 7);
    assertThatThrownBy(() -> s.send(peer, new byte[1]))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("start()");
    d.start((buf, off, len) -> { });
    assertThatThrownBy(() -> d.ping(ip("fd00::1"), LONG))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fd00::1 is not IPv4");
    assertThatThrownBy(() -> s.send(new InetSocketAddress(ip("fd00::1"), 7), new byte[1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not IPv4");
    assertThatThrownBy(() -> s.send(peer, new byte[1273]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1273 bytes exceeds 1272");
    assertThatThrownBy(() -> s.send(InetSocketAddress.createUnresolved("peer", 7), new byte[1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unresolved");
    assertThatThrownBy(() -> s.send(new InetSocketAddress(ip("10.10.10.2"), 0), new byte[1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port 0");
    assertThatThrownBy(() -> d.ping(ip("10.10.10.2"), 1273, LONG))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1273");
    assertThatThrownBy(() -> d.sendPacket(new byte[1301]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1..1300");
    assertThatThrownBy(() -> d.receivePacket(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> d.openUdp(65536)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.start((b, o, l) -> { })).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already started");
  }

  @Test
  void builderValidates() {
    assertThatThrownBy(() -> UserspaceDevice.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("address");
    assertThatThrownBy(() -> UserspaceDevice.builder().address(IpNetwork.parse("fd00::1/64")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fd00::1/64 is not IPv4");
    assertThatThrownBy(() -> UserspaceDevice.builder().mtu(67))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mtu 67");
    assertThatThrownBy(() -> UserspaceDevice.builder().queueCapacity(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> UserspaceDevice.builder()
        .address(IpNetwork.parse("10.0.0.1/8")).address(IpNetwork.parse("10.0.0.1/16")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already set");
    UserspaceDevice d = UserspaceDevice.builder().name("app").mtu(9001)
        .addresses(List.of(IpNetwork.parse("10.0.0.1/8"), IpNetwork.parse("192.168.7.1/24")))
        .build();
    devices.add(d);
    assertThat(d.mtu()).isEqualTo(9001);
    assertThat(d.addresses()).hasSize(2);
    assertThat(d.toString()).isEqualTo(
        "UserspaceDevice{app, [10.0.0.1/8, 192.168.7.1/24], mtu=9001, not started}");
  }

  @Test
  void sourceAddressFollowsTheDestinationsNetwork() throws IOException {
    UserspaceDevice d = device(UserspaceDevice.builder()
        .address(IpNetwork.parse("10.0.0.1/8")).address(IpNetwork.parse("192.168.7.1/24")));
    List<byte[]> sent = new CopyOnWriteArrayList<>();
    d.start((buf, off, len) -> sent.add(java.util.Arrays.copyOfRange(buf, off, off + len)));
    try (UserspaceUdpSocket s = d.openUdp(0)) {
      s.send(new InetSocketAddress(ip("192.168.7.9"), 1), new byte[1]);
      s.send(new InetSocketAddress(ip("172.16.0.1"), 1), new byte[1]);
    }
    assertThat(Ipv4Packet.source(sent.get(0), 0)).isEqualTo(0xC0A80701);
    assertThat(Ipv4Packet.source(sent.get(1), 0)).isEqualTo(0x0A000001);
  }

  @Test
  void writePathDoesNotAllocateInSteadyState() throws IOException {
    UserspaceDevice d = device(UserspaceDevice.builder().address(IpNetwork.parse("10.0.0.1/8"))
        .queueCapacity(1000));
    d.start((buf, off, len) -> { });
    byte[] packet = udpPacket(0x0A000002, 1234, 0x0A000001, 9000, "steady");
    long allocated = 0;
    for (int round = 0; round < 3; round++) {
      long before = allocatedBytes();
      for (int i = 0; i < 1000; i++) {
        d.write(packet, 0, packet.length);
      }
      allocated = allocatedBytes() - before;
      for (int i = 0; i < 1000; i++) {
        d.receivePacket(Duration.ZERO);
      }
    }
    assertThat(d.stats().dropped()).isZero();
    // the last round reused pooled buffers: well under one byte per packet
    assertThat(allocated).isLessThan(1000);
  }

  /**
   * Bytes allocated so far by this thread. Reflection, because the test classes are compiled
   * into the module, which does not read java.management; the boxed result costs a few bytes.
   */
  private static long allocatedBytes() {
    try {
      return (Long) ALLOCATED_BYTES.invoke(THREAD_BEAN);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static final Object THREAD_BEAN;
  private static final java.lang.reflect.Method ALLOCATED_BYTES;

  static {
    try {
      THREAD_BEAN = Class.forName("java.lang.management.ManagementFactory")
          .getMethod("getThreadMXBean").invoke(null);
      ALLOCATED_BYTES = Class.forName("com.sun.management.ThreadMXBean")
          .getMethod("getCurrentThreadAllocatedBytes");
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  static byte[] udpPacket(int src, int srcPort, int dst, int dstPort, String payload) {
    byte[] p = payload.getBytes(UTF_8);
    byte[] buf = new byte[UdpDatagram.IPV4_OVERHEAD + p.length];
    UdpDatagram.writeIpv4(buf, 0, src, srcPort, dst, dstPort, 1, p, 0, p.length);
    return buf;
  }

  interface Blocking {
    Object call() throws IOException;
  }

  private static Thread blocked(List<Object> results, Blocking call) {
    Thread t = new Thread(() -> {
      try {
        results.add(call.call());
      } catch (IOException e) {
        results.add(e);
      }
    });
    t.start();
    return t;
  }

  static void awaitWaiting(Thread t) {
    while (t.getState() != Thread.State.TIMED_WAITING && t.getState() != Thread.State.WAITING) {
      assertThat(t.isAlive()).isTrue();
      Thread.onSpinWait();
    }
  }

  static Thread findThread(String name) {
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals(name)) {
        return t;
      }
    }
    return null;
  }
}
