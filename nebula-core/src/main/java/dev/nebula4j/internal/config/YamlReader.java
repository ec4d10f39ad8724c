package dev.nebula4j.internal.config;

import dev.nebula4j.config.ConfigLocation;
import dev.nebula4j.config.ConfigProblem.Reason;
import dev.nebula4j.internal.config.YamlNode.Entry;
import dev.nebula4j.internal.config.YamlNode.Mapping;
import dev.nebula4j.internal.config.YamlNode.Scalar;
import dev.nebula4j.internal.config.YamlNode.ScalarType;
import dev.nebula4j.internal.config.YamlNode.Sequence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * Reads one YAML document into a {@link YamlNode} tree with positions, through Jackson's streaming
 * YAML parser. Limits (document size, nesting depth, node count including alias expansion) turn
 * hostile input into a {@link Reason#TOO_LARGE} problem instead of memory exhaustion. Anchors,
 * aliases and {@code <<} merge keys work as in Go's yaml.v2; a repeated key keeps its last value
 * (as yaml.v2) and is reported as a warning.
 */
public final class YamlReader {
  /** Largest accepted document, in characters. Real configs are a few kilobytes. */
  public static final int MAX_DOCUMENT_CHARS = 4 * 1024 * 1024;
  /** Deepest accepted nesting; Go nebula's deepest key is 5 levels down. */
  public static final int MAX_NESTING_DEPTH = 64;
  /** Most nodes a document may expand to (aliases counted at their expanded size). */
  public static final long MAX_NODES = 200_000;

  private static final YAMLFactory FACTORY =
      YAMLFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_NESTING_DEPTH)
                  .maxDocumentLength(MAX_DOCUMENT_CHARS)
                  .maxStringLength(MAX_DOCUMENT_CHARS)
                  .maxNameLength(64 * 1024)
                  .build())
          .build();

  private final String source;
  private final Problems problems;
  private final Map<String, YamlNode> anchors = new HashMap<>();
  private long nodes;

  private YamlReader(String source, Problems problems) {
    this.source = source;
    this.problems = problems;
  }

  /**
   * Parses {@code text}. Returns the root mapping (an empty document gives an empty mapping), or
   * {@code null} after recording a problem.
   */
  public static Mapping read(String text, String source, Problems problems) {
    if (text.length() > MAX_DOCUMENT_CHARS) {
      problems.error(
          "",
          Reason.TOO_LARGE,
          "",
          new ConfigLocation(source, 1, 1),
          "config is " + text.length() + " characters, more than the limit of "
              + MAX_DOCUMENT_CHARS);
      return null;
    }
    return new YamlReader(source, problems).document(text);
  }

  private Mapping document(String text) {
    try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return new Mapping(Map.of(), new ConfigLocation(source, 1, 1), 1);
      }
      YamlNode root = node(p, t, "");
      if (root == null) {
        return null;
      }
      if (root instanceof Scalar s && s.isNull()) {
        return new Mapping(Map.of(), root.location(), 1);
      }
      if (!(root instanceof Mapping m)) {
        problems.error(
            "",
            Reason.YAML_SYNTAX,
            root instanceof Scalar s ? s.text() : "",
            root.location(),
            "the document must be a mapping of keys (pki:, listen:, ...), found "
                + describe(root));
        return null;
      }
      JsonToken extra = p.nextToken();
      if (extra != null) {
        problems.error(
            "",
            Reason.YAML_SYNTAX,
            "",
            at(p.currentTokenLocation()),
            "only one YAML document is allowed per file");
        return null;
      }
      return m;
    } catch (StreamConstraintsException e) {
      problems.error(
          "", Reason.TOO_LARGE, "", at(e.getLocation()), "config refused: " + firstLine(e));
      return null;
    } catch (LimitExceeded e) {
      problems.error("", Reason.TOO_LARGE, "", e.location, e.getMessage());
      return null;
    } catch (JacksonException e) {
      problems.error(
          "", Reason.YAML_SYNTAX, "", at(e.getLocation()), "YAML syntax error: " + firstLine(e));
      return null;
    } catch (RuntimeException e) {
      // snakeyaml-engine's own limits and scanner errors surface as runtime exceptions
      problems.error(
          "",
          Reason.YAML_SYNTAX,
          "",
          new ConfigLocation(source, 1, 1),
          "YAML error: " + e.getMessage());
      return null;
    }
  }

  private YamlNode node(JsonParser p, JsonToken t, String path) {
    ConfigLocation loc = at(p.currentTokenLocation());
    YAMLParser yp = (YAMLParser) p;
    if (yp.isCurrentAlias()) {
      String name = p.getString();
      YamlNode target = anchors.get(name);
      if (target == null) {
        problems.error(
            path, Reason.YAML_SYNTAX, "*" + name, loc, "alias *" + name + " has no anchor");
        return new Scalar("", ScalarType.NULL, loc);
      }
      count(target.size(), loc);
      return target;
    }
    String anchor = yp.getObjectId();
    YamlNode result;
    if (t == JsonToken.START_OBJECT) {
      result = mapping(p, loc, path);
    } else if (t == JsonToken.START_ARRAY) {
      result = sequence(p, loc, path);
    } else {
      result = scalar(p, t, loc);
      count(1, loc);
    }
    if (anchor != null) {
      anchors.put(anchor, result);
    }
    return result;
  }

  private static Scalar scalar(JsonParser p, JsonToken t, ConfigLocation loc) {
    return switch (t) {
      case VALUE_STRING -> p.getString().equals("~")
          ? new Scalar("", ScalarType.NULL, loc)
          : new Scalar(p.getString(), ScalarType.STRING, loc);
      case VALUE_NUMBER_INT -> new Scalar(p.getString(), ScalarType.INT, loc);
      case VALUE_NUMBER_FLOAT -> new Scalar(p.getString(), ScalarType.FLOAT, loc);
      case VALUE_TRUE, VALUE_FALSE -> new Scalar(p.getString(), ScalarType.BOOL, loc);
      case VALUE_NULL -> new Scalar("", ScalarType.NULL, loc);
      default -> new Scalar(p.getString(), ScalarType.STRING, loc);
    };
  }

  private Mapping mapping(JsonParser p, ConfigLocation loc, String path) {
    LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
    List<YamlNode> merges = new ArrayList<>();
    long size = 1;
    count(1, loc);
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
      String key = p.currentName();
      ConfigLocation keyLoc = at(p.currentTokenLocation());
      JsonToken vt = p.nextToken();
      String childPath = YamlPath.key(path, key);
      YamlNode value = node(p, vt, childPath);
      size += value.size();
      if (key.equals("<<")) {
        merges.add(value);
        continue;
      }
      Entry previous = entries.put(key, new Entry(key, keyLoc, value));
      if (previous != null) {
        problems.warn(
            childPath,
            Reason.DUPLICATE_KEY,
            key,
            keyLoc,
            "key '" + key + "' appears again (first at line " + previous.keyLocation().line()
                + "); the last value is used, as Go nebula does");
        entries.remove(key);
        entries.put(key, new Entry(key, keyLoc, value));
      }
    }
    for (YamlNode merge : merges) {
      List<YamlNode> sources =
          merge instanceof Sequence s ? s.items() : List.of(merge);
      for (YamlNode src : sources) {
        if (src instanceof Mapping m) {
          for (Entry e : m.entries().values()) {
            entries.putIfAbsent(e.key(), e);
          }
        } else {
          problems.error(
              YamlPath.key(path, "<<"),
              Reason.YAML_SYNTAX,
              "",
              src.location(),
              "a << merge key needs a mapping or a list of mappings, found " + describe(src));
        }
      }
    }
    return new Mapping(entries, loc, size);
  }

  private Sequence sequence(JsonParser p, ConfigLocation loc, String path) {
    List<YamlNode> items = new ArrayList<>();
    long size = 1;
    count(1, loc);
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      YamlNode n = node(p, t, YamlPath.index(path, items.size()));
      size += n.size();
      items.add(n);
    }
    return new Sequence(items, loc, size);
  }

  private void count(long n, ConfigLocation loc) {
    nodes += n;
    if (nodes > MAX_NODES) {
      throw new LimitExceeded(
          "config refused: more than " + MAX_NODES
              + " YAML nodes (after expanding aliases)",
          loc);
    }
  }

  private ConfigLocation at(TokenStreamLocation l) {
    if (l == null) {
      return new ConfigLocation(source, 1, 1);
    }
    return new ConfigLocation(source, Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
  }

  static String describe(YamlNode n) {
    if (n instanceof Mapping) {
      return "a mapping";
    }
    if (n instanceof Sequence) {
      return "a list";
    }
    Scalar s = (Scalar) n;
    return s.isNull() ? "nothing" : "'" + s.text() + "'";
  }

  private static String firstLine(Exception e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  private static final class LimitExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient ConfigLocation location;

    LimitExceeded(String message, ConfigLocation location) {
      super(message, null, false, false);
      this.location = location;
    }
  }
}
