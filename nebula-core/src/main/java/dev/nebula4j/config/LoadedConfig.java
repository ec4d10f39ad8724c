package dev.nebula4j.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A successfully loaded config with the warnings found on the way (unknown keys, legacy
 * spellings, features nebula4j does not run) and the files it came from.
 *
 * @param config the typed config
 * @param warnings problems of severity {@link ConfigProblem.Severity#WARNING}
 * @param files the files read, in merge order (empty for configs parsed from a string)
 */
public record LoadedConfig(NebulaConfig config, List<ConfigProblem> warnings, List<Path> files) {
  public LoadedConfig {
    Objects.requireNonNull(config, "config");
    warnings = List.copyOf(warnings);
    files = List.copyOf(files);
  }
}
