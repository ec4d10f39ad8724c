package dev.nebula4j.config;

/**
 * {@code listen.send_recv_error} / {@code listen.accept_recv_error}: to or from whom recv_error
 * packets (the "I have no tunnel for that index" reply) are sent or honoured. Go also accepts a
 * boolean here ({@code true} = always, {@code false} = never).
 */
public enum RecvErrorPolicy {
  ALWAYS,
  NEVER,
  /** Only to/from private (RFC 1918 and similar) underlay addresses. */
  PRIVATE;

  public String configName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
