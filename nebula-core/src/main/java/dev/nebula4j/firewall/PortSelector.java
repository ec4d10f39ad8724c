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
   * Parses a config value as Go 1.11's {@code parsePort} does: {@code any}, {@code fragment}, a
   * port {@code N} or a range {@code N-M} (spaces around the range's numbers allowed), decimal
   * ports 0..65535; {@code 0} and any range starting at 0 mean any.
   *
   * @throws IllegalArgumentException quoting the value and saying what is wrong with it
   */
  public static PortSelector parse(String value) {
    if (value == null) {
      throw new IllegalArgumentException("port is required");
    }
    if (value.equals("any")) {
      return ANY;
    }
    if (value.equals("fragment")) {
      return FRAGMENT;
    }
    String why;
    int dash = value.indexOf('-');
    if (dash < 0) {
      int p = portValue(value);
      if (p >= 0) {
        return single(p);
      }
      why = p == -2 ? "out of range [0,65535]" : "was not a number";
    } else {
      String a = value.substring(0, dash).strip();
      String z = value.substring(dash + 1).strip();
      if (a.isEmpty() || z.isEmpty()) {
        why = "appears to be a range but could not be parsed";
      } else {
        int from = portValue(a);
        int to = portValue(z);
        if (from < 0 || to < 0) {
          why = (from < 0 ? "beginning" : "ending") + " of the range "
              + ((from < 0 ? from : to) == -2 ? "is out of range [0,65535]" : "was not a number");
        } else if (from == 0) {
          return ANY;
        } else if (from > to) {
          why = "range start " + from + " is after its end " + to;
        } else {
          return range(from, to);
        }
      }
    }
    throw new IllegalArgumentException(
        "'" + value + "' " + why + " (expected any, fragment, N or N-M)");
  }

  /** -1: not a number; -2: out of range. */
  private static int portValue(String s) {
    if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return -1;
    }
    long v = Long.parseLong(s);
    return v > 65535 ? -2 : (int) v;
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
