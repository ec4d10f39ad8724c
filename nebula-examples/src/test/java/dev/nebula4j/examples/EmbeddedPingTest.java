package dev.nebula4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nebula4j.net.IpNetwork;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's embedding example runs ({@link DocSnippetsTest} keeps the README's copy). */
class EmbeddedPingTest {

  @Test
  void pingsAPeerFromAConfigFile(@TempDir Path dir) throws Exception {
    ExampleFiles files = new ExampleFiles(dir);
    // the peer: another node from a config file, without a device (it answers pings itself)
    try (PeerWatch peer = PeerWatch.start(files.host("prod4-postgresql-0", "10.10.10.3/24",
        b -> {}), new PeerWatch.Listener() {})) {
      Path config = files.host("prod1-postgresql-0", "10.10.10.2/24",
          b -> b.staticHost("10.10.10.3", "127.0.0.1:" + peer.listenAddress().getPort()));
      Duration rtt = EmbeddedPing.ping(config, "10.10.10.2/24",
          IpNetwork.parseAddress("10.10.10.3"));
      assertThat(rtt).isPositive();
    }
  }
}
