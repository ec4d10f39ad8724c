package dev.nebula4j.internal.config;

import dev.nebula4j.internal.cert.PemBlock;
import dev.nebula4j.internal.cert.PemCodec;
import java.nio.charset.StandardCharsets;

/**
 * Checks inline PEM in a config the way Go reads it, before anything interprets the content:
 * {@link PemCodec} (Go's {@code pem.Decode}) must find at least one block, text before a block is
 * skipped as Go skips it, and whatever follows the last block must be blank, since Go's loaders
 * then fail with "input did not contain a valid PEM encoded block". The certificate library checks
 * the blocks' content later.
 */
final class PemShape {
  private PemShape() {}

  /** Null when Go would read blocks from {@code text}, else what is wrong. */
  static String problem(String text) {
    byte[] data = text.getBytes(StandardCharsets.UTF_8);
    PemBlock block = PemCodec.decode(data, 0);
    if (block == null) {
      return "no valid PEM block (-----BEGIN X-----, base64 lines, -----END X-----) found";
    }
    while (!PemCodec.isBlank(data, block.end())) {
      int after = block.end();
      block = PemCodec.decode(data, after);
      if (block == null) {
        return "the text after PEM block " + blockCount(data, after)
            + " is not a valid PEM block";
      }
    }
    return null;
  }

  private static int blockCount(byte[] data, int upTo) {
    int n = 0;
    for (PemBlock b = PemCodec.decode(data, 0); b != null && b.end() <= upTo;
        b = PemCodec.decode(data, b.end())) {
      n++;
    }
    return n;
  }
}
