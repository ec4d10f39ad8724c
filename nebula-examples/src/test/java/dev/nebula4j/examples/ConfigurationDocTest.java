package dev.nebula4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nebula4j.config.ConfigDiff;
import dev.nebula4j.config.PkiCheck;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java of docs/configuration.md does what the page says. */
class ConfigurationDocTest {

  @Test
  void checksAConfigFileAndItsPki(@TempDir Path dir) throws Exception {
    Path config = new ExampleFiles(dir).host("prod1-postgresql-0", "10.10.10.2/24", b -> {});
    PkiCheck.Result result = ConfigurationDoc.check(config);
    assertThat(result.problems()).isEmpty();
    assertThat(result.hasErrors()).isFalse();
    assertThat(result.credential()).hasValueSatisfying(
        c -> assertThat(c.certificate().name()).isEqualTo("prod1-postgresql-0"));
    assertThat(result.caPool()).isPresent();
  }

  @Test
  void aRoundTripThroughYamlChangesNothingButTheMtuChangedAfterwards() {
    ConfigDiff diff = ConfigurationDoc.buildWriteAndCompare();
    // what the page's comments say the two println calls print
    assertThat(diff.sections())
        .hasToString("[SectionChange[section=tun, reloadable=true, keys=[tun.mtu]]]");
    assertThat(diff.requiresRestart()).isFalse();
  }
}
