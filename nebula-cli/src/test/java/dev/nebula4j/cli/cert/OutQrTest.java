package dev.nebula4j.cli.cert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nebula4j.cert.Certificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -out-qr} of {@code ca}, {@code sign} and {@code print}, read back with zxing. */
class OutQrTest {
  @TempDir Path dir;

  private static void ok(CliRun run) {
    assertThat(run.exitCode()).as(run.err()).isZero();
  }

  private String mode(String file) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(file)));
  }

  @Test
  void caAndSignEncodeTheCertificatePemTheyWrite() throws Exception {
    ok(CliRun.java(dir, "ca", "-name", "My New CA", "-out-qr", "ca.png"));
    ok(CliRun.java(dir, "sign", "-name", "leuchtturm1", "-ip", "10.10.10.1/24", "-groups",
        "lighthouse", "-out-qr", "leuchtturm1.png"));
    for (String name : new String[] {"ca", "leuchtturm1"}) {
      QrPng qr = QrPng.read(dir.resolve(name + ".png"));
      assertThat(qr.text()).isEqualTo(Files.readString(dir.resolve(name + ".crt")));
      assertThat(qr.errorCorrectionLevel()).isEqualTo("M");
      assertThat(qr.modulePixels()).isEqualTo(5);
      assertThat(qr.quietZoneModules()).isEqualTo(4);
      assertThat(qr.width()).isEqualTo(5 * (17 + 4 * qr.version() + 8));
      assertThat(mode(name + ".png")).isEqualTo("rw-------");
    }
    // P-256 certificates too (the PEM is longer, the symbol larger)
    ok(CliRun.java(dir, "ca", "-name", "p", "-curve", "P256", "-out-crt", "p.crt", "-out-key",
        "p.key", "-out-qr", "p.png"));
    assertThat(QrPng.read(dir.resolve("p.png")).text())
        .isEqualTo(Files.readString(dir.resolve("p.crt")));
  }

  @Test
  void printEncodesEveryCertificateReadReEncoded() throws Exception {
    ok(CliRun.java(dir, "ca", "-name", "ca"));
    ok(CliRun.java(dir, "sign", "-name", "a", "-ip", "10.1.0.1/16"));
    ok(CliRun.java(dir, "sign", "-name", "b", "-ip", "10.1.0.2/16", "-subnets", "10.9.0.0/16"));
    String ca = Files.readString(dir.resolve("ca.crt"));
    String a = Files.readString(dir.resolve("a.crt"));
    String b = Files.readString(dir.resolve("b.crt"));
    // text before and blank lines between the blocks are not part of the QR code
    Files.writeString(dir.resolve("bundle.crt"), "CA and hosts\n" + ca + "\n\n" + a + "  \n" + b);
    CliRun print = CliRun.java(dir, "print", "-json", "-path", "bundle.crt", "-out-qr", "q.png");
    ok(print);
    assertThat(print.out().lines()).hasSize(3);
    assertThat(QrPng.read(dir.resolve("q.png")).text()).isEqualTo(ca + a + b);
    assertThat(mode("q.png")).isEqualTo("rw-------");

    // without -out-qr nothing is written; the text print is unchanged by -out-qr
    CliRun plain = CliRun.java(dir, "print", "-path", "a.crt");
    ok(plain);
    assertThat(CliRun.java(dir, "print", "-path", "a.crt", "-out-qr", "a.png")).isEqualTo(plain);
    assertThat(QrPng.read(dir.resolve("a.png")).text()).isEqualTo(a);
    assertThat(Certificate.fromPem(QrPng.read(dir.resolve("a.png")).text()))
        .isEqualTo(Certificate.fromPem(a));
  }

  @Test
  void anExistingFileIsOverwrittenKeepingItsMode() throws Exception {
    Path png = dir.resolve("ca.png");
    Files.writeString(png, "old");
    Files.setPosixFilePermissions(png, PosixFilePermissions.fromString("rw-r--r--"));
    ok(CliRun.java(dir, "ca", "-name", "ca", "-out-qr", "ca.png"));
    assertThat(QrPng.read(png).text()).isEqualTo(Files.readString(dir.resolve("ca.crt")));
    assertThat(mode("ca.png")).isEqualTo("rw-r--r--");
  }

  @Test
  void unwritablePathsFailAfterTheCertificateIsWritten() throws Exception {
    assertThat(CliRun.java(dir, "ca", "-name", "ca", "-out-qr", "missing/ca.png"))
        .isEqualTo(new CliRun(1, "",
            "Error: error while writing out-qr: open missing/ca.png: no such file or directory\n"));
    assertThat(dir.resolve("ca.crt")).exists();
    assertThat(dir.resolve("ca.key")).exists();
    Files.createDirectory(dir.resolve("sub"));
    assertThat(CliRun.java(dir, "sign", "-name", "h", "-ip", "10.0.0.1/24", "-out-qr", "sub"))
        .isEqualTo(new CliRun(1, "",
            "Error: error while writing out-qr: open sub: is a directory\n"));
    assertThat(dir.resolve("h.crt")).exists();
  }

  @Test
  void printWritesNoQrCodeWhenACertificateFailsToParse() throws Exception {
    ok(CliRun.java(dir, "ca", "-name", "ca"));
    Files.writeString(dir.resolve("bad.crt"), Files.readString(dir.resolve("ca.crt"))
        + "-----BEGIN NEBULA X25519 PUBLIC KEY-----\nAAAA\n"
        + "-----END NEBULA X25519 PUBLIC KEY-----\n");
    CliRun run = CliRun.java(dir, "print", "-path", "bad.crt", "-out-qr", "bad.png");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("Error: error while unmarshaling cert: bytes did not contain a"
        + " proper nebula certificate banner\n");
    assertThat(dir.resolve("bad.png")).doesNotExist();
  }

  @Test
  void aBundleTooLongForAQrCodeIsRefusedWithGosMessage() throws Exception {
    StringBuilder bundle = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      ok(CliRun.java(dir, "ca", "-name", "ca number " + i, "-out-crt", i + ".crt", "-out-key",
          i + ".key"));
      bundle.append(Files.readString(dir.resolve(i + ".crt")));
    }
    // a version 40-M symbol holds 2,331 bytes in byte mode, a little more in mixed segments
    assertThat(bundle.length()).isGreaterThan(2_800);
    Files.writeString(dir.resolve("all.crt"), bundle);
    CliRun run = CliRun.java(dir, "print", "-path", "all.crt", "-out-qr", "all.png");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("ca number 0", "ca number 11");
    assertThat(run.err())
        .isEqualTo("Error: error while generating qr code: content too long to encode\n");
    assertThat(dir.resolve("all.png")).doesNotExist();
  }
}
