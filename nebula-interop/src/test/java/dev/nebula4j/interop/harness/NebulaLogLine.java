package dev.nebula4j.interop.harness;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One line of Go nebula's text log ({@code logging.format: text}, logrus's logfmt): {@code
 * time="2026-11-25T18:35:34Z" level=info msg="Nebula interface is active" build=1.6.1
 * interface=nebula1 ...}. Lines that are not logfmt (a panic trace) keep their text in {@link
 * #raw()} with level {@code ""} and the whole line as message.
 *
 * @param raw the line as printed
 * @param time the {@code time} field, when present and parseable
 * @param level {@code debug}, {@code info}, {@code warning}, {@code error}, {@code fatal}, ...
 * @param message the {@code msg} field
 * @param fields every other field in order of appearance, values unquoted
 */
public record NebulaLogLine(
    String raw, Optional<Instant> time, String level, String message, Map<String, String> fields) {

  public NebulaLogLine {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** The value of a field other than time, level and msg ({@code vpnIp}, {@code certName}...). */
  public Optional<String> field(String name) {
    return Optional.ofNullable(fields.get(name));
  }

  /** Parses one line; never throws. */
  public static NebulaLogLine parse(String line) {
    Map<String, String> all = new LinkedHashMap<>();
    int i = 0;
    int n = line.length();
    boolean logfmt = true;
    while (i < n) {
      while (i < n && line.charAt(i) == ' ') {
        i++;
      }
      if (i >= n) {
        break;
      }
      int eq = i;
      while (eq < n && line.charAt(eq) != '=' && line.charAt(eq) != ' ') {
        eq++;
      }
      if (eq >= n || line.charAt(eq) != '=' || eq == i) {
        logfmt = false;
        break;
      }
      String key = line.substring(i, eq);
      int v = eq + 1;
      String value;
      if (v < n && line.charAt(v) == '"') {
        StringBuilder sb = new StringBuilder();
        int end = unquote(line, v + 1, sb);
        if (end < 0) {
          logfmt = false;
          break;
        }
        value = sb.toString();
        i = end;
      } else {
        int end = v;
        while (end < n && line.charAt(end) != ' ') {
          end++;
        }
        value = line.substring(v, end);
        i = end;
      }
      all.put(key, value);
    }
    if (!logfmt || !all.containsKey("level")) {
      return new NebulaLogLine(line, Optional.empty(), "", line, Map.of());
    }
    Optional<Instant> time = Optional.empty();
    String t = all.remove("time");
    if (t != null) {
      try {
        time = Optional.of(Instant.parse(t));
      } catch (DateTimeParseException e) {
        time = Optional.empty();
      }
    }
    String level = all.remove("level");
    String msg = all.remove("msg");
    return new NebulaLogLine(line, time, level, msg == null ? "" : msg, all);
  }

  /**
   * Reads a Go-quoted string body starting after the opening quote into {@code out}.
   *
   * @return the index after the closing quote, or -1 when the quote is not closed
   */
  private static int unquote(String s, int i, StringBuilder out) {
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c != '\\') {
        out.append(c);
        i++;
        continue;
      }
      if (i + 1 >= n) {
        return -1;
      }
      char e = s.charAt(i + 1);
      i += 2;
      switch (e) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'a' -> out.append('\u0007');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'v' -> out.append('\u000b');
        case 'x', 'u', 'U' -> {
          int len = e == 'x' ? 2 : e == 'u' ? 4 : 8;
          if (i + len > n) {
            return -1;
          }
          try {
            out.appendCodePoint(Integer.parseInt(s.substring(i, i + len), 16));
          } catch (IllegalArgumentException ex) {
            return -1;
          }
          i += len;
        }
        default -> out.append(e);
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    return raw;
  }
}
