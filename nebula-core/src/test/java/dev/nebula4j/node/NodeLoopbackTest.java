package dev.nebula4j.node;

import static dev.nebula4j.node.NodeTestKit.hostPort;
import static dev.nebula4j.node.NodeTestKit.ip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nebula4j.cert.Curve;
import dev.nebula4j.cert.HostCredential;
import dev.nebula4j.config.Cipher;
import dev.nebula4j.device.OverlayDatagram;
import dev.nebula4j.device.UserspaceDevice;
import dev.nebula4j.device.UserspaceUdpSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Acceptance 1 of issue 5: two Java nodes in one JVM over loopback, each with a userspace device.
 * After the handshake, 100,000 UDP datagrams travel each way at the same time, paced by a window
 * so that loopback's socket buffers never overflow; every one arrives intact and exactly once.
 */
class NodeLoopbackTest {
  static final int WINDOW = 128;
  static final int PAYLOAD = 64;

  static Stream<Arguments> variants() {
    return Stream.of(
        Arguments.of(Cipher.AES, Curve.CURVE25519, 100_000),
        Arguments.of(Cipher.CHACHAPOLY, Curve.CURVE25519, 100_000),
        Arguments.of(Cipher.AES, Curve.P256, 5_000));
  }

  @ParameterizedTest(name = "{0} {1}: {2} datagrams each way")
  @MethodSource("variants")
  void packetsArriveIntactAndExactlyOnceInBothDirections(Cipher cipher, Curve curve, int count)
      throws Exception {
    NodeTestKit kit = new NodeTestKit(curve);
    HostCredential alpha = kit.host("alpha", "10.42.0.1/24");
    HostCredential beta = kit.host("beta", "10.42.0.2/24");
    UserspaceDevice devA = UserspaceDevice.create("10.42.0.1/24");
    UserspaceDevice devB = UserspaceDevice.create("10.42.0.2/24");
    try (NebulaNode a = NebulaNode.builder(kit.config(alpha, cipher, cfg -> {}))
        .device(devA).build()) {
      a.start();
      // beta knows where alpha listens (static_host_map); alpha learns beta from the handshake
      try (NebulaNode b2 = NebulaNode.builder(kit.config(beta, cipher,
              cfg -> cfg.staticHost("10.42.0.1", hostPort(a.listenAddress()))))
          .device(devB).build()) {
        b2.start();
        TunnelInfo fromB = b2.connect(ip("10.42.0.1")).get(10, TimeUnit.SECONDS);
        assertThat(fromB.peerName()).isEqualTo("alpha");
        assertThat(fromB.initiator()).isTrue();
        assertThat(fromB.cipher()).isEqualTo(cipher);
        assertThat(fromB.remoteAddress()).isEqualTo(a.listenAddress());
        assertThat(a.tunnels()).singleElement().satisfies(t -> {
          assertThat(t.peerName()).isEqualTo("beta");
          assertThat(t.vpnAddress()).isEqualTo(ip("10.42.0.2"));
          assertThat(t.initiator()).isFalse();
          assertThat(t.localIndex()).isEqualTo(fromB.remoteIndex());
          assertThat(t.remoteIndex()).isEqualTo(fromB.localIndex());
        });

        try (UserspaceUdpSocket sockA = devA.openUdp(7000);
            UserspaceUdpSocket sockB = devB.openUdp(7000)) {
          Flow ab = new Flow("a->b", sockA, sockB, new InetSocketAddress(ip("10.42.0.2"), 7000),
              count);
          Flow ba = new Flow("b->a", sockB, sockA, new InetSocketAddress(ip("10.42.0.1"), 7000),
              count);
          ab.start();
          ba.start();
          ab.join();
          ba.join();
          ab.assertComplete();
          ba.assertComplete();
        }

        TunnelInfo ta = a.tunnel(ip("10.42.0.2")).orElseThrow();
        TunnelInfo tb = b2.tunnel(ip("10.42.0.1")).orElseThrow();
        assertThat(ta.packetsReceived()).isGreaterThanOrEqualTo(count);
        assertThat(tb.packetsReceived()).isGreaterThanOrEqualTo(count);
        assertThat(ta.packetsSent()).isGreaterThanOrEqualTo(count);
        // the first data packet carried counter 3; every packet since used the next one
        assertThat(tb.messageCounter()).isEqualTo(2 + tb.packetsSent());
        for (NebulaNode n : new NebulaNode[] {a, b2}) {
          NodeStats s = n.stats();
          assertThat(s.drops(PacketDropReason.DECRYPT_FAILED)).isZero();
          assertThat(s.drops(PacketDropReason.REPLAYED)).isZero();
          assertThat(s.drops(PacketDropReason.FIREWALL_INBOUND)).isZero();
          // counted by the reader thread right after the device took the packet
          NodeTestKit.await(() -> n.stats().packetsToDevice() >= count, "packets counted");
          assertThat(s.tunnels()).isEqualTo(1);
        }
      }
    }
  }

