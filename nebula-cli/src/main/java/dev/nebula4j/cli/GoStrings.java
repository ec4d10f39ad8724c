package dev.nebula4j.cli;

import java.util.Locale;

/**
 * Go standard-library string rules that the {@code nebula} and {@code nebula-cert} command lines
 * reproduce, written once for both.
 */
public final class GoStrings {
  private GoStrings() {}

  /**
   * Go's {@code strconv.ParseBool}, as the {@code flag} package applies it to {@code -flag=value}:
   * {@code 1 t T true TRUE True} are true, {@code 0 f F false FALSE False} false.
   *
   * @return the value, or null if {@code s} is not a Go boolean
   */
  public static Boolean parseBool(String s) {
    switch (s) {
      case "1", "t", "T", "TRUE", "true", "True":
        return Boolean.TRUE;
      case "0", "f", "F", "FALSE", "false", "False":
        return Boolean.FALSE;
      default:
        return null;
    }
  }

  /**
   * Appends {@code s} as a JSON string the way Go's {@code encoding/json} writes it with HTML
   * escaping on (its default): {@code \"}, {@code \\}, {@code \n}, {@code \r}, {@code \t};
   * other control characters, {@code < > &}, U+2028 and U+2029 as six-character Unicode escapes
   * (backslash, {@code u}, four lower-case hex digits).
   */
  public static void appendJsonString(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '<', '>', '&', '\u2028', '\u2029' -> unicodeEscape(b, c);
        default -> {
          if (c < 0x20) {
            unicodeEscape(b, c);
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }

  private static void unicodeEscape(StringBuilder b, char c) {
    b.append("\\u").append(String.format(Locale.ROOT, "%04x", (int) c));
  }
}
