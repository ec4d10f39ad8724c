package dev.nebula4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The project version both commands print ({@code nebula -version}, {@code nebula-cert
 * -version}), from {@code version.properties}, which Maven fills in from the POM at build time.
 */
public final class BuildVersion {
  private static final String VERSION = load();

  private BuildVersion() {}

  /** The Maven project version, e.g. {@code 0.1.0-SNAPSHOT}. */
  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = BuildVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        throw new IllegalStateException(
            "dev/nebula4j/cli/version.properties is missing from the nebula-cli build");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException("reading dev/nebula4j/cli/version.properties", e);
    }
  }
}
