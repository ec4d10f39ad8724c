package dev.nebula4j.internal.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nebula4j.net.IpNetwork;
import dev.nebula4j.udp.MemoryNetwork;
import dev.nebula4j.udp.Underlay;
import dev.nebula4j.udp.UnderlaySettings;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryNetworkTest {
  private final List<Underlay> underlays = new ArrayList<>();

  @AfterEach
  void closeAll() {
    underlays.forEach(Underlay::close);
  }

  private Underlay bind(MemoryNetwork net, UnderlaySettings s) throws IOException {
    Underlay u = net.bind(s);
    underlays.add(u);
    return u;
  }

  private Underlay bind(MemoryNetwork net) throws IOException {
    return bind(net, UnderlaySettings.builder().build());
  }

  record Got(byte[] data, InetSocketAddress source) {}

  @Test
  void deliversWithSourceAddress() throws Exception {
    MemoryNetwork net = new MemoryNetwork();
    Underlay a = bind(net);
    Underlay b = bind(net, UnderlaySettings.builder().port(4242).build());
    assertThat(a.localAddress()).isEqualTo(
        new InetSocketAddress(IpNetwork.parseAddress("198.18.0.1"), 49152));
    assertThat(b.localAddress()).isEqualTo(
        new InetSocketAddress(IpNetwork.parseAddress("198.18.0.2"), 4242));
    LinkedBlockingQueue<Got> got = new LinkedBlockingQueue<>();
    AtomicInteger batchEnds = new AtomicInteger();
    b.start(new dev.nebula4j.udp.DatagramHandler() {
      @Override
      public void onDatagram(byte[] buf, int off, int len, InetSocketAddress source) {
        got.add(new Got(Arrays.copyOfRange(buf, off, off + len), source));
      }

      @Override
      public void onBatchEnd() {
        batchEnds.incrementAndGet();
      }
    });
    a.send(new byte[] {0, 1, 2, 3}, 1, 2, b.localAddress());
    Got g = got.poll(30, TimeUnit.SECONDS);
    assertThat(g.data()).containsExactly(1, 2);
    assertThat(g.source()).isSameAs(a.localAddress());
    while (batchEnds.get() == 0) {
      Thread.onSpinWait();
    }
    assertThat(net.delivered()).isEqualTo(1);
    assertThat(a.stats().datagramsSent()).isEqualTo(1);
  }

  @Test
  void specificAddressesAndConflicts() throws Exception {
    MemoryNetwork net = new MemoryNetwork();
    UnderlaySettings s = UnderlaySettings.of(IpNetwork.parseAddress("192.0.2.7"), 4242);
    Underlay u = bind(net, s);
    assertThat(u.localAddress().toString()).contains("192.0.2.7:4242");
    assertThatThrownBy(() -> bind(net, s))
        .isInstanceOf(BindException.class)
        .hasMessageContaining("192.0.2.7:4242");
    u.close();
    assertThat(bind(net, s).localAddress()).isEqualTo(u.localAddress());

    Underlay v6 = bind(net, UnderlaySettings.of(IpNetwork.parseAddress("::"), 0));
    assertThat(IpNetwork.formatAddress(v6.localAddress().getAddress())).startsWith("fd18::");
    assertThat(v6.canSendTo(u.localAddress())).isFalse();
    assertThatThrownBy(() -> v6.send(new byte[1], 0, 1, u.localAddress()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("address family");
  }

  @Test
  void lossUndeliverableAndPartition() throws Exception {
    MemoryNetwork net = MemoryNetwork.builder().lossRate(0.5).seed(42).build();
    Underlay a = bind(net);
    Underlay b = bind(net);
    AtomicInteger received = new AtomicInteger();
    b.start((buf, off, len, source) -> received.incrementAndGet());
    for (int i = 0; i < 1000; i++) {
      a.send(new byte[10], 0, 10, b.localAddress());
    }
    assertThat(net.lost() + net.delivered()).isEqualTo(1000);
    assertThat(net.lost()).isBetween(350L, 650L);
    while (received.get() < net.delivered()) {
      Thread.onSpinWait();
    }

    net.setLossRate(1.0);
    a.send(new byte[1], 0, 1, b.localAddress());
    assertThat(net.delivered()).isEqualTo(received.get());

    net.setLossRate(0);
    a.send(new byte[1], 0, 1, new InetSocketAddress(IpNetwork.parseAddress("198.18.9.9"), 1));
    assertThat(net.undeliverable()).isEqualTo(1);
    assertThatThrownBy(() -> net.setLossRate(1.5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fullQueueOverflowsAndCloseStopsTheReader() throws Exception {
    MemoryNetwork net = MemoryNetwork.builder().queueCapacity(4).build();
    Underlay a = bind(net);
    MemoryUnderlay b = (MemoryUnderlay) bind(net);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch first = new CountDownLatch(1);
    b.start((buf, off, len, source) -> {
      first.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    try {
      a.send(new byte[1], 0, 1, b.localAddress());
      first.await(); // the reader holds one datagram, the queue is empty again
      for (int i = 0; i < 10; i++) {
        a.send(new byte[1], 0, 1, b.localAddress());
      }
      assertThat(net.overflowed()).isEqualTo(6);
      assertThat(net.delivered()).isEqualTo(5);
    } finally {
      release.countDown();
    }
    Thread reader = b.readerThread();
    b.close();
    assertThat(reader.isAlive()).isFalse();
    a.send(new byte[1], 0, 1, b.localAddress());
    assertThat(net.undeliverable()).isEqualTo(1);
    a.close();
    assertThatThrownBy(() -> a.send(new byte[1], 0, 1, b.localAddress()))
        .isInstanceOf(IOException.class);
  }

  @Test
  void builderValidates() {
    assertThatThrownBy(() -> MemoryNetwork.builder().lossRate(-0.1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-0.1");
    assertThatThrownBy(() -> MemoryNetwork.builder().lossRate(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MemoryNetwork.builder().queueCapacity(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new MemoryNetwork().toString()).contains("bound=0");
  }
}
