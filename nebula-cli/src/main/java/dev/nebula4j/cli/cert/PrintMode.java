package dev.nebula4j.cli.cert;

import dev.nebula4j.cert.Certificate;
import dev.nebula4j.internal.cert.PemBlock;
import dev.nebula4j.internal.cert.PemCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code nebula-cert print}: every certificate of a file, as text or JSON (Go 1.6.1 layout), and
 * with {@code -out-qr} all of them as one QR code.
 */
@Command(name = "print")
final class PrintMode extends Mode {
  @Option(names = {"-json", "--json"}, arity = "0",
      description = "Optional: outputs certificates in json format")
  boolean json;

  @Option(names = {"-path", "--path"}, paramLabel = "string", defaultValue = "",
      description = "Required: path to the certificate")
  String path;

  @Mixin
  OutQrOption outQr;

  @Override
  String summary() {
    return "print <flags>: prints details about a certificate";
  }

  @Override
  void run(CliContext ctx) throws CliException {
    required("path", path);
    byte[] raw = ctx.read(path, "unable to read cert; ");
    CertificatePrinter printer = new CertificatePrinter(ctx.zone());
    // Go's QR code holds every certificate read, each re-encoded as PEM, in file order
    StringBuilder qrText = new StringBuilder();
    String prefix = "error while unmarshaling cert: ";
    int pos = 0;
    while (true) {
      PemBlock block = pemBlock(raw, pos, prefix);
      pos = block.end();
      Certificate c = certificate(block, prefix);
      ctx.out().print(json ? printer.json(c) : printer.text(c));
      ctx.out().print('\n');
      ctx.out().flush();
      if (outQr.requested()) {
        qrText.append(c.toPem());
      }
      if (PemCodec.isBlank(raw, pos)) {
        break;
      }
    }
    outQr.write(ctx, qrText.toString());
  }
}
