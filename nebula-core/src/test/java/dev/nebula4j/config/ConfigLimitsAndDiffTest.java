package dev.nebula4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.nebula4j.config.ConfigProblem.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile YAML is refused with a clear problem; reload diffs name sections and reloadability. */
class ConfigLimitsAndDiffTest {

  static ConfigProblem refused(String yaml) {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(yaml));
    assertThat(e).isNotNull();
    assertThat(e.errors()).hasSize(1);
    return e.errors().get(0);
  }

  @Test
  void deepNestingIsRefused() {
    ConfigProblem p = refused("a: " + "[".repeat(5000) + "]".repeat(5000) + "\n");
    assertThat(p.reason()).isEqualTo(Reason.TOO_LARGE);
    assertThat(p.message()).contains("nesting depth");
  }

  @Test
  void hugeDocumentIsRefused() {
    ConfigProblem p = refused("a: \"" + "x".repeat(5 * 1024 * 1024) + "\"\n");
    assertThat(p.reason()).isEqualTo(Reason.TOO_LARGE);
  }

  @Test
  void hugeFileIsRefusedBeforeReading(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("config.yaml");
    Files.writeString(f, "# " + "x".repeat(5 * 1024 * 1024) + "\n");
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(f));
    assertThat(e.errors()).extracting(ConfigProblem::reason).containsExactly(Reason.TOO_LARGE);
  }

  @Test
  void aliasBombIsRefused() {
    StringBuilder y = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 12; i++) {
      String p = "*a" + (i - 1);
      y.append("a").append(i).append(": &a").append(i).append(" [")
          .append(String.join(", ", java.util.Collections.nCopies(10, p))).append("]\n");
    }
    ConfigProblem p = refused(y.toString());
    assertThat(p.reason()).isEqualTo(Reason.TOO_LARGE);
    assertThat(p.message()).contains("aliases");
  }

  @Test
  void anchorsAndMergeKeysWorkAsInGo() {
    NebulaConfig c = ConfigLoader.parse(
        "pki: {ca: a, cert: b, key: c}\n"
            + "rule: &web {port: 443, proto: tcp}\n"
            + "firewall:\n  inbound:\n    - <<: *web\n      host: any\n").config();
    assertThat(c.firewall().policy().inbound()).hasSize(1);
  }

  @Test
  void diffNamesSectionsAndReloadability() {
    NebulaConfig a = NebulaConfig.builder()
        .pki(p -> p.ca("/ca.crt").cert("/h.crt").key("/h.key"))
        .build();
    NebulaConfig b = a.toBuilder()
        .listen(l -> l.port(4242))
        .cipher(Cipher.CHACHAPOLY)
        .punchy(p -> p.punch(true))
        .tun(t -> t.mtu(1400))
        .firewall(f -> f.policy(f.build().policy().toBuilder()
            .tcpTimeout(Duration.ofMinutes(5)).build()))
        .build();
    ConfigDiff d = a.diff(b);
    assertThat(d.changes()).extracting(ConfigDiff.Change::key, ConfigDiff.Change::reloadable)
        .containsExactly(
            org.assertj.core.api.Assertions.tuple("listen.port", false),
            org.assertj.core.api.Assertions.tuple("punchy.punch", true),
            org.assertj.core.api.Assertions.tuple("cipher", false),
            org.assertj.core.api.Assertions.tuple("tun.mtu", true),
            org.assertj.core.api.Assertions.tuple("firewall.conntrack.tcp_timeout", true));
    assertThat(d.sections()).extracting(ConfigDiff.SectionChange::section,
            ConfigDiff.SectionChange::reloadable)
        .containsExactly(
            org.assertj.core.api.Assertions.tuple("listen", false),
            org.assertj.core.api.Assertions.tuple("punchy", true),
            org.assertj.core.api.Assertions.tuple("cipher", false),
            org.assertj.core.api.Assertions.tuple("tun", true),
            org.assertj.core.api.Assertions.tuple("firewall", true));
    assertThat(d.requiresRestart()).isTrue();
    assertThat(a.diff(a).isEmpty()).isTrue();
    NebulaConfig k = a.toBuilder().pki(p -> p.key("-----BEGIN NEBULA X25519 PRIVATE KEY-----\n"
        + "AAAA\n-----END NEBULA X25519 PRIVATE KEY-----\n")).build();
    assertThat(a.diff(k).changes()).singleElement()
        .satisfies(c -> {
          assertThat(c.key()).isEqualTo("pki.key");
          assertThat(c.reloadable()).isTrue();
          assertThat(c.newValue()).isEqualTo("<redacted>");
        });
  }

  @Test
  void inlinePemRoundTripsThroughTheWriter() {
    String pem = "-----BEGIN NEBULA CERTIFICATE-----\nCkAKBG5vZGUSCgICCgqAgPz/DxoAIgA=\n"
        + "-----END NEBULA CERTIFICATE-----\n";
    NebulaConfig c = NebulaConfig.builder()
        .pki(p -> p.ca(pem).cert(pem).key("/h.key"))
        .build();
    String yaml = c.toYaml();
    assertThat(yaml).contains("  cert: |\n    -----BEGIN NEBULA CERTIFICATE-----\n");
    assertThat(ConfigLoader.parse(yaml).config()).isEqualTo(c);
    assertThat(c.pki().cert().toString()).doesNotContain("CkAK");
  }
}
