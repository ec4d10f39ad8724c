package dev.nebula4j.interop.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nebula4j.config.ConfigLoader;
import dev.nebula4j.config.LoadedConfig;
import dev.nebula4j.config.NebulaConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The presets are the users' tutorial files (copied into {@code src/test/resources/tutorial}), and
 * Go nebula accepts what the harness writes from them ({@code nebula -test}: needs the binary, not
 * root), with certificates from {@code nebula-cert} and from nebula4j.
 */
class TutorialConfigsTest {
  private static final InetSocketAddress LIGHTHOUSE = new InetSocketAddress("198.18.0.2", 4242);

  @Test
  void lighthousePresetIsTheTutorialsLighthouseYaml() throws IOException {
    NebulaConfig tutorial = parse(resource("tutorial/lighthouse.yaml"));
    assertThat(TutorialConfigs.lighthouse().pki(tutorial.pki()).build()).isEqualTo(tutorial);
  }

  @Test
  void nodePresetIsTheTutorialsNodeYamlWithThePlaceholderFilledIn() throws IOException {
    String yaml =
        resource("tutorial/node.yaml").replace("<public ip von leuchtturm1>", "198.18.0.2");
    NebulaConfig tutorial = parse(yaml);
    assertThat(TutorialConfigs.node("10.10.10.1", LIGHTHOUSE).pki(tutorial.pki()).build())
        .isEqualTo(tutorial);
  }

  @Test
  void goNebulaAcceptsThePresetsWithCertificatesFromBothIssuers(@TempDir Path dir) {
    assumeTrue(
        GoNebula.isInstalled() && Files.isExecutable(NebulaCertIssuer.NEBULA_CERT),
        "Debian's nebula package (nebula, nebula-cert) is not installed");
    NebulaCertIssuer goCa = NebulaCertIssuer.create(dir.resolve("go-pki"), "My New CA");
    JavaCertIssuer javaCa = JavaCertIssuer.create("My Java CA");

    CommandResult goLighthouse =
        GoNebula.testConfig(
            TutorialConfigs.lighthouse(), goCa.issue("leuchtturm1", "10.10.10.1/24"), dir.resolve("a"));
    CommandResult javaNode =
        GoNebula.testConfig(
            TutorialConfigs.node("10.10.10.1", LIGHTHOUSE),
            javaCa.issue("prod1-postgresql-0", "10.10.10.2/24", "db"),
            dir.resolve("b"));
    assertThat(goLighthouse.exitCode()).as(goLighthouse.describe()).isZero();
    assertThat(javaNode.exitCode()).as(javaNode.describe()).isZero();
  }

  @Test
  void goNebulaRejectsAKeyThatIsNotTheCertificates(@TempDir Path dir) {
    assumeTrue(GoNebula.isInstalled(), GoNebula.NEBULA + " is not installed");
    JavaCertIssuer ca = JavaCertIssuer.create("My Java CA");
    HostCredentials a = ca.issue("a", "10.10.10.2/24");
    HostCredentials b = ca.issue("b", "10.10.10.3/24");
    HostCredentials mixed =
        new HostCredentials(a.request(), a.caCertificatePem(), a.certificatePem(), b.privateKeyPem());

    CommandResult r = GoNebula.testConfig(TutorialConfigs.lighthouse(), mixed, dir);

    assertThat(r.exitCode()).as(r.describe()).isNotZero();
    assertThat(r.stdout() + r.stderr()).contains("private key is not a pair with public key in nebula cert");
  }

  private static NebulaConfig parse(String yaml) {
    LoadedConfig loaded = ConfigLoader.parse(yaml);
    assertThat(loaded.warnings()).isEmpty();
    return loaded.config();
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = TutorialConfigsTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
