package dev.nebula4j.cert;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test resources and the shared vectors directory. */
final class TestFiles {
  private TestFiles() {}

  /** A file made by Go's nebula-cert 1.6.1, committed under {@code go161/}. */
  static byte[] go(String name) {
    try (InputStream in = TestFiles.class.getResourceAsStream("go161/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource go161/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String goText(String name) {
    return new String(go(name), StandardCharsets.UTF_8);
  }

  /**
   * The project's shared directory: {@code ../shared} next to the repository (CI's layout), or
   * {@code /work/shared}.
   */
  static Path shared() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      Path candidate = p.resolveSibling("shared");
      if (Files.isDirectory(candidate.resolve("vectors"))) {
        return candidate;
      }
    }
    Path fallback = Path.of("/work/shared");
    if (Files.isDirectory(fallback.resolve("vectors"))) {
      return fallback;
    }
    throw new IllegalStateException("shared/vectors not found next to the repository");
  }

  static byte[] vector(String relative) {
    try {
      return Files.readAllBytes(shared().resolve("vectors").resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
