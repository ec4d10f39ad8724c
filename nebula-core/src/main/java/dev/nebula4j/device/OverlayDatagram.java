package dev.nebula4j.device;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * A UDP datagram received on a {@link UserspaceUdpSocket}: who sent it, to which of our addresses
 * and ports, and its payload. The payload is copied in and out, so instances are immutable; equality
 * compares payload contents.
 *
 * @param source the overlay address and port that sent the datagram
 * @param destination the local overlay address and port it was sent to
 * @param payload the UDP payload
 */
public record OverlayDatagram(InetSocketAddress source, InetSocketAddress destination,
    byte[] payload) {

  public OverlayDatagram {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
    payload = Objects.requireNonNull(payload, "payload").clone();
  }

  /** A copy of the payload. */
  @Override
  public byte[] payload() {
    return payload.clone();
  }

  public int payloadLength() {
    return payload.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OverlayDatagram d
        && d.source.equals(source)
        && d.destination.equals(destination)
        && Arrays.equals(d.payload, payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, destination) * 31 + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "OverlayDatagram[" + source + " -> " + destination + ", " + payload.length + " bytes]";
  }
}
