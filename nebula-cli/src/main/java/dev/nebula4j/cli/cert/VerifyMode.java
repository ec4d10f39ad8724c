package dev.nebula4j.cli.cert;

import dev.nebula4j.cert.CaPool;
import dev.nebula4j.cert.CertException;
import dev.nebula4j.cert.Certificate;
import dev.nebula4j.internal.cert.PemBlock;
import dev.nebula4j.internal.cert.PemCodec;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nebula-cert verify}: checks a certificate against a CA bundle now. As in Go 1.6.1, an
 * expired CA anywhere in the bundle is an error.
 */
@Command(name = "verify")
final class VerifyMode extends Mode {
  @Option(names = {"-ca", "--ca"}, paramLabel = "string", defaultValue = "",
      description = "Required: path to a file containing one or more ca certificates")
  String ca;

  @Option(names = {"-crt", "--crt"}, paramLabel = "string", defaultValue = "",
      description = "Required: path to a file containing a single certificate")
  String crt;

  @Override
  String summary() {
    return "verify <flags>: verifies a certificate isn't expired and was signed by a trusted"
        + " authority.";
  }

  @Override
  void run(CliContext ctx) throws CliException {
    required("ca", ca);
    required("crt", crt);
    byte[] raw = ctx.read(ca, "error while reading ca: ");
    Instant now = ctx.clock().instant();
    CaPool pool = CaPool.of();
    int pos = 0;
    String prefix = "error while adding ca cert to pool: ";
    while (true) {
      PemBlock block = pemBlock(raw, pos, prefix);
      pos = block.end();
      Certificate c = certificate(block, prefix);
      try {
        pool = pool.with(c); // Go's AddCA: a CA, self-signed
      } catch (CertException e) {
        throw CliException.error(prefix + e.getMessage());
      }
      if (c.isExpired(now)) {
        throw CliException.error(prefix + c.name() + ": certificate is expired");
      }
      if (PemCodec.isBlank(raw, pos)) {
        break;
      }
    }
    byte[] certBytes = ctx.read(crt, "unable to read crt; ");
    String crtPrefix = "error while parsing crt: ";
    Certificate cert = certificate(pemBlock(certBytes, 0, crtPrefix), crtPrefix);
    try {
      pool.verify(cert, now);
    } catch (CertException e) {
      throw CliException.error(e.getMessage());
    }
  }
}
