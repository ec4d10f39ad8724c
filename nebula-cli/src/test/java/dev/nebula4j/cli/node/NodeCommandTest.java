package dev.nebula4j.cli.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nebula4j.cli.logging.CliLogging;
import dev.nebula4j.cli.logging.LogSettings;
import dev.nebula4j.config.ConfigProblem;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link NodeCommand} in-process: start-up failures are one line per problem naming file and
 * key, and reloads apply, refuse or defer changes as documented.
 */
class NodeCommandTest {
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final PrintStream logOut = new PrintStream(log, true, StandardCharsets.UTF_8);
  private final LogSettings before = CliLogging.settings();
  private NodeCommand command;

  @TempDir
  Path dir;

  @AfterEach
  void tearDown() {
    if (command != null) {
      command.close();
    }
    CliLogging.apply(before);
  }

  private NodeCommand command(Path config) {
    CliLogging.apply(LogSettings.defaults(logOut));
    command = new NodeCommand(config, logOut, "test-build");
    return command;
  }

  private List<String> lines() {
    return Arrays.stream(log.toString(StandardCharsets.UTF_8).split("\n"))
        .filter(l -> !l.isEmpty()).collect(Collectors.toList());
  }

  private List<String> errorLines() {
    return lines().stream().filter(l -> l.contains("level=error")).collect(Collectors.toList());
  }

  @Test
  void badYamlIsOneLineNamingFileKeyAndLine() throws Exception {
    TestMesh mesh = new TestMesh(dir);
    Path config = mesh.writeAlpha(mesh.alphaYaml(true, "").replace("port: 0", "port: 70000"));
    assertThat(command(config).start()).isFalse();
    assertThat(errorLines()).singleElement().satisfies(l -> assertThat(l)
        .contains("msg=\"Failed to load config\"").contains("key=listen.port")
        .contains(config + ":"));
    assertThat(command.node()).isNull();
  }

  @Test
  void missingPkiFileNamesTheKeyAndTheFile() throws Exception {
    TestMesh mesh = new TestMesh(dir);
    Files.delete(dir.resolve("alpha.key"));
    Path config = mesh.writeAlpha(mesh.alphaYaml(true, ""));
    assertThat(command(config).start()).isFalse();
    assertThat(errorLines()).singleElement().satisfies(l -> assertThat(l)
        .contains("key=pki.key").contains(dir.resolve("alpha.key").toString()));
  }

  @Test
  void portInUseNamesListenAndTheAddress() throws Exception {
    TestMesh mesh = new TestMesh(dir);
    try (DatagramChannel squatter = DatagramChannel.open()) {
      squatter.bind(new InetSocketAddress("127.0.0.1", 0));
      int port = ((InetSocketAddress) squatter.getLocalAddress()).getPort();
      Path config = mesh.writeAlpha(mesh.alphaYaml(true, "").replace("port: 0", "port: " + port));
      assertThat(command(config).start()).isFalse();
      assertThat(errorLines()).singleElement().satisfies(l -> assertThat(l)
          .contains("msg=\"Failed to open udp listener\"").contains("listen.host/listen.port")
          .contains("127.0.0.1:" + port));
    }
  }

  @Test
  void tunEnabledIsRefusedNamingTunDisabled() throws Exception {
    TestMesh mesh = new TestMesh(dir);
    Path config = mesh.writeAlpha(mesh.alphaYaml(false, ""));
    assertThat(command(config).start()).isFalse();
    assertThat(errorLines()).singleElement().satisfies(l -> assertThat(l)
        .contains("tun.disabled").contains("nebula-tun-jnr"));
    assertThat(command.node()).isNull();
  }

