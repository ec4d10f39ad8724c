package dev.nebula4j.internal.proto;

/**
 * Malformed protobuf input. Callers translate it into their module's own exception type, adding
 * which message was being read.
 */
public final class ProtoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int offset;

  public ProtoException(String message, int offset) {
    super(message + " (at byte " + offset + ")");
    this.offset = offset;
  }

  /** Byte offset in the input where the problem was found. */
  public int offset() {
    return offset;
  }
}
