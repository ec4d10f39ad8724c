package dev.nebula4j.cli.logging;

import dev.nebula4j.cli.GoStrings;
import dev.nebula4j.config.LoggingConfig;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.event.Level;

/**
 * Formats one log line the way Go nebula's logger (logrus) does, so tools that parse Go nebula's
 * output read ours:
 *
 * <pre>
 * text: time="2026-01-02T15:04:05Z" level=info msg="Caught signal, shutting down" signal=terminated
 * json: {"level":"info","msg":"Caught signal, shutting down","signal":"terminated","time":"..."}
 * </pre>
 *
 * <p>Text lines start with {@code time}, {@code level} and {@code msg}, then the fields sorted by
 * key; a value is quoted (Go {@code %q}) unless it consists only of letters, digits and {@code
 * -._/@^+}. JSON objects have every key sorted, as Go's {@code encoding/json} writes a map, with
 * {@code <}, {@code >} and {@code &} escaped as Go does. Level names are logrus': {@code error},
 * {@code warning}, {@code info}, {@code debug}, {@code trace}. An exception becomes the {@code
 * error} field (its message), like logrus' {@code WithError}.
 */
public final class LogLineFormatter {
  private LogLineFormatter() {}

  /** The logrus name of an SLF4J level. */
  public static String levelName(Level level) {
    switch (level) {
      case ERROR:
        return "error";
      case WARN:
        return "warning";
      case INFO:
        return "info";
      case DEBUG:
        return "debug";
      default:
        return "trace";
    }
  }

  /**
   * One line without the line separator.
   *
   * @param fields extra fields; values are written with {@code String.valueOf}, numbers and
   *     booleans unquoted in JSON
   * @param error an exception for the {@code error} field, or null
   */
  public static String format(LogSettings settings, Level level, String message,
      Map<String, Object> fields, Throwable error) {
    Map<String, Object> data = new TreeMap<>(fields);
    if (error != null) {
      data.put("error", errorText(error));
    }
    String time = settings.timestamps() == null ? null
        : settings.timestamps().format(ZonedDateTime.now(settings.clock()));
    if (settings.format() == LoggingConfig.Format.JSON) {
      data.put("level", levelName(level));
      data.put("msg", message);
      if (time != null) {
        data.put("time", time);
      }
      return json(data);
    }
    StringBuilder b = new StringBuilder(128);
    if (time != null) {
      appendText(b, "time", time);
    }
    appendText(b, "level", levelName(level));
    appendText(b, "msg", message);
    for (Map.Entry<String, Object> e : data.entrySet()) {
      appendText(b, e.getKey(), String.valueOf(e.getValue()));
    }
    return b.toString();
  }

  /** What {@code error=} shows for an exception: its message, else its type. */
  public static String errorText(Throwable t) {
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
  }

  private static void appendText(StringBuilder b, String key, String value) {
    if (b.length() > 0) {
      b.append(' ');
    }
    b.append(key).append('=');
    if (needsQuoting(value)) {
      goQuote(b, value);
    } else {
      b.append(value);
    }
  }

  /** logrus' rule: anything but {@code [A-Za-z0-9-._/@^+]} needs quotes. */
  static boolean needsQuoting(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '/' || c == '@' || c == '^' || c == '+';
      if (!plain) {
        return true;
      }
    }
    return false;
  }

  /** Go's {@code strconv.Quote}: printable characters as they are, the rest escaped. */
  static void goQuote(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp < 0x80 && escapeShared(b, (char) cp)) {
        continue;
      }
      switch (cp) {
        case 0x07:
          b.append("\\a");
          break;
        case '\b':
          b.append("\\b");
          break;
        case '\f':
          b.append("\\f");
          break;
        case 0x0B:
          b.append("\\v");
          break;
        default:
          if (cp < 0x20 || cp == 0x7F) {
            b.append(String.format("\\x%02x", cp));
          } else if (!isPrintable(cp)) {
            b.append(cp > 0xFFFF ? String.format("\\U%08x", cp) : String.format("\\u%04x", cp));
          } else {
            b.appendCodePoint(cp);
          }
      }
    }
    b.append('"');
  }

  /** The escapes Go's {@code %q} shares with JSON; returns whether {@code c} was one. */
  private static boolean escapeShared(StringBuilder b, char c) {
    switch (c) {
      case '"':
        b.append("\\\"");
        return true;
      case '\\':
        b.append("\\\\");
        return true;
      case '\n':
        b.append("\\n");
        return true;
      case '\r':
        b.append("\\r");
        return true;
      case '\t':
        b.append("\\t");
        return true;
      default:
        return false;
    }
  }

  private static boolean isPrintable(int cp) {
    int type = Character.getType(cp);
    return type != Character.CONTROL && type != Character.FORMAT && type != Character.UNASSIGNED
        && type != Character.SURROGATE && type != Character.PRIVATE_USE
        && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR
        && (cp == ' ' || type != Character.SPACE_SEPARATOR);
  }

  private static String json(Map<String, Object> data) {
    StringBuilder b = new StringBuilder(160).append('{');
    boolean first = true;
    for (Map.Entry<String, Object> e : data.entrySet()) {
      if (!first) {
        b.append(',');
      }
      first = false;
      GoStrings.appendJsonString(b, e.getKey());
      b.append(':');
      Object v = e.getValue();
      if (v instanceof Boolean || (v instanceof Number && isFinite((Number) v))) {
        b.append(v);
      } else {
        GoStrings.appendJsonString(b, String.valueOf(v));
      }
    }
    return b.append('}').toString();
  }

  private static boolean isFinite(Number n) {
    return !(n instanceof Double || n instanceof Float) || Double.isFinite(n.doubleValue());
  }
}