  @Test
  void badReloadKeepsTheRunningConfigAndReportsEveryProblem() throws Exception {
    TestMesh mesh = new TestMesh(dir);
    Path config = mesh.writeAlpha(mesh.alphaYaml(true, ""));
    assertThat(command(config).start()).isTrue();
    Files.writeString(config, mesh.alphaYaml(true, "cipher: rot13\n").replace("port: 0",
        "port: -1"));
    ReloadOutcome outcome = command.reload();
    assertThat(outcome.accepted()).isFalse();
    assertThat(outcome.problems()).extracting(ConfigProblem::path)
        .contains("cipher", "listen.port");
    assertThat(errorLines()).anySatisfy(l -> assertThat(l).contains("key=cipher"))
        .anySatisfy(l -> assertThat(l).contains("key=listen.port"))
        .anySatisfy(l -> assertThat(l).contains("Reload refused"));
    assertThat(command.node().isRunning()).isTrue();

    // a missing pki file refuses the reload too (the running credentials stay)
    Files.writeString(config, mesh.alphaYaml(true, "").replace("alpha.crt", "gone.crt"));
    outcome = command.reload();
    assertThat(outcome.accepted()).isFalse();
    assertThat(outcome.problems()).extracting(ConfigProblem::path).contains("pki.cert");
    assertThat(command.node().isRunning()).isTrue();
  }

  @Test
  void goodReloadAppliesLoggingAndListsWhatNeedsARestart() throws Exception {
    TestMesh mesh = new TestMesh(dir);
    Path config = mesh.writeAlpha(mesh.alphaYaml(true, ""));
    assertThat(command(config).start()).isTrue();

    assertThat(command.reload().diff().isEmpty()).isTrue();
    assertThat(lines()).last().asString().contains("Config reloaded, nothing changed");

    Files.writeString(config, mesh.alphaYaml(true, "logging:\n  format: json\ncipher: chachapoly\n")
        .replace("proto: icmp", "proto: udp"));
    ReloadOutcome outcome = command.reload();
    assertThat(outcome.accepted()).isTrue();
    assertThat(outcome.applied()).containsExactlyInAnyOrder("logging.format", "firewall.inbound");
    assertThat(outcome.needRestart()).containsExactly("cipher");
    assertThat(command.node().config().firewall().policy().inbound())
        .singleElement().satisfies(r -> assertThat(r.proto().configName()).isEqualTo("udp"));
    assertThat(CliLogging.settings().format().configName()).isEqualTo("json");
    assertThat(lines()).last().asString().startsWith("{").contains("\"msg\":\"Config reloaded\"");
    assertThat(lines()).anySatisfy(l -> assertThat(l).contains("\"key\":\"cipher\"")
        .contains("\"level\":\"warning\""));

    // the deferred change is reported again until the node restarts; logging is now in effect
    outcome = command.reload();
    assertThat(outcome.applied()).isEmpty();
    assertThat(outcome.needRestart()).containsExactly("cipher");
  }

  @Test
  void aReloadBeforeStartOrAfterCloseIsSkipped() throws Exception {
    TestMesh mesh = new TestMesh(dir);
    Path config = mesh.writeAlpha(mesh.alphaYaml(true, ""));
    assertThat(command(config).reload().accepted()).isFalse();
    assertThat(command.start()).isTrue();
    command.close();
    assertThat(lines()).last().asString().contains("msg=Goodbye");
    ReloadOutcome outcome = command.reload();
    assertThat(outcome.accepted()).isFalse();
    assertThat(outcome.problems()).isEmpty();
    assertThat(lines()).last().asString().contains("Reload skipped").contains("CLOSED");
  }

  @Test
  void shownValuesHideKeysAndPem() {
    assertThat(NodeCommand.shown("<redacted>")).isEqualTo("<redacted>");
    assertThat(NodeCommand.shown("-----BEGIN NEBULA X25519 PRIVATE KEY-----\nabc"))
        .isEqualTo("<redacted>");
    assertThat(NodeCommand.shown("-----BEGIN NEBULA CERTIFICATE-----\nabc"))
        .isEqualTo("<inline PEM>");
    assertThat(NodeCommand.shown("x".repeat(500))).hasSize(163).endsWith("...");
    assertThat(NodeCommand.shown("4242")).isEqualTo("4242");
  }
}
