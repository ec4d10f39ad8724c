package dev.nebula4j.interop.harness;

import dev.nebula4j.net.IpNetwork;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link CertificateIssuer} running Debian's {@code /usr/bin/nebula-cert} (1.6.1): a CA made with
 * {@code nebula-cert ca}, hosts signed with {@code nebula-cert sign}, all files in one directory.
 * What users do by hand in the tutorial, so Go nodes get the certificates they would in production.
 */
public final class NebulaCertIssuer implements CertificateIssuer {
  /** Where Debian installs nebula-cert. */
  public static final Path NEBULA_CERT = Path.of("/usr/bin/nebula-cert");

  private final Path dir;
  private final String caName;
  private final Path caCrt;
  private final Path caKey;
  private final String caPem;
  private int serial;

  private NebulaCertIssuer(Path dir, String caName, Path caCrt, Path caKey, String caPem) {
    this.dir = dir;
    this.caName = caName;
    this.caCrt = caCrt;
    this.caKey = caKey;
    this.caPem = caPem;
  }

  /**
   * Creates a CA ({@code nebula-cert ca -name caName}, default validity) in {@code dir}.
   *
   * @throws HarnessException with nebula-cert's output when it fails
   */
  public static NebulaCertIssuer create(Path dir, String caName) {
    Objects.requireNonNull(caName, "caName");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new HarnessException("cannot create " + dir + ": " + e.getMessage(), e);
    }
    Path crt = dir.resolve("ca.crt");
    Path key = dir.resolve("ca.key");
    Commands.run(
            NEBULA_CERT.toString(), "ca", "-name", caName, "-out-crt", crt.toString(), "-out-key",
            key.toString())
        .requireSuccess();
    return new NebulaCertIssuer(dir, caName, crt, key, read(crt));
  }

  @Override
  public synchronized HostCredentials issue(CertificateRequest request) {
    String base = ResourceNames.fileName(request.name()) + "-" + (++serial);
    Path crt = dir.resolve(base + ".crt");
    Path key = dir.resolve(base + ".key");
    List<String> cmd = new ArrayList<>();
    cmd.add(NEBULA_CERT.toString());
    cmd.add("sign");
    cmd.add("-ca-crt");
    cmd.add(caCrt.toString());
    cmd.add("-ca-key");
    cmd.add(caKey.toString());
    cmd.add("-name");
    cmd.add(request.name());
    cmd.add("-ip");
    cmd.add(request.overlay().toString());
    if (!request.groups().isEmpty()) {
      cmd.add("-groups");
      cmd.add(String.join(",", request.groups()));
    }
    if (!request.subnets().isEmpty()) {
      List<String> subnets = new ArrayList<>();
      for (IpNetwork s : request.subnets()) {
        subnets.add(s.toString());
      }
      cmd.add("-subnets");
      cmd.add(String.join(",", subnets));
    }
    cmd.add("-out-crt");
    cmd.add(crt.toString());
    cmd.add("-out-key");
    cmd.add(key.toString());
    Commands.run(cmd, null, Commands.DEFAULT_TIMEOUT).requireSuccess();
    return new HostCredentials(request, caPem, read(crt), read(key));
  }

  @Override
  public String caCertificatePem() {
    return caPem;
  }

  /** The CA's name as given to {@code nebula-cert ca -name}. */
  public String caName() {
    return caName;
  }

  /** The CA certificate file. */
  public Path caCertificateFile() {
    return caCrt;
  }

  /** The CA private key file (unencrypted; it only ever lives in the test's temp directory). */
  public Path caKeyFile() {
    return caKey;
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new HarnessException("cannot read " + p + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "nebula-cert CA '" + caName + "' in " + dir;
  }
}
