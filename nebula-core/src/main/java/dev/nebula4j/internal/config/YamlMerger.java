package dev.nebula4j.internal.config;

import dev.nebula4j.internal.config.YamlNode.Entry;
import dev.nebula4j.internal.config.YamlNode.Mapping;
import dev.nebula4j.internal.config.YamlNode.Sequence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Merges the documents of a config directory the way Go nebula does (its config loader folds each
 * file, in sorted order, into the result with mergo's append-slice mode, the newer file being the
 * destination):
 *
 * <ul>
 *   <li>mappings merge key by key, recursively;
 *   <li>for a scalar, the later file's value wins unless it is null (then the earlier one stays);
 *   <li>lists are concatenated with the <em>later</em> file's items first: for files 1..n the
 *       result is list(n) ++ list(n-1) ++ ... ++ list(1). Verified against nebula 1.6.1, whose
 *       firewall log shows rules from {@code 20-b.yml} before those of {@code 10-a.yaml}.
 * </ul>
 */
public final class YamlMerger {
  private YamlMerger() {}

  /** Folds {@code documents} (in load order) into one mapping. */
  public static Mapping merge(List<Mapping> documents) {
    Mapping acc = null;
    for (Mapping doc : documents) {
      acc = acc == null ? doc : (Mapping) mergeNode(doc, acc);
    }
    return acc;
  }

  /** {@code newer} is the destination, {@code older} the accumulated source. */
  private static YamlNode mergeNode(YamlNode newer, YamlNode older) {
    if (YamlNode.isNull(newer)) {
      return older == null ? newer : older;
    }
    if (older == null || YamlNode.isNull(older)) {
      return newer;
    }
    if (newer instanceof Mapping nm && older instanceof Mapping om) {
      LinkedHashMap<String, Entry> out = new LinkedHashMap<>(om.entries());
      for (Entry e : nm.entries().values()) {
        Entry prev = out.get(e.key());
        YamlNode merged = prev == null ? e.value() : mergeNode(e.value(), prev.value());
        out.put(e.key(), new Entry(e.key(), e.keyLocation(), merged));
      }
      long size = 1;
      for (Entry e : out.values()) {
        size += e.value().size();
      }
      return new Mapping(out, nm.location(), size);
    }
    if (newer instanceof Sequence ns && older instanceof Sequence os) {
      List<YamlNode> items = new ArrayList<>(ns.items());
      items.addAll(os.items());
      return new Sequence(items, ns.location(), ns.size() + os.size() - 1);
    }
    return newer;
  }
}
