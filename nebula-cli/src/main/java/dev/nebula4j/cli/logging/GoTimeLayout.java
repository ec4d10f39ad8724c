package dev.nebula4j.cli.logging;

import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * Translates a Go time layout ({@code logging.timestamp_format}, written against Go's reference
 * time {@code Mon Jan 2 15:04:05 MST 2006}) into a {@link DateTimeFormatter}.
 *
 * <p>The tokens are Go's ({@code time/format.go}): {@code 2006 06 01 1 Jan January 02 2 _2 002
 * Mon Monday 15 03 3 04 4 05 5 PM pm MST}, the zone offsets {@code -0700 -07:00 -07 -070000
 * -07:00:00} and their {@code Z} forms (which print {@code Z} for UTC), and fractional seconds
 * {@code .000} (fixed width) and {@code .999} (trailing zeros trimmed). Everything else is
 * literal text, as in Go. {@code pm} prints upper case (Java has no lower-case marker).
 */
public final class GoTimeLayout {
  /** Go's {@code time.RFC3339}, logrus' default. */
  public static final String RFC3339 = "2006-01-02T15:04:05Z07:00";

  private GoTimeLayout() {}

  /** The formatter for {@code layout}; an empty layout means {@link #RFC3339}. */
  public static DateTimeFormatter toFormatter(String layout) {
    String l = layout.isEmpty() ? RFC3339 : layout;
    DateTimeFormatterBuilder b = new DateTimeFormatterBuilder();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < l.length()) {
      Token t = token(l, i);
      if (t == null) {
        literal.append(l.charAt(i));
        i++;
        continue;
      }
      if (literal.length() > 0) {
        b.appendLiteral(literal.toString());
        literal.setLength(0);
      }
      if (t.fractionDigits > 0) {
        b.appendFraction(ChronoField.NANO_OF_SECOND, t.trimmed ? 0 : t.fractionDigits,
            t.fractionDigits, true);
      } else {
        b.appendPattern(t.pattern);
      }
      i += t.length;
    }
    if (literal.length() > 0) {
      b.appendLiteral(literal.toString());
    }
    return b.toFormatter(Locale.US);
  }

  /** A layout element: a Java pattern, or fractional seconds. */
  private static final class Token {
    final int length;
    final String pattern;
    final int fractionDigits;
    final boolean trimmed;

    Token(int length, String pattern) {
      this.length = length;
      this.pattern = pattern;
      this.fractionDigits = 0;
      this.trimmed = false;
    }

    Token(int length, int fractionDigits, boolean trimmed) {
      this.length = length;
      this.pattern = null;
      this.fractionDigits = fractionDigits;
      this.trimmed = trimmed;
    }
  }

  /** The token at {@code i}, or null for a literal character (Go's {@code nextStdChunk}). */
  private static Token token(String l, int i) {
    char c = l.charAt(i);
    switch (c) {
      case 'J':
        if (l.startsWith("January", i)) {
          return new Token(7, "MMMM");
        }
        return l.startsWith("Jan", i) ? new Token(3, "MMM") : null;
      case 'M':
        if (l.startsWith("Monday", i)) {
          return new Token(6, "EEEE");
        }
        if (l.startsWith("Mon", i)) {
          return new Token(3, "EEE");
        }
        return l.startsWith("MST", i) ? new Token(3, "z") : null;
      case '0':
        if (l.startsWith("002", i)) {
          return new Token(3, "DDD");
        }
        if (i + 1 < l.length() && l.charAt(i + 1) >= '1' && l.charAt(i + 1) <= '6') {
          String[] patterns = {"MM", "dd", "hh", "mm", "ss", "yy"};
          return new Token(2, patterns[l.charAt(i + 1) - '1']);
        }
        return null;
      case '1':
        return l.startsWith("15", i) ? new Token(2, "HH") : new Token(1, "M");
      case '2':
        return l.startsWith("2006", i) ? new Token(4, "yyyy") : new Token(1, "d");
      case '_':
        if (l.startsWith("__2", i)) {
          return new Token(3, "pppD");
        }
        return l.startsWith("_2", i) && !l.startsWith("_2006", i) ? new Token(2, "ppd") : null;
      case '3':
        return new Token(1, "h");
      case '4':
        return new Token(1, "m");
      case '5':
        return new Token(1, "s");
      case 'P':
        return l.startsWith("PM", i) ? new Token(2, "a") : null;
      case 'p':
        return l.startsWith("pm", i) ? new Token(2, "a") : null;
      case '-':
        return offset(l, i, 'x');
      case 'Z':
        return offset(l, i, 'X');
      case '.':
        return fraction(l, i);
      default:
        return null;
    }
  }

  private static Token offset(String l, int i, char letter) {
    String rest = l.substring(i + 1);
    String p = String.valueOf(letter);
    if (rest.startsWith("070000")) {
      return new Token(7, p.repeat(4));
    }
    if (rest.startsWith("07:00:00")) {
      return new Token(9, p.repeat(5));
    }
    if (rest.startsWith("0700")) {
      return new Token(5, p.repeat(2));
    }
    if (rest.startsWith("07:00")) {
      return new Token(6, p.repeat(3));
    }
    if (rest.startsWith("07")) {
      return new Token(3, p);
    }
    return null;
  }

  private static Token fraction(String l, int i) {
    if (i + 1 >= l.length() || (l.charAt(i + 1) != '0' && l.charAt(i + 1) != '9')) {
      return null;
    }
    char digit = l.charAt(i + 1);
    int j = i + 1;
    while (j < l.length() && l.charAt(j) == digit) {
      j++;
    }
    if (j < l.length() && Character.isDigit(l.charAt(j))) {
      return null;
    }
    int digits = Math.min(j - i - 1, 9);
    return new Token(j - i, digits, digit == '9');
  }
}
