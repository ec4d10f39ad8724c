package dev.nebula4j.interop.harness;

import dev.nebula4j.cli.NebulaMain;
import java.nio.file.Path;
import java.util.List;

/**
 * nebula4j's {@code bin/nebula} as a process: the script runs {@code java -cp
 * nebula-cli.jar:lib/* dev.nebula4j.cli.NebulaMain}; the harness starts the same main class in a
 * child JVM with the test's own class path (which holds nebula-cli and its dependencies, so no
 * packaged jar is needed and a stale one is never picked up). Run it in a namespace with {@link
 * InteropLab#nebula4jCli}, which gives a {@link GoNebula} handle: same config file, same log lines
 * ({@code Nebula interface is active}, {@code Caught signal, shutting down}, {@code Goodbye}),
 * same signals.
 */
public final class Nebula4jCli {
  /** What {@link GoNebula} calls it in messages. */
  public static final String KIND = "nebula4j bin/nebula";

  private Nebula4jCli() {}

  /**
   * The command line up to (not including) {@code -config FILE}: the JVM running the tests, a
   * small heap, the test class path, {@link NebulaMain}.
   */
  public static List<String> command() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return List.of(
        java,
        "-Xmx256m",
        "-XX:+UseSerialGC",
        "-cp",
        System.getProperty("java.class.path"),
        NebulaMain.class.getName());
  }
}
