package dev.nebula4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nebula4j.cli.logging.CliLogging;
import dev.nebula4j.cli.logging.LogSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Go's flags and exit codes for {@code nebula}. */
class NebulaMainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int run(String... args) {
    return new NebulaMain(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void testPrintsEveryProblemAndFails(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("config.yaml");
    Files.writeString(f, "pki:\n  ca: " + dir.resolve("missing-ca.crt") + "\n  cert: /nope.crt\n"
        + "  key: /nope.key\nstatic_host_map:\n  \"10.10.10.1\": [\"<public ip>:4242\"]\n"
        + "listen:\n  port: 99999\n");
    assertThat(run("-config", f.toString(), "-test")).isEqualTo(1);
    assertThat(out()).contains("static_host_map.\"10.10.10.1\"[0]").contains("listen.port")
        .contains("config test failed: 2 error(s)");
  }

  @Test
  void pkiProblemsNameTheFile(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("config.yaml");
    Files.writeString(f, "pki:\n  ca: " + dir.resolve("missing-ca.crt") + "\n  cert: /nope.crt\n"
        + "  key: /nope.key\n");
    assertThat(run("--config=" + f, "-test=true")).isEqualTo(1);
    assertThat(out()).contains("pki.ca").contains(dir.resolve("missing-ca.crt").toString())
        .contains("/nope.crt").contains("/nope.key");
  }

  @Test
  void flagsBehaveLikeGo() {
    assertThat(run("-version")).isZero();
    assertThat(out()).startsWith("Version: ");
    assertThat(out()).contains("Version: nebula4j-" + BuildVersion.get());
    assertThat(BuildVersion.get()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    assertThat(run("-help")).isZero();
    assertThat(run("-bogus")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("flag provided but not defined: -bogus");
    assertThat(run("-config")).isEqualTo(2);
    assertThat(run()).isEqualTo(1);
    assertThat(out()).contains("-config flag must be set");
  }

  @Test
  void usageIsGoNebulas() {
    assertThat(run("-help")).isZero();
    assertThat(out()).isEqualTo("Usage of nebula:\n"
        + "  -config string\n    \tPath to either a file or directory to load configuration from\n"
        + "  -help\n    \tPrint command line usage\n"
        + "  -test\n    \tTest the config and print the end result. Non zero exit indicates a"
        + " faulty config\n"
        + "  -version\n    \tPrint version\n");
    assertThat(run("-h")).isZero();
    assertThat(run("-config=x", "-test=maybe")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("invalid boolean value \"maybe\" for -test: parse error\nUsage of nebula:\n");
  }

  @Test
  void aConfigThatCannotBeLoadedExitsOneNamingIt(@TempDir Path dir) {
    LogSettings before = CliLogging.settings();
    try {
      Path missing = dir.resolve("config.yaml");
      assertThat(run("-config", missing.toString())).isEqualTo(1);
      // logged to standard output, as Go nebula does, one line
      assertThat(out().lines()).singleElement().satisfies(l -> assertThat(l)
          .contains("level=error").contains("Failed to load config").contains(missing.toString()));
    } finally {
      CliLogging.apply(before);
    }
  }
}
