package dev.nebula4j.cli.cert;

import dev.nebula4j.cert.InsecureSecretKeyAccess;
import dev.nebula4j.cert.KeyType;
import dev.nebula4j.cert.PrivateKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nebula-cert keygen}: a host key pair whose public half {@code sign -in-pub} accepts.
 * Like Go, it overwrites existing files (new files get mode 0600).
 */
@Command(name = "keygen")
final class KeygenMode extends Mode {
  @Option(names = {"-out-pub", "--out-pub"}, paramLabel = "string", defaultValue = "",
      description = "Required: path to write the public key to")
  String outPub;

  @Option(names = {"-out-key", "--out-key"}, paramLabel = "string", defaultValue = "",
      description = "Required: path to write the private key to")
  String outKey;

  @Option(names = {"-curve", "--curve"}, paramLabel = "string", defaultValue = "25519",
      description = "ECDH Curve (25519, P256)")
  String curve;

  @Override
  String summary() {
    return "keygen <flags>: create a public/private key pair. the public key can be passed to"
        + " `nebula-cert sign`";
  }

  @Override
  void run(CliContext ctx) throws CliException {
    required("out-key", outKey);
    required("out-pub", outPub);
    PrivateKey key = PrivateKey.generate(KeyType.agreement(curve(curve)));
    ctx.write("out-key", outKey, key.toPem(InsecureSecretKeyAccess.get()));
    ctx.write("out-pub", outPub, key.publicKey().toPem());
  }
}
