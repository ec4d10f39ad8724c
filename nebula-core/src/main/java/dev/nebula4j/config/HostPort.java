package dev.nebula4j.config;

import dev.nebula4j.net.IpNetwork;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Objects;

/**
 * An underlay endpoint as written in {@code static_host_map} or {@code advertise_addrs}: an IP
 * literal or a DNS name, and a UDP port. DNS names are kept as written; the node resolves them
 * (Go 1.7+ re-resolves every {@code static_map.cadence}).
 *
 * @param host an IPv4/IPv6 literal (no brackets) or a DNS name
 * @param port UDP port, 0..65535 (0 in advertise_addrs means "our listen port")
 */
public record HostPort(String host, int port) {

  public HostPort {
    Objects.requireNonNull(host, "host");
    if (!IpNetwork.isAddressLiteral(host) && !isDnsName(host)) {
      throw new IllegalArgumentException(
          "invalid host '" + host + "': not an IP address or DNS name");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("invalid port " + port + " (0-65535)");
    }
  }

  /**
   * The endpoint of a socket address, its IP written as Go writes it (no host name, compressed
   * IPv6), so that {@link #toString()} gives {@code 127.0.0.1:4242} or {@code [fd18::1]:4242}.
   */
  public static HostPort of(InetSocketAddress address) {
    Objects.requireNonNull(address, "address");
    if (address.isUnresolved()) {
      return new HostPort(address.getHostString(), address.getPort());
    }
    return new HostPort(IpNetwork.formatAddress(address.getAddress()), address.getPort());
  }

  /**
   * Parses {@code host:port} or {@code [ipv6]:port}, as Go's {@code net.SplitHostPort}.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static HostPort parse(String text) {
    Objects.requireNonNull(text, "address");
    String host;
    String port;
    if (text.startsWith("[")) {
      int end = text.indexOf(']');
      if (end < 0) {
        throw new IllegalArgumentException("invalid address '" + text + "': missing ']'");
      }
      host = text.substring(1, end);
      String rest = text.substring(end + 1);
      if (!rest.startsWith(":")) {
        throw new IllegalArgumentException("invalid address '" + text + "': missing port");
      }
      port = rest.substring(1);
      if (host.indexOf(':') < 0) {
        throw new IllegalArgumentException(
            "invalid address '" + text + "': brackets are only for IPv6 addresses");
      }
    } else {
      int colon = text.lastIndexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException(
            "invalid address '" + text + "': missing port (expected host:port)");
      }
      host = text.substring(0, colon);
      port = text.substring(colon + 1);
      if (host.indexOf(':') >= 0) {
        throw new IllegalArgumentException(
            "invalid address '" + text + "': too many colons (write IPv6 as [addr]:port)");
      }
    }
    if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("invalid address '" + text + "': bad port '" + port + "'");
    }
    int p = Integer.parseInt(port);
    if (p > 65535) {
      throw new IllegalArgumentException("invalid address '" + text + "': port " + p + " > 65535");
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("invalid address '" + text + "': missing host");
    }
    if (!IpNetwork.isAddressLiteral(host) && !isDnsName(host)) {
      throw new IllegalArgumentException(
          "invalid address '" + text + "': '" + host + "' is not an IP address or DNS name");
    }
    return new HostPort(host, p);
  }

  /** Whether the host is an IP literal (no lookup needed). */
  public boolean isIpLiteral() {
    return IpNetwork.isAddressLiteral(host);
  }

  /**
   * Whether {@code s} is a syntactically valid DNS name: dot-separated labels of letters, digits,
   * hyphens and underscores, 1-63 characters each, not starting or ending with a hyphen, at most
   * 253 characters in all, and not all-numeric (a bad IPv4 address is not a name).
   */
  public static boolean isDnsName(String s) {
    String name = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    if (name.isEmpty() || name.length() > 253) {
      return false;
    }
    boolean allNumeric = true;
    for (String label : name.split("\\.", -1)) {
      if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
        return false;
      }
      for (int i = 0; i < label.length(); i++) {
        char c = Character.toLowerCase(label.charAt(i));
        boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok) {
          return false;
        }
        if (!(c >= '0' && c <= '9')) {
          allNumeric = false;
        }
      }
    }
    return !allNumeric && !name.toLowerCase(Locale.ROOT).matches("[0-9.]+");
  }

  /** {@code host:port}, IPv6 in brackets: the config spelling. */
  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
