package dev.nebula4j.firewall;

/**
 * Which table a packet is checked against. {@link #INBOUND} packets arrived through a tunnel and
 * are about to be written to our device; {@link #OUTBOUND} packets were read from our device and
 * are about to be sent through a tunnel.
 *
 * <p>The firewall orients every packet locally: for an inbound packet the local address is its
 * destination, for an outbound one its source.
 */
public enum Direction {
  INBOUND,
  OUTBOUND;

  /** {@code inbound} or {@code outbound}, as in the {@code firewall.inbound} config key. */
  public String configName() {
    return this == INBOUND ? "inbound" : "outbound";
  }
}
