package dev.nebula4j.node;

import static dev.nebula4j.node.NodeTestKit.ip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nebula4j.cert.HostCredential;
import dev.nebula4j.config.Cipher;
import dev.nebula4j.device.OverlayDatagram;
import dev.nebula4j.device.UserspaceDevice;
import dev.nebula4j.device.UserspaceUdpSocket;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, "UDP underlay: listen.host/listen.port (IPv4 and IPv6, port 0 = ephemeral)": nodes
 * whose UDP underlay is IPv6 loopback ({@code [::1]}), and a node listening on {@code ::}
 * (dual-stack, as Go nebula's example config does) that serves an IPv4 peer on 127.0.0.1 and an
 * IPv6 peer on ::1 on the same socket. Skipped where the host has no IPv6 loopback.
 */
class NodeIpv6UnderlayTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  final NodeTestKit kit = new NodeTestKit();

  @BeforeAll
  static void requireIpv6Loopback() {
    try (DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET6)) {
      ch.bind(new InetSocketAddress(ip("::1"), 0));
    } catch (IOException | UnsupportedOperationException e) {
      Assumptions.abort("no IPv6 loopback on this host (" + e + ")");
    }
  }

  @Test
  void twoNodesOnIpv6LoopbackHandshakeAndCarryTrafficBothWays() throws Exception {
    HostCredential alpha = kit.host("alpha", "10.48.0.1/24");
    HostCredential beta = kit.host("beta", "10.48.0.2/24");
    UserspaceDevice devA = UserspaceDevice.create("10.48.0.1/24");
    UserspaceDevice devB = UserspaceDevice.create("10.48.0.2/24");
    try (NebulaNode a = NebulaNode.builder(kit.config(alpha, Cipher.AES,
            c -> c.listen(l -> l.host("::1").port(0)))).device(devA).build()) {
      a.start();
      InetSocketAddress aAddr = a.listenAddress();
      assertThat(aAddr.getAddress()).isInstanceOf(Inet6Address.class).isEqualTo(ip("::1"));
      assertThat(aAddr.getPort()).as("ephemeral port").isPositive();
      try (NebulaNode b = NebulaNode.builder(kit.config(beta, Cipher.AES, c -> c
              .listen(l -> l.host("::1").port(0))
              .staticHost("10.48.0.1", "[::1]:" + aAddr.getPort())))
          .device(devB).build()) {
        b.start();
        TunnelInfo fromB = b.connect(ip("10.48.0.1")).get(10, TimeUnit.SECONDS);
        assertThat(fromB.initiator()).isTrue();
        assertThat(fromB.peerName()).isEqualTo("alpha");
        assertThat(fromB.remoteAddress()).isEqualTo(aAddr);
        // alpha learned beta's IPv6 address from the handshake and answers there
        NodeTestKit.await(TIMEOUT, () -> a.tunnel(ip("10.48.0.2")).isPresent(), "alpha's tunnel");
        TunnelInfo atA = a.tunnel(ip("10.48.0.2")).orElseThrow();
        assertThat(atA.initiator()).isFalse();
        assertThat(atA.peerName()).isEqualTo("beta");
        assertThat(atA.remoteAddress()).isEqualTo(b.listenAddress());
        assertThat(atA.remoteAddress().getAddress()).isInstanceOf(Inet6Address.class);

        assertTrafficBothWays(devA, devB, ip("10.48.0.1"), ip("10.48.0.2"));
        assertThat(a.tunnels()).hasSize(1);
        assertThat(b.tunnels()).hasSize(1);
        for (NebulaNode n : new NebulaNode[] {a, b}) {
          assertThat(n.stats().drops(PacketDropReason.DECRYPT_FAILED)).isZero();
          assertThat(n.stats().handshakeFailures(HandshakeFailure.TIMED_OUT)).isZero();
        }
      }
    }
  }

  @Test
  void nodeListeningOnAllAddressesServesAnIpv4AndAnIpv6PeerOnOneSocket() throws Exception {
    HostCredential dual = kit.host("dual", "10.48.1.1/24");
    HostCredential v4 = kit.host("v4-peer", "10.48.1.4/24");
    HostCredential v6 = kit.host("v6-peer", "10.48.1.6/24");
    UserspaceDevice devDual = UserspaceDevice.create("10.48.1.1/24");
    UserspaceDevice dev4 = UserspaceDevice.create("10.48.1.4/24");
    UserspaceDevice dev6 = UserspaceDevice.create("10.48.1.6/24");
    InetAddress dualVpn = ip("10.48.1.1");
    InetAddress v4Vpn = ip("10.48.1.4");
    InetAddress v6Vpn = ip("10.48.1.6");
    // the IPv4 peer listens first, so that the dual-stack node can have it in static_host_map
    try (NebulaNode p4 = NebulaNode.builder(kit.config(v4, Cipher.CHACHAPOLY,
            c -> c.listen(l -> l.host("127.0.0.1").port(0)))).device(dev4).build()) {
      p4.start();
      int p4Port = p4.listenAddress().getPort();
      try (NebulaNode d = NebulaNode.builder(kit.config(dual, Cipher.CHACHAPOLY, c -> c
              .listen(l -> l.host("::").port(0))
              .staticHost("10.48.1.4", "127.0.0.1:" + p4Port)))
          .device(devDual).build()) {
        d.start();
        assertThat(d.listenAddress().getAddress().isAnyLocalAddress()).isTrue();
        int dualPort = d.listenAddress().getPort();
        try (NebulaNode p6 = NebulaNode.builder(kit.config(v6, Cipher.CHACHAPOLY, c -> c
                .listen(l -> l.host("::1").port(0))
                .staticHost("10.48.1.1", "[::1]:" + dualPort)))
            .device(dev6).build()) {
          p6.start();

          // the dual-stack node initiates to 127.0.0.1 from its IPv6 socket...
          TunnelInfo toV4 = d.connect(v4Vpn).get(10, TimeUnit.SECONDS);
          assertThat(toV4.initiator()).isTrue();
          assertThat(toV4.remoteAddress()).isEqualTo(new InetSocketAddress(ip("127.0.0.1"), p4Port));
          NodeTestKit.await(TIMEOUT, () -> p4.tunnel(dualVpn).isPresent(), "v4 peer's tunnel");
          // ...and the IPv4 peer sees it as a plain IPv4 source, not a v4-mapped IPv6 one
          InetSocketAddress seenByV4 = p4.tunnel(dualVpn).orElseThrow().remoteAddress();
          assertThat(seenByV4.getAddress()).isInstanceOf(Inet4Address.class)
              .isEqualTo(ip("127.0.0.1"));
          assertThat(seenByV4.getPort()).isEqualTo(dualPort);

          // the IPv6 peer initiates to [::1] and the same socket answers it
          TunnelInfo fromV6 = p6.connect(dualVpn).get(10, TimeUnit.SECONDS);
          assertThat(fromV6.remoteAddress()).isEqualTo(new InetSocketAddress(ip("::1"), dualPort));
          NodeTestKit.await(TIMEOUT, () -> d.tunnel(v6Vpn).isPresent(), "dual's tunnel to v6");
          TunnelInfo toV6 = d.tunnel(v6Vpn).orElseThrow();
          assertThat(toV6.initiator()).isFalse();
          assertThat(toV6.remoteAddress()).isEqualTo(p6.listenAddress());

          assertTrafficBothWays(devDual, dev4, dualVpn, v4Vpn);
          assertTrafficBothWays(devDual, dev6, dualVpn, v6Vpn);
          assertThat(d.tunnels()).hasSize(2);
          // each tunnel kept its underlay family: no roaming between v4-mapped and plain forms
          assertThat(d.tunnel(v4Vpn).orElseThrow().remoteAddress()).isEqualTo(toV4.remoteAddress());
          assertThat(d.tunnel(v6Vpn).orElseThrow().remoteAddress()).isEqualTo(toV6.remoteAddress());
          assertThat(d.stats().drops(PacketDropReason.DECRYPT_FAILED)).isZero();
        }
      }
    }
  }

  /** Pings and UDP datagrams from each device to the other, each answered or received. */
  private static void assertTrafficBothWays(UserspaceDevice one, UserspaceDevice two,
      InetAddress oneVpn, InetAddress twoVpn) throws IOException {
    assertThat(one.ping(twoVpn, TIMEOUT)).isPositive();
    assertThat(two.ping(oneVpn, TIMEOUT)).isPositive();
    try (UserspaceUdpSocket s1 = one.openUdp(0); UserspaceUdpSocket s2 = two.openUdp(0)) {
      byte[] there = "one to two".getBytes(StandardCharsets.US_ASCII);
      s1.send(new InetSocketAddress(twoVpn, s2.port()), there);
      OverlayDatagram got = s2.receive(TIMEOUT);
      assertThat(got.payload()).isEqualTo(there);
      assertThat(got.source().getAddress()).isEqualTo(oneVpn);
      byte[] back = "two to one".getBytes(StandardCharsets.US_ASCII);
      s2.send(got.source(), back);
      assertThat(s1.receive(TIMEOUT).payload()).isEqualTo(back);
    }
  }
}
