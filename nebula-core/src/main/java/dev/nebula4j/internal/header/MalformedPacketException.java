package dev.nebula4j.internal.header;

/**
 * A packet, or a protobuf carried inside one, that cannot be decoded. The packet loop counts it
 * and drops the packet; it never escapes a running node.
 *
 * <p>{@link #part()} names what was being read (for example {@code "header"} or {@code
 * "NebulaHandshakeDetails.InitiatorIndex"}) so that drop counters and log lines can say what was
 * wrong and where. This is nebula-core's internal codec exception, not public API.
 */
public final class MalformedPacketException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String part;

  public MalformedPacketException(String part, String reason) {
    super(part + ": " + reason);
    this.part = part;
  }

  public MalformedPacketException(String part, String reason, Throwable cause) {
    super(part + ": " + reason, cause);
    this.part = part;
  }

  /** The message or field that was malformed. */
  public String part() {
    return part;
  }
}
