package dev.nebula4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nebula4j.net.IpNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's embedding example runs, and the README shows exactly its code. */
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

  @Test
  void theReadmeShowsTheExampleVerbatim() throws IOException {
    List<String> source = Files.readAllLines(
        Path.of("src/main/java/dev/nebula4j/examples/EmbeddedPing.java"));
    int begin = source.indexOf("    // README:begin");
    int end = source.indexOf("    // README:end");
    assertThat(begin).isPositive();
    assertThat(end).isGreaterThan(begin + 1);
    String snippet = source.subList(begin + 1, end).stream()
        .map(l -> l.startsWith("    ") ? l.substring(4) : l)
        .collect(Collectors.joining("\n"));
    String readme = Files.readString(Path.of("../README.md"));
    assertThat(readme).as("README.md's embedding example is EmbeddedPing's README block")
        .contains(snippet);
  }
}
