package dev.nebula4j.config;

import dev.nebula4j.config.ConfigProblem.Reason;
import dev.nebula4j.internal.config.ConfigBinder;
import dev.nebula4j.internal.config.Problems;
import dev.nebula4j.internal.config.YamlMerger;
import dev.nebula4j.internal.config.YamlNode.Mapping;
import dev.nebula4j.internal.config.YamlReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads Go nebula configs: one file, a directory of {@code *.yml}/{@code *.yaml} files (found
 * recursively, merged in sorted order as Go does: mappings merge, later scalars win, lists are
 * concatenated later-file-first), or a string.
 *
 * <p>Loading reads only YAML: no DNS lookups, no PKI files (see {@link PkiCheck}). Every problem is
 * collected; if any is an error, a {@link ConfigException} carrying all of them is thrown.
 */
public final class ConfigLoader {
  /** Most files a config directory may hold. */
  public static final int MAX_FILES = 256;
  /** Largest single config file, in bytes. */
  public static final long MAX_FILE_BYTES = YamlReader.MAX_DOCUMENT_CHARS;

  private ConfigLoader() {}

  /**
   * Loads a file (any name) or a directory.
   *
   * @throws ConfigException with every problem found, if any is an error
   */
  public static LoadedConfig load(Path path) {
    Problems problems = new Problems();
    List<Path> files = resolve(path, problems);
    List<Mapping> docs = new ArrayList<>();
    for (Path f : files) {
      String text = read(f, problems);
      if (text == null) {
        continue;
      }
      Mapping doc = YamlReader.read(text, f.toString(), problems);
      if (doc != null) {
        docs.add(doc);
      }
    }
    return finish(docs, problems, files);
  }

  /**
   * Parses YAML text, as Go's {@code LoadString}.
   *
   * @throws ConfigException with every problem found, if any is an error
   */
  public static LoadedConfig parse(String yaml) {
    return parse(yaml, "<string>");
  }

  /** Parses YAML text; {@code sourceName} appears in problem locations. */
  public static LoadedConfig parse(String yaml, String sourceName) {
    Problems problems = new Problems();
    if (yaml.isEmpty()) {
      problems.error("", Reason.EMPTY_CONFIG, "", new ConfigLocation(sourceName, 1, 1),
          "empty configuration");
      throw new ConfigException(problems.all());
    }
    Mapping doc = YamlReader.read(yaml, sourceName, problems);
    return finish(doc == null ? List.of() : List.of(doc), problems, List.of());
  }

  private static LoadedConfig finish(List<Mapping> docs, Problems problems, List<Path> files) {
    if (problems.hasErrors() || docs.isEmpty()) {
      if (!problems.hasErrors()) {
        problems.error("", Reason.EMPTY_CONFIG, "", null, "no config found");
      }
      throw new ConfigException(problems.all());
    }
    Mapping merged = YamlMerger.merge(docs);
    NebulaConfig config = ConfigBinder.bind(merged, problems);
    if (config == null || problems.hasErrors()) {
      throw new ConfigException(problems.all());
    }
    return new LoadedConfig(config, problems.warnings(), files);
  }

  private static List<Path> resolve(Path path, Problems problems) {
    List<Path> files = new ArrayList<>();
    if (!Files.exists(path)) {
      problems.error("", Reason.UNREADABLE_FILE, path.toString(), null,
          "no config files found at " + path + " (no such file or directory)");
      return files;
    }
    if (!Files.isDirectory(path)) {
      files.add(path.toAbsolutePath());
      return files;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      walk.filter(Files::isRegularFile)
          .filter(p -> {
            String n = p.getFileName().toString();
            return n.endsWith(".yml") || n.endsWith(".yaml");
          })
          .map(Path::toAbsolutePath)
          .limit(MAX_FILES + 1L)
          .forEach(files::add);
    } catch (IOException | RuntimeException e) {
      problems.error("", Reason.UNREADABLE_FILE, path.toString(), null,
          "problem while reading directory " + path + ": " + e.getMessage());
      return List.of();
    }
    if (files.size() > MAX_FILES) {
      problems.error("", Reason.TOO_LARGE, path.toString(), null,
          "more than " + MAX_FILES + " config files under " + path);
      return List.of();
    }
    // Go sorts the absolute paths as strings (byte order)
    files.sort((a, b) -> a.toString().compareTo(b.toString()));
    if (files.isEmpty()) {
      problems.error("", Reason.EMPTY_CONFIG, path.toString(), null,
          "no config files found at " + path + " (only *.yml and *.yaml are read)");
    }
    return files;
  }

  private static String read(Path f, Problems problems) {
    try {
      long size = Files.size(f);
      if (size > MAX_FILE_BYTES) {
        problems.error("", Reason.TOO_LARGE, f.toString(), new ConfigLocation(f.toString(), 1, 1),
            f + " is " + size + " bytes, more than the limit of " + MAX_FILE_BYTES);
        return null;
      }
      byte[] bytes = Files.readAllBytes(f);
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      problems.error("", Reason.YAML_SYNTAX, f.toString(), new ConfigLocation(f.toString(), 1, 1),
          f + " is not UTF-8 text");
      return null;
    } catch (IOException e) {
      problems.error("", Reason.UNREADABLE_FILE, f.toString(), null,
          "unable to read " + f + ": " + e.getMessage());
      return null;
    }
  }
}
