package dev.nebula4j.internal.udp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nebula4j.net.IpNetwork;
import dev.nebula4j.udp.DatagramHandler;
import dev.nebula4j.udp.Underlay;
import dev.nebula4j.udp.UnderlayFactory;
import dev.nebula4j.udp.UnderlaySettings;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class DatagramChannelUnderlayTest {
  private static final InetAddress V4 = IpNetwork.parseAddress("127.0.0.1");
  private static final InetAddress V6 = IpNetwork.parseAddress("::1");
  private final List<Underlay> underlays = new ArrayList<>();

  @AfterEach
  void closeAll() {
    underlays.forEach(Underlay::close);
  }

  private DatagramChannelUnderlay bind(InetAddress host, int port) throws IOException {
    return bind(UnderlaySettings.of(host, port));
  }

  private DatagramChannelUnderlay bind(UnderlaySettings settings) throws IOException {
    DatagramChannelUnderlay u = (DatagramChannelUnderlay)
        UnderlayFactory.datagramChannel().bind(settings);
    underlays.add(u);
    return u;
  }

  record Received(byte[] data, InetSocketAddress source, Thread thread) {}

  private static DatagramHandler collectInto(LinkedBlockingQueue<Received> q) {
    return (buf, off, len, source) ->
        q.add(new Received(Arrays.copyOfRange(buf, off, off + len), source,
            Thread.currentThread()));
  }

  @Test
  void ipv4SendAndReceive() throws Exception {
    exchange(V4);
  }

  @Test
  void ipv6SendAndReceive() throws Exception {
    Assumptions.assumeTrue(ipv6LoopbackWorks(), "no IPv6 loopback on this machine");
    exchange(V6);
  }

  private void exchange(InetAddress loopback) throws Exception {
    DatagramChannelUnderlay a = bind(loopback, 0);
    DatagramChannelUnderlay b = bind(loopback, 0);
    assertThat(a.localAddress().getAddress()).isEqualTo(loopback);
    assertThat(a.localAddress().getPort()).isPositive();
    assertThat(b.localAddress().getPort()).isNotEqualTo(a.localAddress().getPort());
    LinkedBlockingQueue<Received> atB = new LinkedBlockingQueue<>();
    LinkedBlockingQueue<Received> atA = new LinkedBlockingQueue<>();
    a.start(collectInto(atA));
    b.start(collectInto(atB));

    byte[] msg = "hello over loopback".getBytes(UTF_8);
    byte[] padded = new byte[msg.length + 10];
    System.arraycopy(msg, 0, padded, 5, msg.length);
    a.send(padded, 5, msg.length, b.localAddress());
    Received r = atB.poll(30, TimeUnit.SECONDS);
    assertThat(r).isNotNull();
    assertThat(r.data()).isEqualTo(msg);
    assertThat(r.source()).isEqualTo(a.localAddress());
    assertThat(r.thread()).isSameAs(b.readerThread());

    b.send(new byte[1300], 0, 1300, r.source());
    assertThat(atA.poll(30, TimeUnit.SECONDS).data()).hasSize(1300);
    assertThat(a.stats().datagramsSent()).isEqualTo(1);
    assertThat(a.stats().datagramsReceived()).isEqualTo(1);
  }

  @Test
  void closeReleasesThePortAndEndsTheReader() throws Exception {
    DatagramChannelUnderlay u = bind(V4, 0);
    int port = u.localAddress().getPort();
    u.start((buf, off, len, source) -> { });
    Thread reader = u.readerThread();
    assertThat(reader.getName()).isEqualTo("nebula4j-udp-" + port);
    while (reader.getState() == Thread.State.NEW) {
      Thread.onSpinWait();
    }
    u.close();
    assertThat(reader.isAlive()).isFalse();
    u.close();
    try (DatagramChannel again = DatagramChannel.open(StandardProtocolFamily.INET)) {
      again.bind(new InetSocketAddress(V4, port));
      assertThat(((InetSocketAddress) again.getLocalAddress()).getPort()).isEqualTo(port);
    }
    assertThatThrownBy(() -> u.send(new byte[1], 0, 1, new InetSocketAddress(V4, port)))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> u.start((buf, off, len, source) -> { }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void closeFromTheHandlerDoesNotDeadlock() throws Exception {
    DatagramChannelUnderlay u = bind(V4, 0);
    DatagramChannelUnderlay sender = bind(V4, 0);
    u.start((buf, off, len, source) -> u.close());
    sender.send(new byte[4], 0, 4, u.localAddress());
    Thread reader = u.readerThread();
    reader.join(TimeUnit.SECONDS.toMillis(30));
    assertThat(reader.isAlive()).isFalse();
  }

  @Test
  void closeBeforeStartIsFine() throws Exception {
    DatagramChannelUnderlay u = bind(V4, 0);
    u.close();
    assertThat(u.readerThread()).isNull();
    assertThat(u.toString()).contains("closed");
  }

  @Test
  void manyPacedDatagramsArriveInOrderWithoutLoss() throws Exception {
    DatagramChannelUnderlay a = bind(V4, 0);
    DatagramChannelUnderlay b = bind(UnderlaySettings.builder().host(V4)
        .receiveBufferSize(1 << 20).build());
    int count = 20_000;
    int window = 64;
    AtomicInteger next = new AtomicInteger();
    AtomicReference<String> problem = new AtomicReference<>();
    b.start((buf, off, len, source) -> {
      int seq = ByteBuffer.wrap(buf, off, len).getInt();
      if (len != 1300 || seq != next.get() || buf[off + len - 1] != (byte) seq) {
        problem.compareAndSet(null, "got seq " + seq + " len " + len + ", expected " + next.get());
      }
      next.incrementAndGet();
    });
    byte[] datagram = new byte[1300];
    InetSocketAddress target = b.localAddress();
    for (int i = 0; i < count; i++) {
      while (i - next.get() >= window) {
        Thread.onSpinWait();
      }
      ByteBuffer.wrap(datagram).putInt(i);
      datagram[1299] = (byte) i;
      a.send(datagram, 0, datagram.length, target);
    }
    while (next.get() < count && problem.get() == null) {
      Thread.onSpinWait();
    }
    assertThat(problem.get()).isNull();
    assertThat(next.get()).isEqualTo(count);
    assertThat(b.stats().datagramsReceived()).isEqualTo(count);
    assertThat(a.stats().sendErrors()).isZero();
  }

  @Test
  void senderAddressIsCachedForASteadyStream() throws Exception {
    DatagramChannelUnderlay a = bind(V4, 0);
    DatagramChannelUnderlay b = bind(V4, 0);
    LinkedBlockingQueue<Received> got = new LinkedBlockingQueue<>();
    b.start(collectInto(got));
    a.send(new byte[1], 0, 1, b.localAddress());
    a.send(new byte[1], 0, 1, b.localAddress());
    InetSocketAddress first = got.poll(30, TimeUnit.SECONDS).source();
    InetSocketAddress second = got.poll(30, TimeUnit.SECONDS).source();
    // the JDK hands the same instance back while the sender is unchanged
    assertThat(second).isSameAs(first);
  }

  @Test
  void handlerFailuresAreCountedAndReadingGoesOn() throws Exception {
    DatagramChannelUnderlay a = bind(V4, 0);
    DatagramChannelUnderlay b = bind(V4, 0);
    LinkedBlockingQueue<Received> got = new LinkedBlockingQueue<>();
    DatagramHandler collector = collectInto(got);
    b.start((buf, off, len, source) -> {
      if (buf[off] == 1) {
        throw new IllegalStateException("boom");
      }
      collector.onDatagram(buf, off, len, source);
    });
    a.send(new byte[] {1}, 0, 1, b.localAddress());
    a.send(new byte[] {2}, 0, 1, b.localAddress());
    assertThat(got.poll(30, TimeUnit.SECONDS).data()).containsExactly(2);
    assertThat(b.stats().handlerErrors()).isEqualTo(1);
    assertThat(b.stats().datagramsReceived()).isEqualTo(2);
  }

  @Test
  void familiesAndErrors() throws Exception {
    DatagramChannelUnderlay v4 = bind(V4, 0);
    InetSocketAddress v6Target = new InetSocketAddress(V6, 4242);
    assertThat(v4.canSendTo(v6Target)).isFalse();
    assertThat(v4.canSendTo(new InetSocketAddress(V4, 1))).isTrue();
    assertThat(v4.canSendTo(InetSocketAddress.createUnresolved("lighthouse", 4242))).isFalse();
    assertThatThrownBy(() -> v4.send(new byte[1], 0, 1, v6Target))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("[::1]:4242")
        .hasMessageContaining("127.0.0.1:" + v4.localAddress().getPort());
    assertThat(v4.stats().sendErrors()).isEqualTo(1);

    assertThatThrownBy(() -> bind(V4, v4.localAddress().getPort()))
        .isInstanceOf(BindException.class)
        .hasMessageContaining("127.0.0.1:" + v4.localAddress().getPort());
    assertThatThrownBy(() -> bind(IpNetwork.parseAddress("192.0.2.1"), 0))
        .isInstanceOf(BindException.class)
        .hasMessageContaining("192.0.2.1:0");

    assertThatThrownBy(() -> v4.start(null)).isInstanceOf(NullPointerException.class);
    v4.start((buf, off, len, source) -> { });
    assertThatThrownBy(() -> v4.start((buf, off, len, source) -> { }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already started");
  }

  @Test
  void dualStackListenerServesIpv4() throws Exception {
    Assumptions.assumeTrue(ipv6LoopbackWorks(), "no IPv6 on this machine");
    DatagramChannelUnderlay any6 = bind(IpNetwork.parseAddress("::"), 0);
    assertThat(any6.canSendTo(new InetSocketAddress(V4, 1))).isTrue();
    assertThat(any6.canSendTo(new InetSocketAddress(V6, 1))).isTrue();
    DatagramChannelUnderlay v4 = bind(V4, 0);
    LinkedBlockingQueue<Received> got = new LinkedBlockingQueue<>();
    any6.start(collectInto(got));
    v4.send(new byte[] {9}, 0, 1, new InetSocketAddress(V4, any6.localAddress().getPort()));
    Received r = got.poll(30, TimeUnit.SECONDS);
    assertThat(r.source()).isEqualTo(v4.localAddress()); // an IPv4 source, not v4-mapped
  }

  @Test
  void bufferSizesAreApplied() throws Exception {
    DatagramChannelUnderlay u = bind(UnderlaySettings.builder().host(V4)
        .receiveBufferSize(64 * 1024).sendBufferSize(48 * 1024).build());
    // Linux doubles the value asked for (bookkeeping overhead), capped by net.core.*mem_max
    assertThat(u.receiveBufferSize()).isGreaterThanOrEqualTo(64 * 1024);
    assertThat(u.sendBufferSize()).isGreaterThanOrEqualTo(48 * 1024);
    DatagramChannelUnderlay small = bind(UnderlaySettings.builder().host(V4)
        .receiveBufferSize(4096).build());
    assertThat(small.receiveBufferSize()).isLessThan(u.receiveBufferSize());
  }

  @Test
  void oversizedDatagramsAreTruncatedToTheReceiveBuffer() throws Exception {
    DatagramChannelUnderlay a = bind(V4, 0);
    DatagramChannelUnderlay b = bind(UnderlaySettings.builder().host(V4).maxDatagramSize(100)
        .build());
    LinkedBlockingQueue<Received> got = new LinkedBlockingQueue<>();
    b.start(collectInto(got));
    a.send(new byte[500], 0, 500, b.localAddress());
    assertThat(got.poll(30, TimeUnit.SECONDS).data()).hasSize(100);
    assertThat(b.maxDatagramSize()).isEqualTo(100);
  }

  static boolean ipv6LoopbackWorks() {
    try (DatagramChannel c = DatagramChannel.open(StandardProtocolFamily.INET6)) {
      c.bind(new InetSocketAddress(V6, 0));
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
