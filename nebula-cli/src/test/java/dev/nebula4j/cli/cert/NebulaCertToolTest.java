package dev.nebula4j.cli.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nebula4j.cert.CaPool;
import dev.nebula4j.cert.Certificate;
import dev.nebula4j.cert.CertificateAuthority;
import dev.nebula4j.cert.Curve;
import dev.nebula4j.cert.HostCredential;
import dev.nebula4j.cert.KeyType;
import dev.nebula4j.cert.PrivateKey;
import dev.nebula4j.cert.PublicKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our nebula-cert on its own: the tutorial, usage text, exit codes, files. */
class NebulaCertToolTest {
  @TempDir Path dir;

  @Test
  void tutorialCommandsWork() throws Exception {
    CliRun ca = CliRun.java(dir, "ca", "-name", "My New CA");
    assertThat(ca.exitCode()).isZero();
    assertThat(ca.out() + ca.err()).isEmpty();
    CliRun sign = CliRun.java(dir, "sign", "-name", "leuchtturm1", "-ip", "10.10.10.1/24");
    assertThat(sign.exitCode()).isZero();
    for (String f : new String[] {"ca.crt", "ca.key", "leuchtturm1.crt", "leuchtturm1.key"}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(f))))
          .as(f).isEqualTo("rw-------");
    }
    Certificate caCert = Certificate.fromPem(Files.readString(dir.resolve("ca.crt")));
    assertThat(Duration.between(caCert.notBefore(), caCert.notAfter()))
        .isEqualTo(Duration.ofHours(8760));
    HostCredential host = HostCredential.read(dir.resolve("leuchtturm1.crt"),
        dir.resolve("leuchtturm1.key"));
    assertThat(host.certificate().notAfter()).isEqualTo(caCert.notAfter().minusSeconds(1));
    CaPool.of(caCert).verify(host.certificate(), Instant.now());
    assertThat(CliRun.java(dir, "verify", "-ca", "ca.crt", "-crt", "leuchtturm1.crt"))
        .isEqualTo(new CliRun(0, "", ""));

    CliRun again = CliRun.java(dir, "ca", "-name", "My New CA");
    assertThat(again).isEqualTo(new CliRun(1, "",
        "Error: refusing to overwrite existing CA key: ca.key\n"));
    assertThat(CliRun.java(dir, "sign", "-name", "leuchtturm1", "-ip", "10.10.10.1/24"))
        .isEqualTo(new CliRun(1, "", "Error: refusing to overwrite existing cert: leuchtturm1.crt\n"));
  }

  @Test
  void usageAndFlagErrorsFollowGo() {
    CliRun none = CliRun.java(dir);
    assertThat(none.exitCode()).isEqualTo(1);
    assertThat(none.err()).startsWith("Error: No mode was provided\n\nUsage of nebula-cert <global"
        + " flags> <mode>:\n  Global flags:\n    -version: Prints the version\n");
    assertThat(CliRun.java(dir, "-h").exitCode()).isZero();
    assertThat(CliRun.java(dir, "bogus")).isEqualTo(new CliRun(1, "", "Error: unknown mode: bogus\n"));
    assertThat(CliRun.java(dir, "print", "-bogus")).isEqualTo(new CliRun(1, "",
        "flag provided but not defined: -bogus\nError: flag provided but not defined: -bogus\n"));
    assertThat(CliRun.java(dir, "ca", "-name")).isEqualTo(new CliRun(1, "",
        "flag needs an argument: -name\nError: flag needs an argument: -name\n"));
    CliRun badDuration = CliRun.java(dir, "ca", "-name", "x", "-duration", "1x");
    assertThat(badDuration.err()).endsWith(
        "Error: invalid value \"1x\" for flag -duration: parse error\n");

    CliRun missing = CliRun.java(dir, "keygen", "-out-key", "k");
    assertThat(missing).isEqualTo(new CliRun(1, "", "Error: -out-pub is required\n"
        + "Usage of nebula-cert keygen <flags>: create a public/private key pair. the public key"
        + " can be passed to `nebula-cert sign`\n"
        + "  -curve string\n    \tECDH Curve (25519, P256) (default \"25519\")\n"
        + "  -out-key string\n    \tRequired: path to write the private key to\n"
        + "  -out-pub string\n    \tRequired: path to write the public key to\n"));
    CliRun help = CliRun.java(dir, "verify", "-h");
    assertThat(help).isEqualTo(new CliRun(0, "", "Usage of nebula-cert verify <flags>: verifies"
        + " a certificate isn't expired and was signed by a trusted authority.\n"
        + "  -ca string\n    \tRequired: path to a file containing one or more ca certificates\n"
        + "  -crt string\n    \tRequired: path to a file containing a single certificate\n"));
    assertThat(CliRun.java(dir, "print", "-json=maybe", "-path", "x").err())
        .startsWith("invalid boolean value \"maybe\" for -json: parse error\n");
    assertThat(CliRun.java(dir, "-version").out()).startsWith("Version: ")
        .contains("Version: " + dev.nebula4j.cli.BuildVersion.get() + " (nebula4j)");
  }

  @Test
  void durationsParseLikeGo() throws CliException {
    assertThat(Mode.duration("duration", "8760h0m0s")).isEqualTo(Duration.ofHours(8760));
    assertThat(Mode.duration("duration", "1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Mode.duration("duration", "1.5h")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Mode.duration("duration", "-5s")).isEqualTo(Duration.ofSeconds(-5));
    assertThat(Mode.duration("duration", "0")).isEqualTo(Duration.ZERO);
    assertThat(Mode.duration("duration", "300ms")).isEqualTo(Duration.ofMillis(300));
    for (String bad : new String[] {"1", "1x", "", ".h", "3000000h"}) {
      assertThatThrownBy(() -> Mode.duration("duration", bad)).as(bad)
          .isInstanceOf(CliException.class)
          .hasMessage("invalid value \"" + bad + "\" for flag -duration: parse error");
    }
  }

  @Test
  void keygenAndInPubProduceMatchingCertificates() throws Exception {
    assertThat(CliRun.java(dir, "ca", "-name", "ca").exitCode()).isZero();
    assertThat(CliRun.java(dir, "keygen", "-out-key", "h.key", "-out-pub", "h.pub").exitCode())
        .isZero();
    CliRun sign = CliRun.java(dir, "sign", "-name", "h", "-ip", "10.1.1.1/24", "-in-pub", "h.pub");
    assertThat(sign.exitCode()).as(sign.err()).isZero();
    assertThat(Files.exists(dir.resolve("h.key"))).isTrue();
    HostCredential.read(dir.resolve("h.crt"), dir.resolve("h.key"));
  }

  @Test
  void p256EndToEnd() throws Exception {
    assertThat(CliRun.java(dir, "ca", "-name", "p", "-curve", "P256").exitCode()).isZero();
    assertThat(Files.readString(dir.resolve("ca.key")))
        .startsWith("-----BEGIN NEBULA ECDSA P256 PRIVATE KEY-----\n");
    assertThat(CliRun.java(dir, "sign", "-name", "h", "-ip", "10.1.1.1/24").exitCode()).isZero();
    assertThat(Files.readString(dir.resolve("h.key")))
        .startsWith("-----BEGIN NEBULA P256 PRIVATE KEY-----\n");
    assertThat(CliRun.java(dir, "verify", "-ca", "ca.crt", "-crt", "h.crt").exitCode()).isZero();
    CliRun json = CliRun.java(dir, "print", "-json", "-path", "h.crt");
    assertThat(json.out()).startsWith("{\"details\":{\"curve\":\"P256\",\"groups\":[]");
    assertThat(CliRun.java(dir, "print", "-path", "h.crt").out()).contains("\t\tCurve: P256\n");
    // a 25519 public key cannot be signed by a P-256 CA
    assertThat(CliRun.java(dir, "keygen", "-out-key", "x.key", "-out-pub", "x.pub").exitCode())
        .isZero();
    assertThat(CliRun.java(dir, "sign", "-name", "x", "-ip", "10.1.1.2/24", "-in-pub", "x.pub"))
        .isEqualTo(new CliRun(1, "", "Error: curve of in-pub does not match ca\n"));
  }

  @Test
  void argonParametersOutOfRangeAreUsageErrors() {
    String[][] cases = {
        {"-argon-memory", "0", "-argon-memory must be be greater than 0 and no more than"
            + " 4294967295 KiB"},
        {"-argon-parallelism", "256", "-argon-parallelism must be be greater than 0 and no more"
            + " than 255"},
        {"-argon-parallelism", "4294967300", "-argon-parallelism must be be greater than 0 and no"
            + " more than 255"},
        {"-argon-iterations", "4294967296", "-argon-iterations must be be greater than 0 and no"
            + " more than 4294967295"},
    };
    for (String[] c : cases) {
      CliRun run = CliRun.java(dir, "ca", "-name", "enc", "-encrypt", c[0], c[1]);
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err()).as(c[0] + " " + c[1])
          .startsWith("Error: " + c[2] + "\nUsage of nebula-cert ca <flags>:");
    }
  }

  @Test
  void encryptedCaKeyWithEnvironmentPassphrase() throws Exception {
    Map<String, String> env = Map.of("NEBULA_CA_PASSPHRASE", "s3cret");
    PassphraseReader none = () -> {
      throw new PassphraseReader.NoTerminal();
    };
    CliRun ca = CliRun.java(dir, env, none, "ca", "-name", "enc", "-encrypt",
        "-argon-memory", "256", "-argon-iterations", "1", "-argon-parallelism", "2");
    assertThat(ca.exitCode()).as(ca.err()).isZero();
    byte[] keyPem = Files.readAllBytes(dir.resolve("ca.key"));
    assertThat(new String(keyPem, StandardCharsets.US_ASCII))
        .startsWith("-----BEGIN NEBULA ED25519 ENCRYPTED PRIVATE KEY-----\n");
    assertThat(PrivateKey.encryptionParameters(keyPem).memoryKiB()).isEqualTo(256);

    assertThat(CliRun.java(dir, "sign", "-name", "h", "-ip", "10.1.1.1/24"))
        .isEqualTo(new CliRun(1, "", "Enter passphrase: "
            + "Error: ca-key is encrypted and must be decrypted interactively\n"));
    assertThat(CliRun.java(dir, env, none, "sign", "-name", "h", "-ip", "10.1.1.1/24").exitCode())
        .isZero();
    CliRun wrong = CliRun.java(dir, Map.of("NEBULA_CA_PASSPHRASE", "nope"), none, "sign",
        "-name", "h2", "-ip", "10.1.1.2/24");
    assertThat(wrong).isEqualTo(new CliRun(1, "", "Error: error while parsing encrypted ca-key:"
        + " invalid passphrase or corrupt private key\n"));
    // typed at the prompt
    CliRun typed = CliRun.java(dir, Map.of(), () -> "s3cret".getBytes(StandardCharsets.UTF_8),
        "sign", "-name", "h3", "-ip", "10.1.1.3/24");
    assertThat(typed.exitCode()).isZero();
    assertThat(typed.err()).isEqualTo("Enter passphrase: ");
    CertificateAuthority back = CertificateAuthority.read(dir.resolve("ca.crt"),
        dir.resolve("ca.key"), "s3cret".getBytes(StandardCharsets.UTF_8));
    assertThat(back.curve()).isEqualTo(Curve.CURVE25519);
  }

  @Test
  void keygenWritesPublicKeysSignAccepts() throws Exception {
    assertThat(CliRun.java(dir, "keygen", "-curve", "P256", "-out-key", "p.key", "-out-pub",
        "p.pub").exitCode()).isZero();
    PublicKey pub = PublicKey.fromPem(Files.readString(dir.resolve("p.pub")));
    assertThat(pub.type()).isEqualTo(KeyType.P256_ECDH);
    assertThat(PrivateKey.fromPem(Files.readString(dir.resolve("p.key"))).matches(pub)).isTrue();
    assertThat(CliRun.java(dir, "keygen", "-curve", "X448", "-out-key", "a", "-out-pub", "b"))
        .isEqualTo(new CliRun(1, "", "Error: invalid curve: X448\n"));
  }
}
