package dev.nebula4j.cli.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nebula4j.device.UserspaceDevice;
import dev.nebula4j.net.IpNetwork;
import dev.nebula4j.node.NebulaNode;
import dev.nebula4j.node.NodeEventListener;
import dev.nebula4j.node.TunnelCloseReason;
import dev.nebula4j.node.TunnelInfo;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/nebula -config FILE} as a process (the main class in a child JVM, on loopback): it
 * runs a node that a Java peer pings through a tunnel, survives a SIGHUP with a broken file,
 * applies firewall and logging changes on a good SIGHUP and reports those needing a restart, and
 * on SIGTERM closes its tunnels and exits 0.
 */
class NebulaProcessTest {
  private static final Pattern UDP_ADDR = Pattern.compile("udpAddr=\"([0-9.]+:[0-9]+)\"");
  private static final InetAddress ALPHA = IpNetwork.parseAddress("10.44.0.1");

  @TempDir
  Path dir;

  @Test
  void runsAnswersPingsReloadsAndClosesTunnelsOnSigterm() throws Exception {
    TestMesh mesh = new TestMesh(dir);
    Path config = mesh.writeAlpha(mesh.alphaYaml(true, ""));
    List<TunnelCloseReason> down = new CopyOnWriteArrayList<>();
    NodeEventListener listener = new NodeEventListener() {
      @Override
      public void tunnelDown(TunnelInfo tunnel, TunnelCloseReason reason) {
        down.add(reason);
      }
    };
    try (NebulaProcess nebula = NebulaProcess.start(config)) {
      String active = nebula.awaitLine(0, l -> l.contains("msg=\"Nebula interface is active\""),
          "the start line");
      assertThat(active).startsWith("time=\"").contains("level=info")
          .contains("interface=disabled").contains("network=10.44.0.1/24");
      Matcher m = UDP_ADDR.matcher(active);
      assertThat(m.find()).as("udpAddr in %s", active).isTrue();

      UserspaceDevice device = UserspaceDevice.create("10.44.0.2/24");
      try (NebulaNode beta = NebulaNode.builder(mesh.betaConfig(m.group(1))).device(device)
          .eventListener(listener).build()) {
        beta.start();
        // tun.disabled: the command's node answers pings to its own address itself
        Duration first = device.ping(ALPHA, Duration.ofSeconds(10));
        assertThat(first).isPositive();
        assertThat(beta.tunnel(ALPHA)).hasValueSatisfying(
            t -> assertThat(t.peerName()).isEqualTo("alpha"));

        // SIGHUP with a broken file: every problem logged, the node keeps running
        int mark = nebula.lines().size();
        Files.writeString(config, mesh.alphaYaml(true, "listen:\n  port: 99999\n")
            .replace("  proto: icmp", "  proto: icmpp"));
        nebula.signal("HUP");
        nebula.awaitLine(mark, l -> l.contains("Reload refused"), "the refused reload");
        List<String> after = nebula.lines().subList(mark, nebula.lines().size());
        assertThat(after).anySatisfy(l -> assertThat(l).contains("Caught HUP, reloading config"));
        assertThat(after).anySatisfy(l -> assertThat(l).contains("level=error")
            .contains("firewall.inbound[0].proto").contains(config.toString()));
        assertThat(after).anySatisfy(l -> assertThat(l).contains("level=error")
            .contains("listen.port"));
        assertThat(nebula.isAlive()).isTrue();
        assertThat(device.ping(ALPHA, Duration.ofSeconds(5))).isPositive();

        // SIGHUP with a good file: log level and firewall apply now (ICMP is no longer allowed),
        // a port change needs a restart
        mark = nebula.lines().size();
        Files.writeString(config, mesh.alphaYaml(true, "logging:\n  level: debug\n")
            .replace("port: 0", "port: 4243").replace("proto: icmp", "proto: udp"));
        nebula.signal("HUP");
        nebula.awaitLine(mark, l -> l.contains("msg=\"Config reloaded\""), "the reload");
        after = nebula.lines().subList(mark, nebula.lines().size());
        assertThat(after).anySatisfy(l -> assertThat(l).contains("Config change applied")
            .contains("key=logging.level").contains("new=debug"));
        assertThat(after).anySatisfy(l -> assertThat(l).contains("Config change applied")
            .contains("key=firewall.inbound"));
        assertThat(after).anySatisfy(l -> assertThat(l).contains("level=warning")
            .contains("needs a restart").contains("key=listen.port"));
        assertThatThrownBy(() -> device.ping(ALPHA, Duration.ofMillis(300)))
            .isInstanceOf(SocketTimeoutException.class);

        // and back: ICMP allowed again
        mark = nebula.lines().size();
        Files.writeString(config, mesh.alphaYaml(true, ""));
        nebula.signal("HUP");
        nebula.awaitLine(mark, l -> l.contains("msg=\"Config reloaded\""), "the second reload");
        assertThat(device.ping(ALPHA, Duration.ofSeconds(5))).isPositive();

        // SIGTERM: closeTunnel to the peer, "Goodbye", exit 0
        mark = nebula.lines().size();
        nebula.signal("TERM");
        assertThat(nebula.awaitExit()).isZero();
        after = nebula.lines().subList(mark, nebula.lines().size());
        assertThat(after).anySatisfy(l -> assertThat(l)
            .contains("msg=\"Caught signal, shutting down\"").contains("signal=terminated"));
        assertThat(after.get(after.size() - 1)).contains("msg=Goodbye");
        TestMesh.await(() -> beta.tunnels().isEmpty() && !down.isEmpty(),
            "beta's tunnel closed by alpha, and its tunnelDown event");
        assertThat(down).containsExactly(TunnelCloseReason.PEER_CLOSED);
      }
    }
  }

  @Test
  void startedWithSighupIgnoredSaysReloadIsUnavailableAndStillStopsOnSigterm() throws Exception {
    assumeTrue(NebulaProcess.ENV_SIGNALS, "GNU env --ignore-signal is not available here");
    TestMesh mesh = new TestMesh(dir);
    Path config = mesh.writeAlpha(mesh.alphaYaml(true, ""));
    try (NebulaProcess nebula = NebulaProcess.startIgnoring(config, "HUP")) {
      nebula.awaitLine(0, l -> l.contains("msg=\"Nebula interface is active\""), "the start line");
      String warning = nebula.awaitLine(0, l -> l.contains("signals=") && l.contains("SIGHUP"),
          "the ignored-signal warning");
      assertThat(warning).contains("level=warning").contains("no config reload");
      nebula.signal("TERM");
      assertThat(nebula.awaitExit()).isZero();
      assertThat(nebula.lines().get(nebula.lines().size() - 1)).contains("msg=Goodbye");
    }
  }

  @Test
  void tunEnabledFailsAtStartWithOneLineAndStatusOne() throws Exception {
    TestMesh mesh = new TestMesh(dir);
    Path config = mesh.writeAlpha(mesh.alphaYaml(false, ""));
    try (NebulaProcess nebula = NebulaProcess.start(config)) {
      assertThat(nebula.awaitExit()).isEqualTo(1);
      List<String> errors = nebula.lines().stream().filter(l -> l.contains("level=error")).toList();
      assertThat(errors).singleElement().satisfies(l -> assertThat(l)
          .contains("tun.disabled").contains("nebula-tun-jnr").contains(config.toString()));
      assertThat(nebula.output()).doesNotContain("Exception").doesNotContain("\tat ");
    }
  }
}
