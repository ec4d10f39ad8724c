package dev.nebula4j.cli.node;

import dev.nebula4j.cert.CaSpec;
import dev.nebula4j.cert.CertificateAuthority;
import dev.nebula4j.cert.HostCredential;
import dev.nebula4j.cert.HostSpec;
import dev.nebula4j.cert.InsecureSecretKeyAccess;
import dev.nebula4j.config.NebulaConfig;
import dev.nebula4j.config.PkiSource;
import dev.nebula4j.firewall.FirewallPolicy;
import dev.nebula4j.firewall.FirewallRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A CA with two hosts for the {@code bin/nebula} tests: {@code alpha} (10.44.0.1, run by the
 * command from files) and {@code beta} (10.44.0.2, an in-process peer with inline PEMs).
 */
final class TestMesh {
  final CertificateAuthority ca = CertificateAuthority.create(CaSpec.named("cli-test-ca")
      .notBefore(Instant.now().minus(Duration.ofHours(1))));
  final HostCredential alpha = ca.sign(HostSpec.named("alpha").network("10.44.0.1/24"));
  final HostCredential beta = ca.sign(HostSpec.named("beta").network("10.44.0.2/24"));
  final Path dir;

  TestMesh(Path dir) throws IOException {
    this.dir = dir;
    Files.writeString(dir.resolve("ca.crt"), ca.certificate().toPem());
    alpha.writeTo(dir.resolve("alpha.crt"), dir.resolve("alpha.key"));
  }

  /**
   * alpha's config file as a user writes it: files in {@code dir}, loopback, an ephemeral port,
   * no TUN, ICMP in, everything out; {@code extra} is appended (more top-level keys).
   */
  String alphaYaml(boolean tunDisabled, String extra) {
    return "pki:\n"
        + "  ca: " + dir.resolve("ca.crt") + "\n"
        + "  cert: " + dir.resolve("alpha.crt") + "\n"
        + "  key: " + dir.resolve("alpha.key") + "\n"
        + "listen:\n  host: 127.0.0.1\n  port: 0\n"
        + "tun:\n  disabled: " + tunDisabled + "\n"
        + "firewall:\n"
        + "  outbound:\n    - port: any\n      proto: any\n      host: any\n"
        + "  inbound:\n    - port: any\n      proto: icmp\n      host: any\n"
        + extra;
  }

  Path writeAlpha(String yaml) throws IOException {
    Path f = dir.resolve("config.yml");
    Files.writeString(f, yaml);
    return f;
  }

  /** beta, in-process, reaching alpha at {@code alphaUdp} ("127.0.0.1:port"). */
  NebulaConfig betaConfig(String alphaUdp) {
    return NebulaConfig.builder()
        .pki(p -> p.ca(new PkiSource.Inline(ca.certificate().toPem()))
            .cert(new PkiSource.Inline(beta.certificate().toPem()))
            .key(new PkiSource.Inline(beta.privateKey().toPem(InsecureSecretKeyAccess.get()))))
        .listen(l -> l.host("127.0.0.1").port(0))
        .staticHost("10.44.0.1", alphaUdp)
        .firewallPolicy(FirewallPolicy.builder()
            .inbound(FirewallRule.anyAny())
            .outbound(FirewallRule.anyAny())
            .build())
        .build();
  }

  /** Polls {@code condition} every few milliseconds; fails naming {@code what} after 15 s. */
  static void await(BooleanSupplier condition, String what) {
    await(condition, () -> what);
  }

  /** As {@link #await(BooleanSupplier, String)}, the description made when the wait fails. */
  static void await(BooleanSupplier condition, Supplier<String> what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out waiting for " + what.get());
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what.get(), e);
      }
    }
  }
}
