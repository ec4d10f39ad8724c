package dev.nebula4j.udp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where and how an {@link Underlay} listens: Go nebula's {@code listen.host}, {@code listen.port},
 * {@code listen.read_buffer} and {@code listen.write_buffer}.
 *
 * @param host the local address; {@code 0.0.0.0} (Go's default) listens on all IPv4 addresses,
 *     {@code ::} on all IPv6 and IPv4 addresses
 * @param port 0..65535; 0 picks a free port (see {@link Underlay#localAddress()})
 * @param receiveBufferSize {@code SO_RCVBUF} in bytes, 0 = the system default
 * @param sendBufferSize {@code SO_SNDBUF} in bytes, 0 = the system default
 * @param maxDatagramSize the receive buffer per datagram, 1..65535 (Go nebula: 9001); longer
 *     datagrams are truncated
 */
public record UnderlaySettings(InetAddress host, int port, int receiveBufferSize,
    int sendBufferSize, int maxDatagramSize) {

  /** Go nebula's receive buffer size ({@code udp.MTU}). */
  public static final int DEFAULT_MAX_DATAGRAM_SIZE = 9001;

  public UnderlaySettings {
    Objects.requireNonNull(host, "host");
    checkPort(port);
    checkBuffer("receiveBufferSize", receiveBufferSize);
    checkBuffer("sendBufferSize", sendBufferSize);
    checkDatagramSize(maxDatagramSize);
  }

  /** Listen on {@code host:port} with system buffer sizes. */
  public static UnderlaySettings of(InetAddress host, int port) {
    return builder().host(host).port(port).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code host:port} as asked (port may be 0). */
  public InetSocketAddress listenAddress() {
    return new InetSocketAddress(host, port);
  }

  private static void checkPort(int port) {
    if (port < 0 || port > 0xFFFF) {
      throw new IllegalArgumentException("listen.port " + port + " is not in 0..65535");
    }
  }

  private static void checkBuffer(String what, int size) {
    if (size < 0) {
      throw new IllegalArgumentException(what + " " + size + " is negative (0 = system default)");
    }
  }

  private static void checkDatagramSize(int size) {
    if (size < 1 || size > 0xFFFF) {
      throw new IllegalArgumentException("maxDatagramSize " + size + " is not in 1..65535");
    }
  }

  /** Builds {@link UnderlaySettings}; every setter validates. Defaults: {@code 0.0.0.0:0}. */
  public static final class Builder {
    private InetAddress host = anyIpv4();
    private int port;
    private int receiveBufferSize;
    private int sendBufferSize;
    private int maxDatagramSize = DEFAULT_MAX_DATAGRAM_SIZE;

    private Builder() {}

    private static InetAddress anyIpv4() {
      try {
        return InetAddress.getByAddress(new byte[4]);
      } catch (java.net.UnknownHostException e) {
        throw new AssertionError(e); // four bytes are always an address
      }
    }

    /** {@code listen.host}: a literal address, already resolved. */
    public Builder host(InetAddress host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** {@code listen.port}: 0..65535, 0 = ephemeral. */
    public Builder port(int port) {
      checkPort(port);
      this.port = port;
      return this;
    }

    /** {@code listen.read_buffer}: {@code SO_RCVBUF} bytes, 0 = system default. */
    public Builder receiveBufferSize(int bytes) {
      checkBuffer("receiveBufferSize", bytes);
      this.receiveBufferSize = bytes;
      return this;
    }

    /** {@code listen.write_buffer}: {@code SO_SNDBUF} bytes, 0 = system default. */
    public Builder sendBufferSize(int bytes) {
      checkBuffer("sendBufferSize", bytes);
      this.sendBufferSize = bytes;
      return this;
    }

    /** The per-datagram receive buffer, 1..65535; default 9001. */
    public Builder maxDatagramSize(int bytes) {
      checkDatagramSize(bytes);
      this.maxDatagramSize = bytes;
      return this;
    }

    public UnderlaySettings build() {
      return new UnderlaySettings(host, port, receiveBufferSize, sendBufferSize, maxDatagramSize);
    }
  }
}
