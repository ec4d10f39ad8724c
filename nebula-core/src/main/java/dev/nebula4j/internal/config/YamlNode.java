package dev.nebula4j.internal.config;

import dev.nebula4j.config.ConfigLocation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node of a parsed YAML document, immutable once built, with the position it came from. Scalars
 * keep their text and the type Jackson resolved (string, integer, float, boolean, null).
 */
public sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Sequence, YamlNode.Mapping {

  ConfigLocation location();

  /** Number of nodes in this subtree (aliases counted at their expanded size). */
  long size();

  /** What YAML resolved a scalar to. */
  enum ScalarType {
    STRING,
    INT,
    FLOAT,
    BOOL,
    NULL
  }

  /** A scalar; {@code text} is the source text ({@code ""} for null). */
  record Scalar(String text, ScalarType type, ConfigLocation location) implements YamlNode {
    @Override
    public long size() {
      return 1;
    }

    public boolean isNull() {
      return type == ScalarType.NULL;
    }
  }

  /** A sequence. */
  record Sequence(List<YamlNode> items, ConfigLocation location, long size) implements YamlNode {
    public Sequence {
      items = Collections.unmodifiableList(items);
    }
  }

  /** A mapping entry: the key's own position is kept for messages about the key. */
  record Entry(String key, ConfigLocation keyLocation, YamlNode value) {}

  /** A mapping with string keys in source order. */
  record Mapping(Map<String, Entry> entries, ConfigLocation location, long size)
      implements YamlNode {
    public Mapping {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public YamlNode get(String key) {
      Entry e = entries.get(key);
      return e == null ? null : e.value();
    }
  }

  static boolean isNull(YamlNode n) {
    return n == null || (n instanceof Scalar s && s.isNull());
  }
}
