package dev.nebula4j.internal.config;

import dev.nebula4j.config.ConfigLocation;
import dev.nebula4j.config.ConfigProblem.Reason;
import dev.nebula4j.config.GoDuration;
import dev.nebula4j.internal.config.YamlNode.Entry;
import dev.nebula4j.internal.config.YamlNode.Mapping;
import dev.nebula4j.internal.config.YamlNode.Scalar;
import dev.nebula4j.internal.config.YamlNode.ScalarType;
import dev.nebula4j.internal.config.YamlNode.Sequence;
import dev.nebula4j.net.IpNetwork;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * Typed access to a YAML tree with Go nebula's coercions ({@code config.C.GetBool}, {@code GetInt},
 * {@code GetDuration}, ...), except that a value Go would silently replace by the default is
 * reported as a problem. Every key read is remembered, so that the keys nobody read can be warned
 * about afterwards.
 */
final class Binder {
  final Problems problems;
  private final Set<String> used = new HashSet<>();
  private final Set<String> consumedSubtrees = new HashSet<>();

  Binder(Problems problems) {
    this.problems = problems;
  }

  /** The value at {@code key} of {@code m} (null when absent or explicit null), marked as read. */
  YamlNode get(Mapping m, String parentPath, String key) {
    if (m == null) {
      return null;
    }
    Entry e = m.entries().get(key);
    if (e == null) {
      return null;
    }
    used.add(YamlPath.key(parentPath, key));
    return YamlNode.isNull(e.value()) ? null : e.value();
  }

  /** Marks a whole subtree as read (free-form maps whose keys are data, not config keys). */
  void consume(String path) {
    used.add(path);
    consumedSubtrees.add(path);
  }

  boolean isSet(Mapping m, String key) {
    return m != null && m.entries().containsKey(key) && !YamlNode.isNull(m.entries().get(key).value());
  }

  /** A sub-mapping; null if absent; a non-mapping is reported as WRONG_TYPE. */
  Mapping section(Mapping m, String parentPath, String key) {
    YamlNode n = get(m, parentPath, key);
    if (n == null) {
      return null;
    }
    if (n instanceof Mapping sub) {
      return sub;
    }
    wrongType(YamlPath.key(parentPath, key), n, "a mapping of keys");
    return null;
  }

  void wrongType(String path, YamlNode n, String expected) {
    problems.error(
        path,
        Reason.WRONG_TYPE,
        n instanceof Scalar s ? s.text() : "",
        n.location(),
        path + " must be " + expected + ", found " + YamlReader.describe(n));
  }

  /** Go's {@code %v} of a scalar; lists and maps are a WRONG_TYPE problem (returns null). */
  String scalarText(YamlNode n, String path) {
    if (n instanceof Scalar s) {
      return s.text();
    }
    wrongType(path, n, "a single value");
    return null;
  }

