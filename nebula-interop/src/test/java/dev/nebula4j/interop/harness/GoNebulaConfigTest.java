package dev.nebula4j.interop.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nebula4j.firewall.FirewallPolicy;
import dev.nebula4j.firewall.FirewallRule;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The YAML the harness writes for Go nodes: its shape, and Go nebula's own verdict on it ({@code
 * nebula -test}, which needs the binary but not root).
 */
class GoNebulaConfigTest {
  private static final InetSocketAddress LIGHTHOUSE = new InetSocketAddress("198.18.0.2", 4242);
  private static final HostCredentials.PkiFiles PKI =
      new HostCredentials.PkiFiles(Path.of("/x/ca.crt"), Path.of("/x/host.crt"), Path.of("/x/host.key"));

  @Test
  void tutorialNodeRendersTheTutorialsKeys() {
    String yaml = GoNebulaConfig.tutorialNode("10.10.10.1", LIGHTHOUSE).build().toYaml(PKI);
    assertThat(yaml)
        .contains("pki:\n  ca: \"/x/ca.crt\"\n  cert: \"/x/host.crt\"\n  key: \"/x/host.key\"\n")
        .contains("static_host_map:\n  \"10.10.10.1\": [\"198.18.0.2:4242\"]\n")
        .contains("lighthouse:\n  am_lighthouse: false\n  interval: 60\n  hosts: [\"10.10.10.1\"]\n")
        .contains("listen:\n  host: \"0.0.0.0\"\n  port: 4242\n")
        .contains("punchy:\n  punch: true\n")
        .contains("relay:\n  am_relay: false\n  use_relays: true\n")
        .contains("tun:\n  disabled: false\n  dev: \"nebula1\"\n")
        .contains("  tx_queue: 500\n  mtu: 1300\n")
        .contains("logging:\n  level: \"info\"\n  format: text\n")
        .contains("    tcp_timeout: 12m\n    udp_timeout: 3m\n    default_timeout: 10m\n")
        .contains(
            "  inbound:\n"
                + "    - port: \"any\"\n      proto: icmp\n      host: \"any\"\n"
                + "    - port: \"5432\"\n      proto: tcp\n      host: \"any\"\n"
                + "    - port: \"8008\"\n      proto: tcp\n      host: \"any\"\n");
  }

  @Test
  void everyRuleSelectorIsWritten() {
    FirewallPolicy policy =
        FirewallPolicy.builder()
            .inbound(
                FirewallRule.builder()
                    .port("1000-2000")
                    .proto("udp")
                    .groups("db", "prod")
                    .cidr("10.10.10.0/24")
                    .caName("My New CA")
                    .caSha("abcd")
                    .build())
            .build();
    String yaml = GoNebulaConfig.builder().firewall(policy).build().toYaml(PKI);
    assertThat(yaml)
        .contains("  outbound: []\n")
        .contains(
            "    - port: \"1000-2000\"\n      proto: udp\n      groups: [\"db\", \"prod\"]\n"
                + "      cidr: \"10.10.10.0/24\"\n      ca_name: \"My New CA\"\n      ca_sha: \"abcd\"\n");
  }

  @Test
  void goDurationsAndQuoting() {
    assertThat(GoNebulaConfig.goDuration(Duration.ofHours(2))).isEqualTo("2h");
    assertThat(GoNebulaConfig.goDuration(Duration.ofMinutes(90))).isEqualTo("90m");
    assertThat(GoNebulaConfig.goDuration(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(GoNebulaConfig.goDuration(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(GoNebulaConfig.q("a\"b\\c\nd")).isEqualTo("\"a\\\"b\\\\c\\nd\"");
  }

  @Test
  void builderRefusesInconsistentConfigs() {
    assertThatThrownBy(() -> GoNebulaConfig.builder().amLighthouse(true).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("listen.port");
    assertThatThrownBy(() -> GoNebulaConfig.builder().lighthouseHosts("10.10.10.1").build())
        .hasMessageContaining("10.10.10.1 has no static_host_map entry");
    assertThatThrownBy(() -> GoNebulaConfig.builder().cipher("des"))
        .hasMessageContaining("aes or chachapoly");
  }

  @Test
  void goNebulaAcceptsTheTutorialConfigsAndRejectsABadRule(@TempDir Path dir) {
    assumeTrue(GoNebula.isInstalled(), GoNebula.NEBULA + " is not installed");
    NebulaCertIssuer ca = NebulaCertIssuer.create(dir.resolve("pki"), "My New CA");
    HostCredentials lh = ca.issue("leuchtturm1", "10.10.10.1/24");
    HostCredentials node = ca.issue("prod1-postgresql-0", "10.10.10.2/24");

    CommandResult lhCheck =
        GoNebulaConfig.tutorialLighthouse().build().validateWithGo(lh, dir.resolve("lh"));
    CommandResult nodeCheck =
        GoNebulaConfig.tutorialNode("10.10.10.1", LIGHTHOUSE)
            .cipher("chachapoly")
            .build()
            .validateWithGo(node, dir.resolve("node"));
    assertThat(lhCheck.exitCode()).as(lhCheck.describe()).isZero();
    assertThat(nodeCheck.exitCode()).as(nodeCheck.describe()).isZero();

    // Go 1.6.1 wants at least one of host, group(s), cidr, ca_name, ca_sha in a rule
    FirewallPolicy noPeerSelector =
        FirewallPolicy.builder().inbound(FirewallRule.builder().port(22).proto("tcp").build()).build();
    CommandResult bad =
        GoNebulaConfig.tutorialNode("10.10.10.1", LIGHTHOUSE)
            .firewall(noPeerSelector)
            .build()
            .validateWithGo(node, dir.resolve("bad"));
    assertThat(bad.exitCode()).isNotZero();
    assertThat(bad.stdout() + bad.stderr())
        .contains("firewall.inbound rule #0; at least one of host, group, cidr, ca_name, or ca_sha");
  }
}
