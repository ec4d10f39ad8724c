package dev.nebula4j.config;

import java.time.Duration;

/**
 * Go's {@code time.ParseDuration} grammar, which Go nebula uses for every duration key: a
 * possibly signed sequence of decimal numbers, each with an optional fraction and a unit suffix
 * ({@code ns}, {@code us}, {@code µs}, {@code ms}, {@code s}, {@code m}, {@code h}), such as
 * {@code 300ms}, {@code -1.5h} or {@code 2h45m}; the bare string {@code 0} is also accepted. The
 * range is Go's: ±2^63 nanoseconds (about 292 years).
 */
public final class GoDuration {
  private static final long NS = 1L;
  private static final long US = 1_000L;
  private static final long MS = 1_000_000L;
  private static final long S = 1_000_000_000L;
  private static final long M = 60 * S;
  private static final long H = 60 * M;
  /** 1 << 63 as an unsigned value. */
  private static final long TWO_63 = Long.MIN_VALUE;

  private GoDuration() {}

  /**
   * Parses a Go duration.
   *
   * @throws IllegalArgumentException saying what is wrong with the text
   */
  public static Duration parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("duration is missing");
    }
    String s = text;
    boolean neg = false;
    int i = 0;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      neg = s.charAt(0) == '-';
      i = 1;
    }
    if (s.substring(i).equals("0")) {
      return Duration.ZERO;
    }
    if (i == s.length()) {
      throw invalid(text, "empty");
    }
    long d = 0; // unsigned
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (!(c == '.' || isDigit(c))) {
        throw invalid(text, "expected a number at '" + s.substring(i) + "'");
      }
      // integer part
      int start = i;
      long v = 0; // unsigned, at most 2^63
      while (i < n && isDigit(s.charAt(i))) {
        if (Long.compareUnsigned(v, Long.divideUnsigned(TWO_63, 10)) > 0) {
          throw invalid(text, "out of range");
        }
        v = v * 10 + (s.charAt(i) - '0');
        if (Long.compareUnsigned(v, TWO_63) > 0) {
          throw invalid(text, "out of range");
        }
        i++;
      }
      boolean pre = i != start;
      boolean post = false;
      long f = 0;
      double scale = 1;
      if (i < n && s.charAt(i) == '.') {
        i++;
        int fs = i;
        boolean overflow = false;
        while (i < n && isDigit(s.charAt(i))) {
          if (!overflow) {
            if (f > (Long.MAX_VALUE) / 10) {
              overflow = true;
            } else {
              long y = f * 10 + (s.charAt(i) - '0');
              if (y < 0) {
                overflow = true;
              } else {
                f = y;
                scale *= 10;
              }
            }
          }
          i++;
        }
        post = i != fs;
      }
      if (!pre && !post) {
        throw invalid(text, "a '.' needs digits");
      }
      int us = i;
      while (i < n && s.charAt(i) != '.' && !isDigit(s.charAt(i))) {
        i++;
      }
      if (us == i) {
        throw invalid(text, "missing unit (ns, us, ms, s, m, h)");
      }
      String u = s.substring(us, i);
      long unit = unit(u);
      if (unit == 0) {
        throw invalid(text, "unknown unit '" + u + "' (ns, us, ms, s, m, h)");
      }
      if (Long.compareUnsigned(v, Long.divideUnsigned(TWO_63, unit)) > 0) {
        throw invalid(text, "out of range");
      }
      v *= unit;
      if (f > 0) {
        v += (long) ((double) f * ((double) unit / scale));
        if (Long.compareUnsigned(v, TWO_63) > 0) {
          throw invalid(text, "out of range");
        }
      }
      d += v;
      if (Long.compareUnsigned(d, TWO_63) > 0 || Long.compareUnsigned(d, v) < 0) {
        throw invalid(text, "out of range");
      }
    }
    if (neg) {
      return Duration.ofNanos(-d);
    }
    if (Long.compareUnsigned(d, Long.MAX_VALUE) > 0) {
      throw invalid(text, "out of range");
    }
    return Duration.ofNanos(d);
  }

  /** Whether {@code text} is a valid Go duration. */
  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Formats a duration so that Go (and {@link #parse}) read back exactly the same value, in a
   * compact ASCII form: {@code 0s}, {@code 200ms}, {@code 12m}, {@code 1h30m}, {@code 1s500ms}.
   *
   * @throws IllegalArgumentException if the duration does not fit Go's int64 nanoseconds
   */
  public static String format(Duration duration) {
    long nanos;
    try {
      nanos = duration.toNanos();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "duration " + duration + " does not fit Go's range of ±292 years", e);
    }
    if (nanos == 0) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    if (nanos < 0) {
      sb.append('-');
    }
    // work on negative numbers so Long.MIN_VALUE is representable
    long neg = nanos < 0 ? nanos : -nanos;
    long[] units = {H, M, S, MS, US, NS};
    String[] names = {"h", "m", "s", "ms", "us", "ns"};
    for (int k = 0; k < units.length; k++) {
      long q = neg / units[k]; // <= 0
      if (q != 0) {
        sb.append(-q).append(names[k]);
        neg -= q * units[k];
      }
    }
    return sb.toString();
  }

  private static long unit(String u) {
    switch (u) {
      case "ns":
        return NS;
      case "us":
      case "\u00b5s": // micro sign
      case "\u03bcs": // Greek mu
        return US;
      case "ms":
        return MS;
      case "s":
        return S;
      case "m":
        return M;
      case "h":
        return H;
      default:
        return 0;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static IllegalArgumentException invalid(String text, String why) {
    return new IllegalArgumentException("invalid duration '" + text + "': " + why);
  }
}
