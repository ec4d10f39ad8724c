package dev.nebula4j.config;

import java.util.Objects;

/**
 * Where a value sits in the YAML source.
 *
 * @param source file path, or {@code <string>} for configs loaded from a string
 * @param line 1-based line
 * @param column 1-based column
 */
public record ConfigLocation(String source, int line, int column) {
  public ConfigLocation {
    Objects.requireNonNull(source, "source");
  }

  @Override
  public String toString() {
    return source + ":" + line + ":" + column;
  }
}
