package dev.nebula4j.cli.cert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nebula4j.cert.CaPool;
import dev.nebula4j.cert.CaSpec;
import dev.nebula4j.cert.Certificate;
import dev.nebula4j.cert.CertificateAuthority;
import dev.nebula4j.cert.HostCredential;
import dev.nebula4j.cert.HostSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Both directions against Debian's {@code /usr/bin/nebula-cert} 1.6.1 (skipped where it is not
 * installed): our files in Go, Go's files in ours, the same output and refusals.
 */
class GoInteropTest {
  @TempDir Path go;
  @TempDir Path jv;

  @BeforeAll
  static void needsGoNebulaCert() {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/nebula-cert")),
        "/usr/bin/nebula-cert (Debian package nebula) is not installed");
  }

  private static String fingerprintOf(String json) {
    Matcher m = Pattern.compile("\"fingerprint\":\"([0-9a-f]{64})\"").matcher(json);
    assertThat(m.find()).as(json).isTrue();
    return m.group(1);
  }

  private static void ok(CliRun run) {
    assertThat(run.exitCode()).as(run.err()).isZero();
  }

  @Test
  void ourCertificatesPassGoVerifyAndPrintIdentically() {
    ok(CliRun.java(jv, "ca", "-name", "My New CA", "-groups", "lighthouse,db", "-ips",
        "10.10.0.0/16", "-subnets", "192.168.0.0/16", "-duration", "720h"));
    ok(CliRun.java(jv, "sign", "-name", "leuchtturm1", "-ip", "10.10.10.1/24", "-groups",
        "lighthouse", "-subnets", "192.168.7.0/24"));
    ok(CliRun.go(jv, "verify", "-ca", "ca.crt", "-crt", "leuchtturm1.crt"));
    for (String f : new String[] {"ca.crt", "leuchtturm1.crt"}) {
      assertThat(CliRun.java(jv, "print", "-json", "-path", f))
          .isEqualTo(CliRun.go(jv, "print", "-json", "-path", f));
      assertThat(CliRun.java(jv, "print", "-path", f))
          .isEqualTo(CliRun.go(jv, "print", "-path", f));
    }
    // a bundle prints every certificate
    ok(CliRun.java(jv, "ca", "-name", "second", "-out-crt", "2.crt", "-out-key", "2.key"));
    CliRun bundle = CliRun.go(jv, "print", "-json", "-path", "ca.crt");
    assertThat(bundle.out()).contains("My New CA");
  }

  @Test
  void javaApiFilesOfTheTutorialPassGoVerify() throws Exception {
    CertificateAuthority ca = CertificateAuthority.create(
        CaSpec.named("My New CA").validFor(Duration.ofDays(365)));
    ca.writeTo(jv);
    String[][] hosts = {{"leuchtturm1", "10.10.10.1/24"}, {"prod1-postgresql-0", "10.10.10.2/24"},
        {"prod4-postgresql-0", "10.10.10.3/24"}};
    for (String[] h : hosts) {
      ca.sign(HostSpec.named(h[0]).network(h[1]).groups("db")).writeTo(jv);
      ok(CliRun.go(jv, "verify", "-ca", "ca.crt", "-crt", h[0] + ".crt"));
      assertThat(CliRun.java(jv, "print", "-json", "-path", h[0] + ".crt"))
          .isEqualTo(CliRun.go(jv, "print", "-json", "-path", h[0] + ".crt"));
    }
    // Go signs with the CA key our API wrote
    ok(CliRun.go(jv, "sign", "-name", "gohost", "-ip", "10.10.10.9/24"));
    CaPool.of(ca.certificate()).verify(
        HostCredential.read(jv.resolve("gohost.crt"), jv.resolve("gohost.key")).certificate(),
        Instant.now());
  }

  @Test
  void printEscapesLikeGo() {
    ok(CliRun.java(jv, "ca", "-name", "A<b>&\"c\\d \u00e9 \u2713 \ttab", "-groups",
        "<g>,x&y,\"q\"", "-duration", "10h"));
    ok(CliRun.go(jv, "sign", "-name", "h<1>", "-ip", "10.0.0.1/24", "-groups", "<g>"));
    for (String f : new String[] {"ca.crt", "h<1>.crt"}) {
      assertThat(CliRun.java(jv, "print", "-json", "-path", f))
          .isEqualTo(CliRun.go(jv, "print", "-json", "-path", f));
      assertThat(CliRun.java(jv, "print", "-path", f))
          .isEqualTo(CliRun.go(jv, "print", "-path", f));
    }
  }

  @Test
  void goCertificatesLoadVerifyAndKeepTheirFingerprints() throws Exception {
    ok(CliRun.go(go, "ca", "-name", "Go CA", "-groups", "g1,g2", "-ips", "10.42.0.0/16"));
    ok(CliRun.go(go, "sign", "-name", "gohost", "-ip", "10.42.1.5/24", "-groups", "g1"));
    ok(CliRun.go(go, "keygen", "-out-key", "ext.key", "-out-pub", "ext.pub"));
    ok(CliRun.go(go, "sign", "-name", "ext", "-ip", "10.42.1.6/24", "-in-pub", "ext.pub"));
    ok(CliRun.java(go, "verify", "-ca", "ca.crt", "-crt", "gohost.crt"));

    Certificate ca = Certificate.fromPem(Files.readString(go.resolve("ca.crt")));
    Certificate host = Certificate.fromPem(Files.readString(go.resolve("gohost.crt")));
    assertThat(ca.fingerprint().hex())
        .isEqualTo(fingerprintOf(CliRun.go(go, "print", "-json", "-path", "ca.crt").out()));
    assertThat(host.fingerprint().hex())
        .isEqualTo(fingerprintOf(CliRun.go(go, "print", "-json", "-path", "gohost.crt").out()));
    assertThat(host.toPem()).isEqualTo(Files.readString(go.resolve("gohost.crt")));
    CaPool.read(go.resolve("ca.crt")).verify(host, Instant.now());
    CertificateAuthority.read(go.resolve("ca.crt"), go.resolve("ca.key"), null);
    HostCredential.read(go.resolve("gohost.crt"), go.resolve("gohost.key"));
    HostCredential.read(go.resolve("ext.crt"), go.resolve("ext.key"));
  }

  @Test
  void crossSigningWorksBothWays() throws Exception {
    // Go CA key, our signature
    ok(CliRun.go(go, "ca", "-name", "Go CA"));
    ok(CliRun.java(go, "sign", "-name", "javahost", "-ip", "10.1.0.7/16", "-groups", "x"));
    ok(CliRun.go(go, "verify", "-ca", "ca.crt", "-crt", "javahost.crt"));
    // our CA key, Go's signature (and Go's -in-pub with our keygen)
    ok(CliRun.java(jv, "ca", "-name", "Java CA"));
    ok(CliRun.go(jv, "sign", "-name", "gohost", "-ip", "10.2.0.7/16"));
    ok(CliRun.java(jv, "keygen", "-out-key", "k.key", "-out-pub", "k.pub"));
    ok(CliRun.go(jv, "sign", "-name", "gopub", "-ip", "10.2.0.8/16", "-in-pub", "k.pub"));
    ok(CliRun.java(jv, "verify", "-ca", "ca.crt", "-crt", "gohost.crt"));
    ok(CliRun.java(jv, "verify", "-ca", "ca.crt", "-crt", "gopub.crt"));
    ok(CliRun.go(jv, "verify", "-ca", "ca.crt", "-crt", "gohost.crt"));
    HostCredential.read(jv.resolve("gopub.crt"), jv.resolve("k.key"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "ip outside the CA   | -name a -ip 10.43.0.1/24",
      "shorter prefix      | -name a -ip 10.42.0.1/8",
      "foreign group       | -name a -ip 10.42.0.1/24 -groups g1,g4",
      "subnet outside      | -name a -ip 10.42.0.1/24 -subnets 172.16.0.0/12",
      "expiry beyond CA    | -name a -ip 10.42.0.1/24 -duration 1000h",
      "key of another CA   | -name a -ip 10.42.0.1/24 -ca-key other.key",
      "not an ip           | -name a -ip 10.42.0.1",
      "ipv6                | -name a -ip fd00::1/64",
  })
  void refusalsMatchGo(String why, String flags) {
    ok(CliRun.go(go, "ca", "-name", "Test CA", "-groups", "g1,g2", "-ips", "10.42.0.0/16",
        "-subnets", "192.168.0.0/16", "-duration", "100h"));
    ok(CliRun.go(go, "ca", "-name", "other", "-out-key", "other.key", "-out-crt", "other.crt"));
    String[] args = ("sign " + flags).split(" ");
    CliRun goRun = CliRun.go(go, args);
    CliRun ours = CliRun.java(go, args);
    assertThat(goRun.exitCode()).isEqualTo(1);
    // sign usage is identical (usageMatchesGo); compare the Error line and the exit code
    assertThat(ours.exitCode()).isEqualTo(1);
    assertThat(firstLine(ours.err())).isEqualTo(firstLine(goRun.err()));
    assertThat(ours.out()).isEqualTo(goRun.out());
  }

  @Test
  void usageMatchesGo() {
    for (String mode : new String[] {"sign", "print", "verify"}) {
      assertThat(CliRun.java(go, mode, "-h")).as(mode).isEqualTo(CliRun.go(go, mode, "-h"));
    }
    // ca and keygen: Go 1.6.1's flags and text exactly, plus the flags of nebula 1.7+ we also
    // accept (each two lines: name and type, then the indented description)
    String newer =
        "(?m)^  -(argon-iterations|argon-memory|argon-parallelism|curve|encrypt)\\b.*\\n.*\\n";
    for (String mode : new String[] {"ca", "keygen"}) {
      CliRun ours = CliRun.java(go, mode, "-h");
      assertThat(ours.err()).as(mode).containsPattern("(?m)^  -curve string$");
      assertThat(new CliRun(ours.exitCode(), ours.out(), ours.err().replaceAll(newer, "")))
          .as(mode).isEqualTo(CliRun.go(go, mode, "-h"));
    }
    assertThat(CliRun.go(go, "ca", "-h").err()).contains("  -out-qr string\n    \tOptional:"
        + " output a qr code image (png) of the certificate\n");
  }

  @Test
  void outQrEncodesWhatGoEncodes() throws Exception {
    ok(CliRun.go(go, "ca", "-name", "Go CA", "-groups", "lighthouse,db", "-out-qr", "ca.png"));
    ok(CliRun.go(go, "sign", "-name", "leuchtturm1", "-ip", "10.10.10.1/24", "-groups",
        "lighthouse", "-subnets", "192.168.7.0/24", "-out-qr", "host.png", "-out-crt",
        "host.crt", "-out-key", "host.key"));
    String caPem = Files.readString(go.resolve("ca.crt"));
    String hostPem = Files.readString(go.resolve("host.crt"));
    Files.writeString(go.resolve("bundle.crt"), "# CA, then host\n" + caPem + "\n\n" + hostPem);
    // nine CA certificates, about 2,300 bytes: a version 40 symbol in Go
    Files.writeString(go.resolve("big.crt"), caPem.repeat(9));
    for (String crt : new String[] {"ca.crt", "host.crt", "bundle.crt", "big.crt"}) {
      String png = crt.replace(".crt", "");
      CliRun goPrint = CliRun.go(go, "print", "-path", crt, "-out-qr", png + "-go.png");
      ok(goPrint);
      assertThat(CliRun.java(go, "print", "-path", crt, "-out-qr", png + "-java.png"))
          .isEqualTo(goPrint);
      QrPng goQr = QrPng.read(go.resolve(png + "-go.png"));
      QrPng ourQr = QrPng.read(go.resolve(png + "-java.png"));
      assertThat(ourQr.text()).as(crt).isEqualTo(goQr.text());
      assertThat(ourQr.errorCorrectionLevel()).isEqualTo(goQr.errorCorrectionLevel())
          .isEqualTo("M");
      assertThat(ourQr.modulePixels()).isEqualTo(goQr.modulePixels()).isEqualTo(5);
      assertThat(ourQr.quietZoneModules()).isEqualTo(goQr.quietZoneModules()).isEqualTo(4);
      // zxing segments optimally, go-qrcode by heuristic: never larger, at most one version less
      assertThat(ourQr.version()).isBetween(goQr.version() - 1, goQr.version());
    }
    // Go's ca and sign encode the PEM they wrote, as ours do
    assertThat(QrPng.read(go.resolve("ca.png")).text()).isEqualTo(caPem);
    assertThat(QrPng.read(go.resolve("host.png")).text())
        .isEqualTo(hostPem)
        .isEqualTo(QrPng.read(go.resolve("host-go.png")).text());
    assertThat(QrPng.read(go.resolve("bundle-go.png")).text()).isEqualTo(caPem + hostPem);
    for (String f : new String[] {"ca.png", "host.png", "bundle-go.png", "bundle-java.png"}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(go.resolve(f))))
          .as(f).isEqualTo("rw-------");
    }

    // our ca and sign
    ok(CliRun.java(jv, "ca", "-name", "Java CA", "-out-qr", "ca.png"));
    ok(CliRun.java(jv, "sign", "-name", "h", "-ip", "10.3.0.1/16", "-out-qr", "h.png"));
    ok(CliRun.go(jv, "print", "-path", "h.crt", "-out-qr", "h-go.png"));
    assertThat(QrPng.read(jv.resolve("h.png")).text())
        .isEqualTo(QrPng.read(jv.resolve("h-go.png")).text())
        .isEqualTo(Files.readString(jv.resolve("h.crt")));
    ok(CliRun.go(jv, "print", "-path", "ca.crt", "-out-qr", "ca-go.png"));
    assertThat(QrPng.read(jv.resolve("ca.png")).text())
        .isEqualTo(QrPng.read(jv.resolve("ca-go.png")).text());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "ca, missing directory    | ca -name x -out-qr missing/q.png",
      "ca, a directory          | ca -name x -out-qr sub",
      "sign, missing directory  | sign -ca-key c.key -ca-crt c.crt -name h -ip 10.0.0.1/24"
          + " -out-qr missing/q.png",
      "sign, a directory        | sign -ca-key c.key -ca-crt c.crt -name h -ip 10.0.0.1/24"
          + " -out-qr sub",
      "print, missing directory | print -path c.crt -out-qr missing/q.png",
      "print, a directory       | print -path c.crt -out-qr sub",
      "print, too long          | print -path many.crt -out-qr many.png",
  })
  void outQrFailuresMatchGo(String why, String command) throws Exception {
    ok(CliRun.go(go, "ca", "-name", "signer", "-out-crt", "c.crt", "-out-key", "c.key"));
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 12; i++) { // 2,800 bytes: beyond any QR code (10 still fit, in both)
      many.append(Files.readString(go.resolve("c.crt")));
    }
    Files.writeString(go.resolve("many.crt"), many);
    for (String f : new String[] {"c.crt", "c.key", "many.crt"}) {
      Files.copy(go.resolve(f), jv.resolve(f));
    }
    Files.createDirectory(go.resolve("sub"));
    Files.createDirectory(jv.resolve("sub"));
    String[] args = command.split(" ");
    CliRun goRun = CliRun.go(go, args);
    assertThat(goRun.exitCode()).isEqualTo(1);
    assertThat(CliRun.java(jv, args)).isEqualTo(goRun);
    // what was written before the QR code failed is the same in both directories
    try (var goFiles = Files.list(go); var ourFiles = Files.list(jv)) {
      assertThat(ourFiles.map(p -> p.getFileName().toString()).sorted()).containsExactlyElementsOf(
          goFiles.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void expiredCaIsRefusedByBoth() throws Exception {
    CertificateAuthority old = CertificateAuthority.create(CaSpec.named("old")
        .notBefore(Instant.now().minus(Duration.ofDays(10))).validFor(Duration.ofDays(1)));
    old.writeTo(go);
    CliRun goRun = CliRun.go(go, "sign", "-name", "a", "-ip", "10.0.0.1/24");
    assertThat(goRun).isEqualTo(new CliRun(1, "", "Error: ca certificate is expired\n"));
    assertThat(CliRun.java(go, "sign", "-name", "a", "-ip", "10.0.0.1/24")).isEqualTo(goRun);

    // a certificate of the expired CA, and a bundle with it
    Certificate host = old.withClock(java.time.Clock.fixed(
            old.certificate().notBefore().plusSeconds(60), java.time.ZoneOffset.UTC))
        .sign(HostSpec.named("h").network("10.0.0.2/24")).certificate();
    Files.writeString(go.resolve("h.crt"), host.toPem());
    CliRun goVerify = CliRun.go(go, "verify", "-ca", "ca.crt", "-crt", "h.crt");
    assertThat(goVerify.err()).isEqualTo(
        "Error: error while adding ca cert to pool: old: certificate is expired\n");
    assertThat(CliRun.java(go, "verify", "-ca", "ca.crt", "-crt", "h.crt")).isEqualTo(goVerify);
  }

  @Test
  void tamperedCertificatesFailInBoth() throws Exception {
    ok(CliRun.java(jv, "ca", "-name", "ca"));
    ok(CliRun.java(jv, "sign", "-name", "victim", "-ip", "10.3.0.1/16"));
    Certificate host = Certificate.fromPem(Files.readString(jv.resolve("victim.crt")));
    byte[] bytes = host.marshal();
    bytes[5] ^= 0x01; // inside the name
    Files.writeString(jv.resolve("bad.crt"), dev.nebula4j.internal.cert.PemCodec.encode(
        "NEBULA CERTIFICATE", bytes));
    CliRun goRun = CliRun.go(jv, "verify", "-ca", "ca.crt", "-crt", "bad.crt");
    assertThat(goRun.exitCode()).isEqualTo(1);
    assertThat(CliRun.java(jv, "verify", "-ca", "ca.crt", "-crt", "bad.crt")).isEqualTo(goRun);

    // a host certificate offered as the CA bundle
    CliRun goNotCa = CliRun.go(jv, "verify", "-ca", "victim.crt", "-crt", "victim.crt");
    assertThat(goNotCa.err()).isEqualTo(
        "Error: error while adding ca cert to pool: victim: certificate is not a CA\n");
    assertThat(CliRun.java(jv, "verify", "-ca", "victim.crt", "-crt", "victim.crt"))
        .isEqualTo(goNotCa);
  }

  @Test
  void flagHandlingMatchesGo() {
    String[][] cases = {
        {}, {"-h"}, {"bogus"}, {"-x"}, {"print", "-bogus"}, {"ca", "-name"},
        {"print", "-json=x", "-path", "x"}, {"verify", "-h"}, {"verify"}, {"print", "---x"},
        {"print", "-path", "missing.crt"}, {"verify", "-ca", "missing", "-crt", "x"},
        {"print", "-path", "-json"}, {"print", "--path=-x", "--json"}, {"verify", "-ca"},
        {"-version=maybe"}, {"verify", "-ca", "-crt", "-crt", "x"}, {"print", "-out-qr"},
        {"print", "-out-qr", "q.png"}, {"sign", "-out-qr", "q.png"}, {"sign", "-out-qr"},
    };
    for (String[] args : cases) {
      assertThat(CliRun.java(go, args)).as(String.join(" ", args))
          .isEqualTo(CliRun.go(go, args));
    }
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
