package dev.nebula4j.node;

import static dev.nebula4j.node.NodeTestKit.hostPort;
import static dev.nebula4j.node.NodeTestKit.ip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nebula4j.cert.HostCredential;
import dev.nebula4j.config.Cipher;
import dev.nebula4j.device.UserspaceDevice;
import dev.nebula4j.udp.DatagramHandler;
import dev.nebula4j.udp.Underlay;
import dev.nebula4j.udp.UnderlayFactory;
import dev.nebula4j.udp.UnderlaySettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Roaming (spec §8.3) through real sockets: beta's NAT "rebinds" (its packets suddenly come from
 * another UDP port), alpha's tunnel follows with a {@code remoteChanged} event and answers at the
 * new address; a straggler from the old address within 2 s does not pull the tunnel back.
 */
class NodeRoamingTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final InetAddress ALPHA = ip("10.46.0.1");
  private static final InetAddress BETA = ip("10.46.0.2");
  final NodeTestKit kit = new NodeTestKit();

  /**
   * Two sockets behind one underlay: both receive, sends leave from the active one — what a peer
   * behind a NAT looks like when the NAT maps it to a new port.
   */
  static final class RebindingUnderlay extends NodeTestKit.ForwardingUnderlay {
    private final Underlay spare;
    private volatile Underlay active;

    RebindingUnderlay(UnderlaySettings settings) throws IOException {
      super(UnderlayFactory.datagramChannel().bind(settings));
      spare = UnderlayFactory.datagramChannel().bind(UnderlaySettings.of(settings.host(), 0));
      active = delegate;
    }

    void sendFromSpare(boolean yes) {
      active = yes ? spare : delegate;
    }

    InetSocketAddress spareAddress() {
      return spare.localAddress();
    }

    @Override
    public void start(DatagramHandler handler) {
      delegate.start(handler);
      spare.start(handler);
    }

    @Override
    public boolean canSendTo(InetSocketAddress target) {
      return active.canSendTo(target);
    }

    @Override
    public void send(byte[] buf, int off, int len, InetSocketAddress target) throws IOException {
      active.send(buf, off, len, target);
    }

    @Override
    public void close() {
      delegate.close();
      spare.close();
    }
  }

  @Test
  void tunnelFollowsARebindingPeerButNotBackWithinTwoSeconds() throws Exception {
    HostCredential alpha = kit.host("alpha", "10.46.0.1/24");
    HostCredential beta = kit.host("beta", "10.46.0.2/24");
    NodeTestKit.RecordingListener alphaEvents = new NodeTestKit.RecordingListener();
    UserspaceDevice devA = UserspaceDevice.create("10.46.0.1/24");
    UserspaceDevice devB = UserspaceDevice.create("10.46.0.2/24");
    RebindingUnderlay[] betaUnderlay = new RebindingUnderlay[1];
    try (NebulaNode a = NebulaNode.builder(kit.config(alpha, Cipher.AES,
            c -> c.listen(l -> l.host("127.0.0.1").port(0))))
        .device(devA).eventListener(alphaEvents).build()) {
      a.start();
      try (NebulaNode b = NebulaNode.builder(kit.config(beta, Cipher.AES, c -> c
              .listen(l -> l.host("127.0.0.1").port(0))
              .staticHost("10.46.0.1", hostPort(a.listenAddress()))))
          .device(devB)
          .underlay(settings -> betaUnderlay[0] = new RebindingUnderlay(settings))
          .build()) {
        b.start();
        b.connect(ALPHA).get(10, TimeUnit.SECONDS);
        assertThat(devB.ping(ALPHA, TIMEOUT)).isPositive();
        assertThat(a.tunnel(BETA).orElseThrow().remoteAddress()).isEqualTo(b.listenAddress());

        // the NAT rebinds: beta's packets now come from the spare port
        betaUnderlay[0].sendFromSpare(true);
        assertThat(devB.ping(ALPHA, TIMEOUT)).isPositive();
        NodeTestKit.await(TIMEOUT, () -> alphaEvents.events.contains("remoteChanged 10.46.0.2"),
            "alpha's remoteChanged event");
        assertThat(a.tunnel(BETA).orElseThrow().remoteAddress())
            .isEqualTo(betaUnderlay[0].spareAddress());
        assertThat(devA.ping(BETA, TIMEOUT)).as("alpha reaches beta at its new address")
            .isPositive();

        // a straggler from the old port right after: the tunnel stays where it is (2 s rule)
        betaUnderlay[0].sendFromSpare(false);
        assertThat(devB.ping(ALPHA, TIMEOUT)).isPositive();
        assertThat(a.tunnel(BETA).orElseThrow().remoteAddress())
            .isEqualTo(betaUnderlay[0].spareAddress());
        assertThat(alphaEvents.events).filteredOn("remoteChanged 10.46.0.2"::equals).hasSize(1);
        assertThat(a.tunnels()).hasSize(1);
        assertThat(b.tunnels()).hasSize(1);
      }
    }
  }
}
