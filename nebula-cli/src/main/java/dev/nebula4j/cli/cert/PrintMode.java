package dev.nebula4j.cli.cert;

import dev.nebula4j.cert.CertException;
import dev.nebula4j.cert.Certificate;
import dev.nebula4j.cert.CertificateV1;
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
    int pos = 0;
    while (true) {
      Certificate c = next(raw, pos, "error while unmarshaling cert: ");
      pos = lastEnd;
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

  private int lastEnd;

  /** Go's {@code UnmarshalNebulaCertificateFromPEM} on the bytes from {@code pos}. */
  private Certificate next(byte[] raw, int pos, String prefix) throws CliException {
    PemBlock block = PemCodec.decode(raw, pos);
    if (block == null) {
      throw CliException.error(prefix + "input did not contain a valid PEM encoded block");
    }
    lastEnd = block.end();
    if (!Certificate.PEM_BANNER_V1.equals(block.type())) {
      throw CliException.error(prefix + "bytes did not contain a proper nebula certificate banner");
    }
    try {
      return CertificateV1.fromBytes(block.bytes());
    } catch (CertException e) {
      throw CliException.error(prefix + e.getMessage());
    }
  }
}
