package dev.nebula4j.cli.cert;

import picocli.CommandLine.Option;

/**
 * The {@code -out-qr} flag of {@code ca}, {@code sign} and {@code print} (a picocli mixin):
 * where to write the certificate PEM as a QR code PNG ({@link CertificateQrCode}), empty for
 * none.
 */
final class OutQrOption {
  @Option(names = {"-out-qr", "--out-qr"}, paramLabel = "string", defaultValue = "",
      description = "Optional: output a qr code image (png) of the certificate")
  String path;

  /** Whether the flag was given a path. */
  boolean requested() {
    return !path.isEmpty();
  }

  /**
   * Writes {@code pem} as a QR code PNG to the flag's path if one was given, failing with Go's
   * {@code error while writing out-qr: open <path>: <reason>}.
   */
  void write(CliContext ctx, String pem) throws CliException {
    if (requested()) {
      ctx.write("out-qr", path, CertificateQrCode.png(pem));
    }
  }
}