  /** A paced one-way stream of numbered datagrams and its checking receiver. */
  static final class Flow {
    final String name;
    final UserspaceUdpSocket from;
    final UserspaceUdpSocket to;
    final InetSocketAddress target;
    final int count;
    final AtomicLong sent = new AtomicLong();
    final AtomicLong received = new AtomicLong();
    final BitSet seen = new BitSet();
    long duplicates;
    long corrupted;
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    final Thread sender;
    final Thread receiver;

    Flow(String name, UserspaceUdpSocket from, UserspaceUdpSocket to, InetSocketAddress target,
        int count) {
      this.name = name;
      this.from = from;
      this.to = to;
      this.target = target;
      this.count = count;
      this.sender = new Thread(this::send, "flow-send-" + name);
      this.receiver = new Thread(this::receive, "flow-recv-" + name);
    }

    static void fill(byte[] p, long seq) {
      ByteBuffer.wrap(p).putLong(0, seq);
      for (int i = 8; i < p.length; i++) {
        p[i] = (byte) (seq * 31 + i);
      }
    }

    void send() {
      byte[] p = new byte[PAYLOAD];
      try {
        for (long seq = 0; seq < count; seq++) {
          long waitStart = System.nanoTime();
          while (sent.get() - received.get() >= WINDOW) {
            if (failure.get() != null) {
              return;
            }
            if (System.nanoTime() - waitStart > TimeUnit.SECONDS.toNanos(10)) {
              failure.compareAndSet(null, new AssertionError(name + ": stalled with "
                  + (sent.get() - received.get()) + " datagrams in flight after " + sent.get()));
              return;
            }
            Thread.onSpinWait();
          }
          fill(p, seq);
          from.send(target, p);
          sent.incrementAndGet();
        }
      } catch (IOException | RuntimeException e) {
        failure.compareAndSet(null, e);
      }
    }

    void receive() {
      byte[] expected = new byte[PAYLOAD];
      try {
        while (received.get() < count && failure.get() == null) {
          OverlayDatagram d;
          try {
            d = to.receive(Duration.ofSeconds(10));
          } catch (SocketTimeoutException e) {
            failure.compareAndSet(null, new AssertionError(name + ": nothing received for 10 s"
                + " after " + received.get()));
            return;
          }
          byte[] p = d.payload();
          long seq = p.length == PAYLOAD ? ByteBuffer.wrap(p).getLong(0) : -1;
          if (seq >= 0 && seq < count) {
            fill(expected, seq);
          }
          if (seq < 0 || seq >= count || !java.util.Arrays.equals(p, expected)) {
            corrupted++;
          } else if (seen.get((int) seq)) {
            duplicates++;
          } else {
            seen.set((int) seq);
          }
          received.incrementAndGet();
        }
      } catch (IOException | RuntimeException e) {
        failure.compareAndSet(null, e);
      }
    }

    void start() {
      receiver.start();
      sender.start();
    }

    void join() throws InterruptedException {
      sender.join();
      receiver.join();
    }

    void assertComplete() {
      assertThat(failure.get()).as(name).isNull();
      assertThat(corrupted).as(name + " corrupted").isZero();
      assertThat(duplicates).as(name + " duplicated").isZero();
      assertThat(seen.cardinality()).as(name + " distinct datagrams").isEqualTo(count);
    }
  }
}
