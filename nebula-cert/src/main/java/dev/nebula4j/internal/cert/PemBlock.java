package dev.nebula4j.internal.cert;

import java.util.Objects;

/**
 * One decoded PEM block: its type (the text between {@code -----BEGIN } and {@code -----}) and
 * payload, plus the offset just after the block in the input it was read from.
 */
public record PemBlock(String type, byte[] bytes, int end) {
  public PemBlock {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(bytes, "bytes");
  }
}
