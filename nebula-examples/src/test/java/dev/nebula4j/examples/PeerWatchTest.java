package dev.nebula4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nebula4j.net.IpNetwork;
import dev.nebula4j.node.TunnelCloseReason;
import dev.nebula4j.node.TunnelInfo;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The failover-tool example: a replica watches its primary through the overlay. */
class PeerWatchTest {
  private static final InetAddress PRIMARY = IpNetwork.parseAddress("10.10.10.2");

  @Test
  void reportsThePeerUpThenDownWhenItCloses(@TempDir Path dir) throws Exception {
    ExampleFiles files = new ExampleFiles(dir);
    Path primaryConfig = files.host("primary", "10.10.10.2/24", b -> {});
    List<String> events = new CopyOnWriteArrayList<>();
    PeerWatch.Listener recorder = new PeerWatch.Listener() {
      @Override
      public void peerUp(TunnelInfo tunnel) {
        events.add("up " + tunnel.peerName());
      }

      @Override
      public void peerDown(TunnelInfo tunnel, TunnelCloseReason reason) {
        events.add("down " + tunnel.peerName() + " " + reason);
      }
    };
    try (PeerWatch primary = PeerWatch.start(primaryConfig, new PeerWatch.Listener() {})) {
      int port = primary.listenAddress().getPort();
      Path replicaConfig = files.host("replica", "10.10.10.3/24",
          b -> b.staticHost("10.10.10.2", "127.0.0.1:" + port)
              .handshakes(h -> h.tryInterval(Duration.ofMillis(20)).retries(5)));
      try (PeerWatch replica = PeerWatch.start(replicaConfig, recorder)) {
        assertThat(replica.isUp(PRIMARY)).isFalse();
        assertThat(replica.awaitTunnel(PRIMARY, Duration.ofSeconds(10))).isTrue();
        assertThat(replica.isUp(PRIMARY)).isTrue();
        assertThat(events).containsExactly("up primary");

        primary.close(); // the primary goes away and says so (closeTunnel)
        await(() -> events.size() == 2);
        assertThat(events.get(1)).isEqualTo("down primary PEER_CLOSED");
        assertThat(replica.isUp(PRIMARY)).isFalse();
        // nobody answers now: the handshake gives up after 5 attempts
        assertThat(replica.awaitTunnel(PRIMARY, Duration.ofSeconds(10))).isFalse();
      }
    }
  }

  private static void await(java.util.function.BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline).as("waited 10 s").isNegative();
      Thread.sleep(2);
    }
  }
}
