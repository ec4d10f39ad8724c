package dev.nebula4j.firewall;

/**
 * The {@code port} selector of a firewall rule: {@code any} (also written {@code 0}), a single
 * port, an inclusive range {@code N-M}, or {@code fragment} (non-first IP fragments, which carry no
 * ports).
 */
public record PortSelector(Kind kind, int from, int to) {

  public enum Kind {
    ANY,
    FRAGMENT,
    RANGE
  }

  public static final PortSelector ANY = new PortSelector(Kind.ANY, 0, 0);
  public static final PortSelector FRAGMENT = new PortSelector(Kind.FRAGMENT, 0, 0);

  public PortSelector {
    if (kind == null) {
      throw new IllegalArgumentException("kind is required");
    }
    if (kind == Kind.RANGE) {
      if (from < 1 || to > 65535 || from > to) {
        throw new IllegalArgumentException(
            "invalid port range " + from + "-" + to + " (ports are 1-65535, start <= end)");
      }
    } else if (from != 0 || to != 0) {
      throw new IllegalArgumentException(kind + " takes no port numbers");
    }
  }

  public static PortSelector single(int port) {
    return port == 0 ? ANY : new PortSelector(Kind.RANGE, port, port);
  }

  public static PortSelector range(int from, int to) {
    return new PortSelector(Kind.RANGE, from, to);
  }

  /**
   * Parses a config value: {@code any}, {@code fragment}, {@code N} or {@code N-M} ({@code 0} and
   * {@code 0-0} mean any, as in Go).
   *
   * @throws IllegalArgumentException naming the bad value
   */
  public static PortSelector parse(String value) {
    if (value == null) {
      throw new IllegalArgumentException("port is required");
    }
    String v = value.trim();
    if (v.equals("any")) {
      return ANY;
    }
    if (v.equals("fragment")) {
      return FRAGMENT;
    }
    int dash = v.indexOf('-');
    if (dash > 0) {
      int a = parsePort(v.substring(0, dash).trim(), value);
      int b = parsePort(v.substring(dash + 1).trim(), value);
      if (a == 0 && b == 0) {
        return ANY;
      }
      if (a == 0 || b == 0 || a > b) {
        throw new IllegalArgumentException(
            "invalid port range '" + value + "' (ports are 1-65535, start <= end)");
      }
      return range(a, b);
    }
    return single(parsePort(v, value));
  }

  private static int parsePort(String s, String whole) {
    if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException(
          "invalid port '" + whole + "' (expected any, fragment, a port or a range N-M)");
    }
    int p = Integer.parseInt(s);
    if (p > 65535) {
      throw new IllegalArgumentException("invalid port '" + whole + "': " + p + " > 65535");
    }
    return p;
  }

  /** Whether this selector admits the given destination port of a non-fragment packet. */
  public boolean matchesPort(int port) {
    return kind == Kind.ANY || (kind == Kind.RANGE && port >= from && port <= to);
  }

  /** The config spelling: {@code any}, {@code fragment}, {@code 80}, {@code 1000-2000}. */
  @Override
  public String toString() {
    return switch (kind) {
      case ANY -> "any";
      case FRAGMENT -> "fragment";
      case RANGE -> from == to ? Integer.toString(from) : from + "-" + to;
    };
  }
}
