package dev.nebula4j.examples;

import dev.nebula4j.cert.CaSpec;
import dev.nebula4j.cert.CertificateAuthority;
import dev.nebula4j.cert.HostCredential;
import dev.nebula4j.cert.HostSpec;
import dev.nebula4j.config.ConfigWriter;
import dev.nebula4j.config.NebulaConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * What an operator has on disk for the examples: {@code ca.crt} and, per host, {@code
 * NAME.crt}, {@code NAME.key} and {@code NAME.yml} (the tutorial's node.yaml on loopback).
 */
final class ExampleFiles {
  private final Path dir;
  private final CertificateAuthority ca = CertificateAuthority.create(CaSpec.named("example CA"));

  ExampleFiles(Path dir) throws IOException {
    this.dir = dir;
    Files.writeString(dir.resolve("ca.crt"), ca.certificate().toPem());
  }

  /**
   * Signs {@code name} for {@code cidr} and writes its config, listening on 127.0.0.1 (an
   * ephemeral port unless {@code more} sets one).
   */
  Path host(String name, String cidr, Consumer<NebulaConfig.Builder> more) throws IOException {
    HostCredential cred = ca.sign(HostSpec.named(name).network(cidr));
    cred.writeTo(dir);
    NebulaConfig.Builder b = DemoMesh.nodeConfig(name, 0, "10.10.10.254", 9).toBuilder()
        .staticHostMap(java.util.Map.of())
        .pki(p -> p.ca(dir.resolve("ca.crt").toString())
            .cert(dir.resolve(name + ".crt").toString())
            .key(dir.resolve(name + ".key").toString()))
        .tun(t -> t.disabled(true));
    more.accept(b);
    Path file = dir.resolve(name + ".yml");
    ConfigWriter.write(b.build(), file);
    return file;
  }
}
