package dev.nebula4j.cli.cert;

import dev.nebula4j.cert.CertException;
import dev.nebula4j.cert.Certificate;
import dev.nebula4j.cert.CertificateAuthority;
import dev.nebula4j.cert.ConstraintViolationException;
import dev.nebula4j.cert.EncryptedKeyException;
import dev.nebula4j.cert.HostSpec;
import dev.nebula4j.cert.InsecureSecretKeyAccess;
import dev.nebula4j.cert.KeyType;
import dev.nebula4j.cert.PrivateKey;
import dev.nebula4j.cert.PublicKey;
import dev.nebula4j.internal.cert.PemBlock;
import dev.nebula4j.internal.cert.PemCodec;
import dev.nebula4j.net.IpNetwork;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nebula-cert sign}: sign a host certificate with a CA (Go's flags and messages). */
@Command(name = "sign")
final class SignMode extends Mode {
  @Option(names = {"-ca-key", "--ca-key"}, paramLabel = "string", defaultValue = "ca.key",
      description = "Optional: path to the signing CA key")
  String caKey;

  @Option(names = {"-ca-crt", "--ca-crt"}, paramLabel = "string", defaultValue = "ca.crt",
      description = "Optional: path to the signing CA cert")
  String caCrt;

  @Option(names = {"-name", "--name"}, paramLabel = "string", defaultValue = "",
      description = "Required: name of the cert, usually a hostname")
  String name;

  @Option(names = {"-ip", "--ip"}, paramLabel = "string", defaultValue = "",
      description = "Required: ipv4 address and network in CIDR notation to assign the cert")
  String ip;

  @Option(names = {"-duration", "--duration"}, paramLabel = "duration", defaultValue = "0s",
      description = "Optional: how long the cert should be valid for. The default is 1 second"
          + " before the signing cert expires. Valid time units are seconds: \"s\", minutes:"
          + " \"m\", hours: \"h\"")
  String duration;

  @Option(names = {"-in-pub", "--in-pub"}, paramLabel = "string", defaultValue = "",
      description = "Optional (if out-key not set): path to read a previously generated public"
          + " key")
  String inPub;

  @Option(names = {"-out-key", "--out-key"}, paramLabel = "string", defaultValue = "",
      description = "Optional (if in-pub not set): path to write the private key to")
  String outKey;

  @Option(names = {"-out-crt", "--out-crt"}, paramLabel = "string", defaultValue = "",
      description = "Optional: path to write the certificate to")
  String outCrt;

  @Mixin
  OutQrOption outQr;

  @Option(names = {"-groups", "--groups"}, paramLabel = "string", defaultValue = "",
      description = "Optional: comma separated list of groups")
  String groups;

  @Option(names = {"-subnets", "--subnets"}, paramLabel = "string", defaultValue = "",
      description = "Optional: comma separated list of ipv4 address and network in CIDR notation."
          + " Subnets this cert can serve for")
  String subnets;

  @Override
  String summary() {
    return "sign <flags>: create and sign a certificate";
  }

  @Override
  void run(CliContext ctx) throws CliException {
    Duration validity = duration("duration", duration);
    required("ca-key", caKey);
    required("ca-crt", caCrt);
    required("name", name);
    required("ip", ip);
    if (!inPub.isEmpty() && !outKey.isEmpty()) {
      throw CliException.usage("cannot set both -in-pub and -out-key");
    }
    PrivateKey key = readCaKey(ctx);
    byte[] caCrtPem = ctx.read(caCrt, "error while reading ca-crt: ");
    Certificate caCert;
    try {
      caCert = Certificate.fromPem(caCrtPem);
    } catch (CertException e) {
      throw CliException.error("error while parsing ca-crt: " + e.getMessage());
    }
    CertificateAuthority ca;
    try {
      ca = CertificateAuthority.of(caCert, key).withClock(ctx.clock());
    } catch (CertException e) {
      throw CliException.error("refusing to sign, root certificate does not match private key");
    }
    Instant now = ctx.clock().instant();
    if (caCert.isExpired(now)) {
      throw CliException.error("ca certificate is expired");
    }
    IpNetwork network = cidr(ip, "ip");
    List<String> groupList = groups(groups);
    List<IpNetwork> subnetList = cidrs(subnets, "subnet", true);

    PublicKey hostPub;
    PrivateKey hostKey = null;
    if (!inPub.isEmpty()) {
      byte[] pubPem = ctx.read(inPub, "error while reading in-pub: ");
      try {
        PemBlock block = PemCodec.decode(pubPem, 0);
        if (block != null && !block.type().equals(KeyType.X25519.publicKeyBanner())
            && !block.type().equals(KeyType.P256_ECDH.publicKeyBanner())) {
          throw CliException.error("error while parsing in-pub: bytes did not contain a proper"
              + " nebula X25519 public key banner");
        }
        hostPub = PublicKey.fromPem(pubPem);
      } catch (CertException e) {
        throw CliException.error("error while parsing in-pub: " + e.getMessage());
      }
      if (hostPub.curve() != ca.curve()) {
        throw CliException.error("curve of in-pub does not match ca");
      }
    } else {
      hostKey = PrivateKey.generate(KeyType.agreement(ca.curve()));
      hostPub = hostKey.publicKey();
    }
    HostSpec spec = HostSpec.named(name).networks(List.of(network)).groups(groupList)
        .unsafeNetworks(subnetList).notBefore(now);
    if (!validity.isZero() && !validity.isNegative()) {
      spec = spec.validFor(validity);
    }
    Certificate cert;
    try {
      cert = ca.sign(spec, hostPub);
    } catch (ConstraintViolationException e) {
      throw CliException.error("refusing to sign, root certificate constraints violated: "
          + e.getMessage());
    } catch (CertException e) {
      throw CliException.error("error while signing: " + e.getMessage());
    }
    String keyPath = outKey.isEmpty() ? name + ".key" : outKey;
    String crtPath = outCrt.isEmpty() ? name + ".crt" : outCrt;
    ctx.refuseOverwrite("cert", crtPath);
    if (hostKey != null) {
      ctx.refuseOverwrite("key", keyPath);
      ctx.write("out-key", keyPath, hostKey.toPem(InsecureSecretKeyAccess.get()));
    }
    String crtPem = cert.toPem();
    ctx.write("out-crt", crtPath, crtPem);
    outQr.write(ctx, crtPem);
  }

  private PrivateKey readCaKey(CliContext ctx) throws CliException {
    byte[] raw = ctx.read(caKey, "error while reading ca-key: ");
    try {
      PrivateKey key;
      try {
        key = PrivateKey.fromPem(raw);
      } catch (EncryptedKeyException e) {
        if (!e.passphraseRequired()) {
          throw e;
        }
        byte[] pass = passphrase(ctx, "ca-key is encrypted and must be decrypted interactively",
            "cannot open encrypted ca-key without passphrase");
        try {
          key = PrivateKey.decryptPem(raw, pass);
        } catch (CertException de) {
          throw CliException.error("error while parsing encrypted ca-key: " + de.getMessage());
        } finally {
          java.util.Arrays.fill(pass, (byte) 0);
        }
      }
      if (!key.type().isSigning()) {
        throw CliException.error("error while parsing ca-key: bytes did not contain a proper"
            + " nebula Ed25519 private key banner");
      }
      return key;
    } catch (CertException e) {
      throw CliException.error("error while parsing ca-key: " + e.getMessage());
    } finally {
      java.util.Arrays.fill(raw, (byte) 0);
    }
  }
}
