package dev.nebula4j.cli.cert;

import dev.nebula4j.cert.Argon2Parameters;
import dev.nebula4j.cert.CaSpec;
import dev.nebula4j.cert.CertificateAuthority;
import dev.nebula4j.cert.Curve;
import dev.nebula4j.cert.InsecureSecretKeyAccess;
import dev.nebula4j.net.IpNetwork;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nebula-cert ca}: create a self-signed CA (Go's flags, defaults and messages). */
@Command(name = "ca")
final class CaMode extends Mode {
  @Option(names = {"-name", "--name"}, paramLabel = "string", defaultValue = "",
      description = "Required: name of the certificate authority")
  String name;

  @Option(names = {"-duration", "--duration"}, paramLabel = "duration", defaultValue = "8760h0m0s",
      description = "Optional: amount of time the certificate should be valid for. Valid time"
          + " units are seconds: \"s\", minutes: \"m\", hours: \"h\"")
  String duration;

  @Option(names = {"-out-key", "--out-key"}, paramLabel = "string", defaultValue = "ca.key",
      description = "Optional: path to write the private key to")
  String outKey;

  @Option(names = {"-out-crt", "--out-crt"}, paramLabel = "string", defaultValue = "ca.crt",
      description = "Optional: path to write the certificate to")
  String outCrt;

  @Mixin
  OutQrOption outQr;

  @Option(names = {"-groups", "--groups"}, paramLabel = "string", defaultValue = "",
      description = "Optional: comma separated list of groups. This will limit which groups"
          + " subordinate certs can use")
  String groups;

  @Option(names = {"-ips", "--ips"}, paramLabel = "string", defaultValue = "",
      description = "Optional: comma separated list of ipv4 address and network in CIDR notation."
          + " This will limit which ipv4 addresses and networks subordinate certs can use for ip"
          + " addresses")
  String ips;

  @Option(names = {"-subnets", "--subnets"}, paramLabel = "string", defaultValue = "",
      description = "Optional: comma separated list of ipv4 address and network in CIDR notation."
          + " This will limit which ipv4 addresses and networks subordinate certs can use in"
          + " subnets")
  String subnets;

  @Option(names = {"-argon-memory", "--argon-memory"}, paramLabel = "uint",
      defaultValue = "2097152", description = "Optional: Argon2 memory parameter (in KiB) used for"
          + " encrypted private key passphrase")
  String argonMemory;

  @Option(names = {"-argon-parallelism", "--argon-parallelism"}, paramLabel = "uint",
      defaultValue = "4", description = "Optional: Argon2 parallelism parameter used for encrypted"
          + " private key passphrase")
  String argonParallelism;

  @Option(names = {"-argon-iterations", "--argon-iterations"}, paramLabel = "uint",
      defaultValue = "1", description = "Optional: Argon2 iterations parameter used for encrypted"
          + " private key passphrase")
  String argonIterations;

  @Option(names = {"-encrypt", "--encrypt"}, arity = "0",
      description = "Optional: prompt for passphrase and write out-key in an encrypted format")
  boolean encrypt;

  @Option(names = {"-curve", "--curve"}, paramLabel = "string", defaultValue = "25519",
      description = "EdDSA/ECDSA Curve (25519, P256)")
  String curve;

  @Override
  String summary() {
    return "ca <flags>: create a self signed certificate authority";
  }

  @Override
  void run(CliContext ctx) throws CliException {
    Duration validity = duration("duration", duration);
    long memory = uint("argon-memory", argonMemory);
    long parallelism = uint("argon-parallelism", argonParallelism);
    long iterations = uint("argon-iterations", argonIterations);
    required("name", name);
    required("out-key", outKey);
    required("out-crt", outCrt);
    Argon2Parameters kdf = null;
    if (encrypt) {
      try { // its checks and messages are Go's -argon-* ones
        kdf = new Argon2Parameters(memory, iterations, (int) Math.min(parallelism, 256));
      } catch (IllegalArgumentException e) {
        throw CliException.usage(e.getMessage());
      }
    }
    if (validity.isZero() || validity.isNegative()) {
      throw CliException.usage("-duration must be greater than 0");
    }
    List<String> groupList = groups(groups);
    List<IpNetwork> ipList = cidrs(ips, "ip", false);
    List<IpNetwork> subnetList = cidrs(subnets, "subnet", true);

    byte[] passphrase = null;
    if (encrypt) {
      passphrase = passphrase(ctx, "out-key must be encrypted interactively",
          "no passphrase specified, remove -encrypt flag to write out-key in plaintext");
    }
    Curve c = curve(curve);
    ctx.refuseOverwrite("CA key", outKey);
    ctx.refuseOverwrite("CA cert", outCrt);
    CertificateAuthority ca = CertificateAuthority.create(CaSpec.named(name)
        .validFor(validity)
        .groups(groupList)
        .networks(ipList)
        .unsafeNetworks(subnetList)
        .curve(c), ctx.clock());
    String crtPem = ca.certificate().toPem();
    String keyPem = passphrase != null
        ? ca.privateKey().toEncryptedPem(passphrase, kdf)
        : ca.privateKey().toPem(InsecureSecretKeyAccess.get());
    ctx.write("out-key", outKey, keyPem);
    ctx.write("out-crt", outCrt, crtPem);
    outQr.write(ctx, crtPem);
  }
}
