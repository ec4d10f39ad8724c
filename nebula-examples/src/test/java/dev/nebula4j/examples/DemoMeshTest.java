package dev.nebula4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nebula4j.config.Cipher;
import dev.nebula4j.node.TunnelCloseReason;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code bin/nebula4j-demo} works: the demo's own run, checked on what it observed. */
class DemoMeshTest {

  static List<String> nebulaThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
        .map(Thread::getName).filter(n -> n.startsWith("nebula4j-")).sorted()
        .collect(Collectors.toList());
  }

  static boolean positive(Duration d) {
    return !d.isNegative() && !d.isZero();
  }

  @Test
  void theDemoPingsBothWaysEchoesUdpListsTheTunnelAndClosesCleanly() throws Exception {
    List<String> threadsBefore = nebulaThreads();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DemoMesh.Report report = DemoMesh.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String printed = bytes.toString(StandardCharsets.UTF_8);

    assertThat(report.forwardRtts()).hasSize(DemoMesh.PINGS).allMatch(DemoMeshTest::positive);
    assertThat(report.backRtts()).hasSize(DemoMesh.PINGS).allMatch(DemoMeshTest::positive);
    assertThat(report.echoed()).isEqualTo("hello from prod1-postgresql-0");
    assertThat(report.firewallDrops()).isEqualTo(1);
    assertThat(report.tunnels()).singleElement().satisfies(t -> {
      assertThat(t.peerName()).isEqualTo("prod4-postgresql-0");
      assertThat(t.vpnAddress().getHostAddress()).isEqualTo("10.10.10.3");
      assertThat(t.remoteAddress().getAddress().isLoopbackAddress()).isTrue();
      assertThat(t.cipher()).isEqualTo(Cipher.AES);
      assertThat(t.initiator()).isTrue();
      // 8 pings (4 requests sent, 4 replies to prod4's requests), 2 datagrams
      assertThat(t.packetsSent()).isGreaterThanOrEqualTo(2L * DemoMesh.PINGS + 2);
    });
    assertThat(report.peerSaw()).isEqualTo(TunnelCloseReason.PEER_CLOSED);

    assertThat(printed)
        .contains("signed prod1-postgresql-0", "10.10.10.2/24", "10.10.10.3/24")
        .contains("icmp_seq=" + DemoMesh.PINGS + " time=")
        .contains("4 transmitted, 4 received")
        .contains("echoed it back")
        .contains("dropped by prod4-postgresql-0's inbound firewall")
        .contains("prod4-postgresql-0   10.10.10.3")
        .contains("PEER_CLOSED");
    assertThat(nebulaThreads()).isSubsetOf(threadsBefore);
  }

  @Test
  void theConfigIsTheTutorialNodeYamlWithoutLighthouse() {
    var config = DemoMesh.nodeConfig("prod1-postgresql-0", 40001, "10.10.10.3", 40002);
    assertThat(config.listen().port()).isEqualTo(40001);
    assertThat(config.staticHostMap()).hasSize(1);
    assertThat(config.lighthouse().hosts()).isEmpty();
    assertThat(config.tun().mtu()).isEqualTo(1300);
    String yaml = config.toYaml();
    assertThat(yaml).contains("proto: icmp", "port: 5432", "port: 8008", "port: 7777")
        .contains("/etc/nebula/prod1-postgresql-0.crt");
  }
}
