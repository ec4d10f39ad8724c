package dev.nebula4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.nebula4j.config.ConfigProblem.Reason;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One fixture file per failure mode: the problem's path, reason, value and line are asserted. */
class ConfigFailureFixturesTest {

  static Path fixture(String name) {
    try {
      return Path.of(ConfigFailureFixturesTest.class.getResource("/config/bad/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static ConfigException failure(String name) {
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(
        () -> ConfigLoader.load(fixture(name)));
    assertThat(t).as(name).isInstanceOf(ConfigException.class);
    return (ConfigException) t;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "bad-duration.yaml       | firewall.conntrack.tcp_timeout | INVALID_DURATION | 12 minutes  | 7",
        "bad-port.yaml           | firewall.inbound[1].port       | INVALID_PORT     | 80-abc      | 10",
        "bad-proto.yaml          | firewall.inbound[0].proto      | INVALID_PROTOCOL | sctp        | 8",
        "bad-cidr.yaml           | firewall.outbound[0].cidr      | INVALID_CIDR     | 10.0.0.0/33 | 9",
        "bad-blocklist.yaml      | pki.blocklist[1]               | INVALID_VALUE    | c99d4e650533b92061b09918e838a5a0a6aaee21eed1d12fd937682865936c7 | 7",
        "missing-pki.yaml        | pki.cert                       | MISSING_KEY      | ''          | 1",
        "inline-pem-garbage.yaml | pki.cert                       | INVALID_PEM      |             | 3",
        "yaml-syntax.yaml        | ''                             | YAML_SYNTAX      | ''          | 6",
        "wrong-type.yaml         | firewall.inbound               | WRONG_TYPE       | ''          | 7",
      })
  void eachFailureModeIsReportedAsData(
      String file, String path, Reason reason, String value, int line) {
    ConfigException e = failure(file);
    assertThat(e.errors()).hasSize(1);
    ConfigProblem p = e.errors().get(0);
    assertThat(p.path()).isEqualTo(path);
    assertThat(p.reason()).isEqualTo(reason);
    if (value != null) {
      assertThat(p.value()).isEqualTo(value);
    } else {
      assertThat(p.value()).startsWith("-----BEGIN NEBULA CERTIFICATE-----");
    }
    assertThat(p.line()).isEqualTo(line);
    assertThat(p.location()).get().extracting(ConfigLocation::source)
        .isEqualTo(fixture(file).toAbsolutePath().toString());
    assertThat(p.severity()).isEqualTo(ConfigProblem.Severity.ERROR);
  }

  @Test
  void allProblemsAreReportedAtOnce() {
    ConfigException e = failure("many-errors.yaml");
    assertThat(e.errors())
        .extracting(ConfigProblem::path, ConfigProblem::reason, ConfigProblem::value,
            ConfigProblem::line)
        .containsExactly(
            tuple("listen.port", Reason.OUT_OF_RANGE, "70000", 6),
            tuple("punchy.punch", Reason.INVALID_BOOLEAN, "maybe", 8),
            tuple("tun.unsafe_routes[0].via", Reason.INVALID_ADDRESS, "not-an-ip", 13),
            tuple("firewall.inbound[0]", Reason.MISSING_KEY, "", 16));
    assertThat(e.getMessage()).startsWith("4 config errors");
  }

  @Test
  void emptyStringIsAnEmptyConfig() {
    assertThatThrownBy(() -> ConfigLoader.parse(""))
        .isInstanceOfSatisfying(ConfigException.class,
            e -> assertThat(e.errors()).extracting(ConfigProblem::reason)
                .containsExactly(Reason.EMPTY_CONFIG));
  }

  @Test
  void missingFileIsReported() {
    assertThatThrownBy(() -> ConfigLoader.load(Path.of("/nonexistent/nebula/config.yaml")))
        .isInstanceOfSatisfying(ConfigException.class,
            e -> assertThat(e.errors()).extracting(ConfigProblem::reason)
                .containsExactly(Reason.UNREADABLE_FILE));
  }
}
