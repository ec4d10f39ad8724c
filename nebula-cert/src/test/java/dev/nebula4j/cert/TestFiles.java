package dev.nebula4j.cert;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test resources: Go-made files and shared test vectors, all on the test class path. */
final class TestFiles {
  private TestFiles() {}

  /** A file made by Go's nebula-cert 1.6.1, committed under {@code go161/}. */
  static byte[] go(String name) {
    return resource("go161/" + name);
  }

  static String goText(String name) {
    return new String(go(name), StandardCharsets.UTF_8);
  }

  /**
   * A test vector from the project's shared set, committed under {@code vectors/} (Go nebula's
   * encrypted CA key samples; see {@code vectors/encrypted-ca-key/README.md}).
   */
  static byte[] vector(String relative) {
    return resource("vectors/" + relative);
  }

  private static byte[] resource(String path) {
    try (InputStream in = TestFiles.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