  Optional<String> string(Mapping m, String pp, String key) {
    YamlNode n = get(m, pp, key);
    if (n == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(scalarText(n, YamlPath.key(pp, key)));
  }

  String string(Mapping m, String pp, String key, String def) {
    return string(m, pp, key).orElse(def);
  }

  /**
   * The value at {@code key} as {@code parse} reads it from the node and its path; {@code def} when
   * absent or when {@code parse} rejects it (returns null after reporting why).
   */
  private <T> T value(Mapping m, String pp, String key, T def,
      BiFunction<YamlNode, String, T> parse) {
    YamlNode n = get(m, pp, key);
    if (n == null) {
      return def;
    }
    T v = parse.apply(n, YamlPath.key(pp, key));
    return v == null ? def : v;
  }

  boolean bool(Mapping m, String pp, String key, boolean def) {
    return value(m, pp, key, def, this::parseBool);
  }

  /** Go's {@code GetBool}: strconv.ParseBool after lower-casing, plus y/yes/n/no. */
  Boolean parseBool(YamlNode n, String path) {
    String text = scalarText(n, path);
    if (text == null) {
      return null;
    }
    Boolean b = goBool(text);
    if (b == null) {
      problems.error(
          path,
          Reason.INVALID_BOOLEAN,
          text,
          n.location(),
          path + " must be a boolean (true/false, yes/no, y/n, 1/0), found '" + text + "'");
    }
    return b;
  }

  static Boolean goBool(String text) {
    switch (text.toLowerCase(Locale.ROOT)) {
      case "1":
      case "t":
      case "true":
      case "y":
      case "yes":
        return Boolean.TRUE;
      case "0":
      case "f":
      case "false":
      case "n":
      case "no":
        return Boolean.FALSE;
      default:
        return null;
    }
  }

  int integer(Mapping m, String pp, String key, int def, long min, long max) {
    return value(m, pp, key, def, (n, path) -> parseInt(n, path, min, max));
  }

  /** Go's {@code strconv.Atoi} of {@code %v}, then a range check. */
  Integer parseInt(YamlNode n, String path, long min, long max) {
    String text = scalarText(n, path);
    if (text == null) {
      return null;
    }
    String t = text;
    if (n instanceof Scalar s && s.type() == ScalarType.INT) {
      t = t.replace("_", "");
    }
    if (!t.matches("[+-]?[0-9]{1,19}")) {
      problems.error(
          path,
          Reason.INVALID_INTEGER,
          text,
          n.location(),
          path + " must be a whole number, found '" + text + "'");
      return null;
    }
    long v;
    try {
      v = Long.parseLong(t);
    } catch (NumberFormatException e) {
      v = Long.MAX_VALUE;
    }
    if (v < min || v > max) {
      problems.error(
          path,
          Reason.OUT_OF_RANGE,
          text,
          n.location(),
          path + " must be in " + min + ".." + max + ", found " + text);
      return null;
    }
    return (int) v;
  }

  Duration duration(Mapping m, String pp, String key, Duration def) {
    return value(m, pp, key, def, this::parseDuration);
  }

  Duration parseDuration(YamlNode n, String path) {
    return parse(n, path, GoDuration::parse, Reason.INVALID_DURATION,
        (text, why) -> why + " (Go durations look like 12m, 1h30m, 200ms)");
  }

  /** An int number of seconds (Go reads lighthouse.interval and timers.* with GetInt). */
  Duration seconds(Mapping m, String pp, String key, Duration def) {
    return value(m, pp, key, def, (n, path) -> {
      Integer v = parseInt(n, path, 0, Integer.MAX_VALUE);
      return v == null ? null : Duration.ofSeconds(v);
    });
  }

  /**
   * A list value as Go's {@code GetStringSlice} wants it; a lone scalar is accepted as a one-item
   * list only when {@code scalarOk}.
   */
  List<YamlNode> list(Mapping m, String pp, String key, boolean scalarOk) {
    YamlNode n = get(m, pp, key);
    if (n == null) {
      return List.of();
    }
    if (n instanceof Sequence s) {
      return s.items();
    }
    if (scalarOk && n instanceof Scalar) {
      return List.of(n);
    }
    wrongType(YamlPath.key(pp, key), n, "a list");
    return List.of();
  }

  InetAddress address(YamlNode n, String path) {
    return parse(n, path, IpNetwork::parseAddress, Reason.INVALID_ADDRESS,
        (text, why) -> "'" + text + "' is not an IP address");
  }

  /** The masked CIDR at {@code key}; null when absent or invalid (reported). */
  IpNetwork cidr(Mapping m, String pp, String key) {
    YamlNode n = get(m, pp, key);
    return n == null ? null : cidr(n, YamlPath.key(pp, key));
  }

  /** A CIDR with its host bits cleared (Go keeps the masked network of ParseCIDR). */
  IpNetwork cidr(YamlNode n, String path) {
    return parse(n, path, t -> IpNetwork.parse(t).masked(), Reason.INVALID_CIDR,
        (text, why) -> "'" + text + "' is not a CIDR such as 10.0.0.0/8");
  }

  /**
   * The scalar at {@code path} as {@code parser} reads it. Null when it is not a scalar (a
   * WRONG_TYPE problem) or the parser throws {@link IllegalArgumentException}: then an error with
   * {@code reason} and the message {@code path: message(text, exception message)}.
   */
  <T> T parse(YamlNode n, String path, Function<String, T> parser, Reason reason,
      BinaryOperator<String> message) {
    String text = scalarText(n, path);
    if (text == null) {
      return null;
    }
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      problems.error(path, reason, text, n.location(),
          path + ": " + message.apply(text, e.getMessage()));
      return null;
    }
  }

  void error(String path, Reason reason, String value, ConfigLocation at, String message) {
    problems.error(path, reason, value, at, message);
  }

  void warn(String path, Reason reason, String value, ConfigLocation at, String message) {
    problems.warn(path, reason, value, at, message);
  }

  /** Warns about every key of {@code root} that no binder read. */
  void warnUnread(Mapping root, List<String> knownButIgnored) {
    walk(root, "", knownButIgnored);
  }

  private void walk(Mapping m, String path, List<String> ignored) {
    for (Entry e : m.entries().values()) {
      String p = YamlPath.key(path, e.key());
      if (consumedSubtrees.contains(p)) {
        continue;
      }
      if (!used.contains(p)) {
        if (ignored.contains(p)) {
          warn(p, Reason.UNKNOWN_KEY, e.key(), e.keyLocation(),
              p + " is ignored by Go nebula and by nebula4j");
        } else {
          warn(p, Reason.UNKNOWN_KEY, e.key(), e.keyLocation(),
              p + " is not a nebula config key; it is ignored (as Go nebula does)");
        }
        continue;
      }
      if (e.value() instanceof Mapping sub) {
        walk(sub, p, ignored);
      }
    }
  }

  /**
   * The items of the list at {@code key}, each read by {@code item} from the node and its path
   * ({@code key[i]}); items it returns null for (after reporting why) are left out.
   */
  <T> List<T> each(Mapping m, String pp, String key, BiFunction<YamlNode, String, T> item) {
    List<YamlNode> items = list(m, pp, key, false);
    String path = YamlPath.key(pp, key);
    List<T> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      T v = item.apply(items.get(i), YamlPath.index(path, i));
      if (v != null) {
        out.add(v);
      }
    }
    return out;
  }

  /** {@link #each} for lists of mappings: an item that is not a mapping is WRONG_TYPE. */
  <T> List<T> eachMapping(Mapping m, String pp, String key, String expected,
      BiFunction<Mapping, String, T> item) {
    return each(m, pp, key, (n, path) -> {
      if (n instanceof Mapping im) {
        return item.apply(im, path);
      }
      wrongType(path, n, expected);
      return null;
    });
  }
}
