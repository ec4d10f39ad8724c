package dev.nebula4j.node;

import static dev.nebula4j.node.NodeTestKit.await;
import static dev.nebula4j.node.NodeTestKit.hostPort;
import static dev.nebula4j.node.NodeTestKit.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nebula4j.cert.HostCredential;
import dev.nebula4j.config.Cipher;
import dev.nebula4j.config.ConfigException;
import dev.nebula4j.config.NebulaConfig;
import dev.nebula4j.config.PkiSource;
import dev.nebula4j.device.UserspaceDevice;
import dev.nebula4j.internal.device.EchoResponderDevice;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class NebulaNodeLifecycleTest {
  final NodeTestKit kit = new NodeTestKit();
  final HostCredential alpha = kit.host("alpha", "10.44.0.1/24");
  final HostCredential beta = kit.host("beta", "10.44.0.2/24");

  static List<String> nodeThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith("nebula4j-"))
        .sorted()
        .collect(Collectors.toList());
  }

  @Test
  void closeIsIdempotentSendsCloseTunnelAndReleasesEveryThreadAndThePort() throws Exception {
    List<String> threadsBefore = nodeThreads();
    NodeTestKit.RecordingListener eventsA = new NodeTestKit.RecordingListener();
    NebulaNode a = NebulaNode.builder(kit.config(alpha, Cipher.AES, c -> {}))
        .device(UserspaceDevice.create("10.44.0.1/24")).eventListener(eventsA).build();
    a.start();
    NebulaNode b = NebulaNode.builder(kit.config(beta, Cipher.AES,
        c -> c.staticHost("10.44.0.1", hostPort(a.listenAddress())))).build();
    b.start();
    assertThat(nodeThreads()).hasSizeGreaterThan(threadsBefore.size());
    b.connect(ip("10.44.0.1")).get(10, TimeUnit.SECONDS);
    InetSocketAddress portB = b.listenAddress();

    b.close();
    b.close();
    assertThat(b.state()).isEqualTo(NebulaNode.State.CLOSED);
    assertThat(b.tunnels()).isEmpty();
    // alpha heard beta's closeTunnel
    // the event follows the removal from the host map: wait for both
    await(() -> a.tunnels().isEmpty() && !eventsA.down.isEmpty(),
        "alpha's tunnel closed by beta's closeTunnel, and its tunnelDown event");
    assertThat(eventsA.down).containsExactly(TunnelCloseReason.PEER_CLOSED);

    a.close();
    a.close();
    assertThat(eventsA.events).filteredOn("closed"::equals).hasSize(1);
    assertThat(eventsA.events.get(eventsA.events.size() - 1)).isEqualTo("closed");
    assertThat(nodeThreads()).isSubsetOf(threadsBefore);
    try (DatagramChannel rebind = DatagramChannel.open()) {
      rebind.bind(portB); // the port is free again
    }
    assertThat(a.connect(ip("10.44.0.2"))).isCompletedExceptionally();
  }

  @Test
  void closeBeforeStartAndStartTwiceAreHandled() throws Exception {
    UserspaceDevice device = UserspaceDevice.create("10.44.0.1/24");
    NebulaNode never = NebulaNode.builder(kit.config(alpha, Cipher.AES, c -> {}))
        .device(device).build();
    never.close();
    assertThat(never.state()).isEqualTo(NebulaNode.State.CLOSED);
    assertThat(device.isClosed()).isTrue();
    assertThatThrownBy(never::start).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(never::listenAddress).isInstanceOf(IllegalStateException.class);

    try (NebulaNode twice = NebulaNode.builder(kit.config(alpha, Cipher.AES, c -> {})).build()) {
      twice.start();
      assertThatThrownBy(twice::start).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("starts once");
      assertThat(twice.isRunning()).isTrue();
    }
  }

  @Test
  void failedStartReleasesWhatItTookAndNamesTheAddress() throws Exception {
    List<String> threadsBefore = nodeThreads();
    try (DatagramChannel squatter = DatagramChannel.open()) {
      squatter.bind(new InetSocketAddress("127.0.0.1", 0));
      int port = ((InetSocketAddress) squatter.getLocalAddress()).getPort();
      UserspaceDevice device = UserspaceDevice.create("10.44.0.1/24");
      NebulaNode node = NebulaNode.builder(kit.config(alpha, Cipher.AES,
          c -> c.listen(l -> l.host("127.0.0.1").port(port)))).device(device).build();
      assertThatThrownBy(node::start).isInstanceOf(BindException.class)
          .hasMessageContaining(String.valueOf(port));
      assertThat(node.state()).isEqualTo(NebulaNode.State.CLOSED);
      assertThat(device.isClosed()).isTrue();
      node.close();
    }
    assertThat(nodeThreads()).isSubsetOf(threadsBefore);
  }

  @Test
  void badPkiFailsTheBuildNamingTheKey() {
    NebulaConfig wrongKey = kit.config(alpha, Cipher.AES, c -> c.pki(p -> p.key(
        new PkiSource.Inline(beta.privateKey().toPem(
            dev.nebula4j.cert.InsecureSecretKeyAccess.get())))));
    assertThatThrownBy(() -> NebulaNode.builder(wrongKey).build())
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).errors())
            .anySatisfy(p -> assertThat(p.path()).isEqualTo("pki.key")));
    NebulaConfig badBlocklist = kit.config(alpha, Cipher.AES,
        c -> c.pki(p -> p.blocklist(List.of("not-a-fingerprint"))));
    assertThatThrownBy(() -> NebulaNode.builder(badBlocklist).build())
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).errors())
            .anySatisfy(p -> assertThat(p.path()).isEqualTo("pki.blocklist[0]")));
  }

  @Test
  void withoutDeviceTheNodeAnswersPingsToItsOwnAddressLikeTunDisabled() throws Exception {
    UserspaceDevice devB = UserspaceDevice.create("10.44.0.2/24");
    try (NebulaNode a = NebulaNode.builder(kit.config(alpha, Cipher.CHACHAPOLY,
            c -> c.tun(t -> t.disabled(true)))).build()) {
      a.start();
      assertThat(a.device()).isInstanceOf(EchoResponderDevice.class);
      try (NebulaNode b = NebulaNode.builder(kit.config(beta, Cipher.CHACHAPOLY,
              c -> c.staticHost("10.44.0.1", hostPort(a.listenAddress()))))
          .device(devB).build()) {
        b.start();
        // the first ping triggers the handshake; the cached echo request is flushed after it
        Duration rtt = devB.ping(ip("10.44.0.1"), Duration.ofSeconds(10));
        assertThat(rtt).isPositive();
        for (int i = 0; i < 5; i++) {
          assertThat(devB.ping(ip("10.44.0.1"), Duration.ofSeconds(5))).isPositive();
        }
        assertThat(((EchoResponderDevice) a.device()).echoRepliesSent()).isEqualTo(6);
        assertThat(b.tunnel(ip("10.44.0.1")).orElseThrow().peerName()).isEqualTo("alpha");
        assertThat(b.stats().drops(PacketDropReason.TO_SELF)).isZero();
      }
    }
  }

  @Test
  void aThrowingListenerCannotBreakTheNode() throws Exception {
    NodeEventListener hostile = new NodeEventListener() {
      @Override
      public void tunnelUp(TunnelInfo tunnel) {
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void handshakeStarted(InetAddress vpnAddress) {
        throw new IllegalStateException("listener bug");
      }
    };
    UserspaceDevice devB = UserspaceDevice.create("10.44.0.2/24");
    try (NebulaNode a = NebulaNode.builder(kit.config(alpha, Cipher.AES, c -> {}))
            .eventListener(hostile).build()) {
      a.start();
      try (NebulaNode b = NebulaNode.builder(kit.config(beta, Cipher.AES,
              c -> c.staticHost("10.44.0.1", hostPort(a.listenAddress()))))
          .device(devB).eventListener(hostile).build()) {
        b.start();
        assertThat(devB.ping(ip("10.44.0.1"), Duration.ofSeconds(10))).isPositive();
        assertThat(a.tunnels()).hasSize(1);
      }
    }
  }

  @Test
  void connectFailsWithTheReasonWhenNobodyAnswers() throws Exception {
    try (DatagramChannel silent = DatagramChannel.open()) {
      silent.bind(new InetSocketAddress("127.0.0.1", 0));
      InetSocketAddress where = (InetSocketAddress) silent.getLocalAddress();
      ManualScheduler time = new ManualScheduler();
      try (NebulaNode a = NebulaNode.builder(kit.config(alpha, Cipher.AES,
              c -> c.staticHost("10.44.0.2", hostPort(where))))
          .manualTime(time).build()) {
        a.start();
        var future = a.connect(ip("10.44.0.2"));
        time.advanceTimeBy(Duration.ofMillis(5400));
        assertThat(future).isNotDone();
        time.advanceTimeBy(Duration.ofMillis(100));
        assertThat(future).isCompletedExceptionally();
        assertThatThrownBy(future::get).isInstanceOf(ExecutionException.class)
            .cause().isInstanceOf(HandshakeFailedException.class)
            .satisfies(e -> assertThat(((HandshakeFailedException) e).reason())
                .isEqualTo(HandshakeFailure.TIMED_OUT));
        assertThat(a.stats().handshakeFailures(HandshakeFailure.TIMED_OUT)).isEqualTo(1);
        assertThat(a.stats().handshakesInitiated()).isEqualTo(1);
      }
    }
  }
}
