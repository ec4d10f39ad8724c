package dev.nebula4j.internal.config;

import dev.nebula4j.config.GoDuration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a tree of {@code Map<String, Object>} (insertion-ordered), {@code List<Object>},
 * {@code String}, {@code Integer}/{@code Long} and {@code Boolean} as block-style YAML that Go's
 * yaml.v2 (YAML 1.1) reads back to the same strings: anything that 1.1 would turn into a number,
 * boolean or null is quoted, and multi-line strings (inline PEM) become literal blocks.
 */
public final class YamlEmitter {
  private static final Set<String> YAML11_WORDS =
      Set.of(
          "y", "yes", "n", "no", "true", "false", "on", "off", "null", "~");

  private final StringBuilder out = new StringBuilder();

  private YamlEmitter() {}

  public static String emit(Map<String, Object> root) {
    YamlEmitter e = new YamlEmitter();
    e.mapping(root, 0);
    return e.out.toString();
  }

  private void mapping(Map<String, Object> m, int indent) {
    for (Map.Entry<String, Object> e : m.entrySet()) {
      indent(indent);
      out.append(scalar(e.getKey())).append(':');
      value(e.getValue(), indent);
    }
  }

  @SuppressWarnings("unchecked")
  private void value(Object v, int indent) {
    if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        out.append(" {}\n");
      } else {
        out.append('\n');
        mapping((Map<String, Object>) m, indent + 2);
      }
    } else if (v instanceof List<?> l) {
      if (l.isEmpty()) {
        out.append(" []\n");
      } else {
        out.append('\n');
        sequence((List<Object>) l, indent + 2);
      }
    } else if (v instanceof String s && s.indexOf('\n') >= 0) {
      literal(s, indent + 2);
    } else {
      out.append(' ').append(scalar(v)).append('\n');
    }
  }

  @SuppressWarnings("unchecked")
  private void sequence(List<Object> l, int indent) {
    for (Object item : l) {
      indent(indent);
      out.append('-');
      if (item instanceof Map<?, ?> m && !m.isEmpty()) {
        boolean first = true;
        for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
          if (first) {
            out.append(' ');
            first = false;
          } else {
            indent(indent + 2);
          }
          out.append(scalar(e.getKey())).append(':');
          value(e.getValue(), indent + 2);
        }
      } else {
        value(item, indent);
      }
    }
  }

  private void literal(String s, int indent) {
    int trailing = 0;
    while (trailing < s.length() && s.charAt(s.length() - 1 - trailing) == '\n') {
      trailing++;
    }
    String chomp = trailing == 0 ? "-" : trailing == 1 ? "" : "+";
    String body = s.substring(0, s.length() - trailing);
    boolean leadingSpace = !body.isEmpty() && (body.charAt(0) == ' ' || body.charAt(0) == '\t');
    if (leadingSpace || body.contains("\r")) {
      out.append(' ').append(quote(s)).append('\n');
      return;
    }
    out.append(" |").append(chomp).append('\n');
    for (String line : body.split("\n", -1)) {
      if (!line.isEmpty()) {
        indent(indent);
        out.append(line);
      }
      out.append('\n');
    }
    for (int i = 1; i < trailing; i++) {
      out.append('\n');
    }
  }

  private void indent(int n) {
    for (int i = 0; i < n; i++) {
      out.append(' ');
    }
  }

  static String scalar(Object v) {
    if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
      return v.toString();
    }
    String s = (String) v;
    return isPlainSafe(s) ? s : quote(s);
  }

  /** Whether yaml.v2 reads {@code s} written plain back as the same string. */
  static boolean isPlainSafe(String s) {
    if (s.isEmpty() || YAML11_WORDS.contains(s.toLowerCase(java.util.Locale.ROOT))) {
      return false;
    }
    char c0 = s.charAt(0);
    if (Character.isLetter(c0) || c0 == '_' || c0 == '/') {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.'
            || c == '/'))) {
          return false;
        }
      }
      return !s.matches("(?i)\\.?(inf|nan)");
    }
    // Go durations such as 12m, 1h30m, 200ms are strings to yaml.v2
    return c0 >= '0' && c0 <= '9' && Character.isLetter(s.charAt(s.length() - 1))
        && s.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))
        && GoDuration.isValid(s);
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          b.append("\\\"");
          break;
        case '\\':
          b.append("\\\\");
          break;
        case '\n':
          b.append("\\n");
          break;
        case '\r':
          b.append("\\r");
          break;
        case '\t':
          b.append("\\t");
          break;
        default:
          if (c < 0x20 || c == 0x7f) {
            b.append(String.format("\\x%02x", (int) c));
          } else {
            b.append(c);
          }
      }
    }
    return b.append('"').toString();
  }
}
