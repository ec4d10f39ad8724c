package dev.nebula4j.internal.config;

/**
 * Builds the YAML paths used in problems: {@code firewall.inbound[1].port}; keys that are not
 * plain words are quoted, as in {@code static_host_map."10.10.10.1"[0]}.
 */
public final class YamlPath {
  private YamlPath() {}

  public static String key(String parent, String key) {
    String k = isPlain(key) ? key : quote(key);
    return parent.isEmpty() ? k : parent + "." + k;
  }

  public static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }

  private static boolean isPlain(String key) {
    if (key.isEmpty()) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private static String quote(String key) {
    return "\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
