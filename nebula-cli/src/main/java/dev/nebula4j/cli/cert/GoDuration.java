package dev.nebula4j.cli.cert;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;

/** Go's {@code time.ParseDuration}: {@code 8760h}, {@code 1h30m}, {@code 1.5h}, {@code -5s}, {@code 0}. */
final class GoDuration {
  private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private GoDuration() {}

  /** The duration, or null if Go would refuse the text. */
  static Duration parse(String s) {
    String text = s;
    boolean negative = false;
    if (!text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
      negative = text.charAt(0) == '-';
      text = text.substring(1);
    }
    if (text.equals("0")) {
      return Duration.ZERO;
    }
    if (text.isEmpty()) {
      return null;
    }
    BigDecimal total = BigDecimal.ZERO;
    int i = 0;
    while (i < text.length()) {
      int start = i;
      while (i < text.length() && Character.isDigit(text.charAt(i))) {
        i++;
      }
      int intEnd = i;
      boolean fraction = false;
      if (i < text.length() && text.charAt(i) == '.') {
        fraction = true;
        i++;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
          i++;
        }
      }
      if (intEnd == start && (!fraction || i == intEnd + 1)) {
        return null;
      }
      String number = text.substring(start, i);
      int unitStart = i;
      while (i < text.length() && text.charAt(i) != '.' && !Character.isDigit(text.charAt(i))) {
        i++;
      }
      long nanosPerUnit = switch (text.substring(unitStart, i)) {
        case "ns" -> 1L;
        case "us", "\u00b5s", "\u03bcs" -> 1_000L;
        case "ms" -> 1_000_000L;
        case "s" -> 1_000_000_000L;
        case "m" -> 60_000_000_000L;
        case "h" -> 3_600_000_000_000L;
        default -> -1L;
      };
      if (nanosPerUnit < 0) {
        return null;
      }
      BigDecimal value = new BigDecimal(number.startsWith(".") ? "0" + number
          : number.endsWith(".") ? number + "0" : number);
      total = total.add(value.multiply(BigDecimal.valueOf(nanosPerUnit)));
      if (total.toBigInteger().compareTo(MAX) > 0) {
        return null;
      }
    }
    long nanos = total.toBigInteger().longValueExact();
    return Duration.ofNanos(negative ? -nanos : nanos);
  }
}
