package dev.nebula4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nebula4j.config.NebulaConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tutorial's in-process mesh (docs/tutorial.md section 6) runs and cleans up. */
class TutorialMeshTest {

  @Test
  void pingsProd4FromProd1AndLeavesNoNodeThreads() throws Exception {
    List<String> threadsBefore = DemoMeshTest.nebulaThreads();
    Duration rtt = TutorialMesh.run();
    assertThat(rtt).isPositive();
    assertThat(DemoMeshTest.nebulaThreads()).isSubsetOf(threadsBefore);
  }

  @Test
  void nodeYamlIsTheTutorialsNodeConfigOnLoopback() {
    NebulaConfig config = TutorialMesh.nodeYaml("prod1-postgresql-0").build();
    assertThat(config.listen().host()).isEqualTo("127.0.0.1");
    assertThat(config.listen().port()).isZero();
    assertThat(config.staticHostMap()).isEmpty();
    assertThat(config.toYaml())
        .contains("/etc/nebula/prod1-postgresql-0.crt", "/etc/nebula/prod1-postgresql-0.key")
        .contains("proto: icmp", "port: 5432", "port: 8008");
    assertThat(NebulaConfig.parse(config.toYaml())).isEqualTo(config);
  }
}
