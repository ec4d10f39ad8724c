package dev.nebula4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nebula4j.interop.harness.Commands;
import dev.nebula4j.interop.harness.CommandResult;
import dev.nebula4j.interop.harness.InteropTest;
import dev.nebula4j.interop.harness.StaleSweeper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop tests skip cleanly without root: this runs four of them (Go-only, Java↔Go and {@code
 * bin/nebula}↔Go) in a JVM whose user is {@code nobody} (with {@code setpriv}, on a world-readable
 * copy of the test class path) and checks they were aborted by the assumption, with its reason,
 * before creating anything.
 */
@InteropTest
class NonRootSkipTest {

  @Test
  void interopClassesAreSkippedWithTheReasonWhenNotRoot(@TempDir Path dir) throws IOException {
    Path setpriv = Commands.findTool("setpriv").orElse(null);
    org.junit.jupiter.api.Assumptions.assumeTrue(setpriv != null, "setpriv (util-linux) is not installed");
    List<String> before = StaleSweeper.listNamespaces();
    String classPath = worldReadableCopyOfClassPath(dir);

    CommandResult r =
        Commands.run(
            List.of(
                setpriv.toString(), "--reuid=65534", "--regid=65534", "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + dir, "-cp", classPath, LauncherChild.class.getName(),
                GoGoTutorialTest.class.getName(), JvmLinkTest.class.getName(),
                JavaGoTunnelTest.class.getName(), CliGoTest.class.getName()),
            null,
            Duration.ofSeconds(60));

    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.stdout())
        .contains("ABORTED GoGoTutorialTest: Assumption failed: interop test skipped: not running as root")
        .contains("ABORTED JvmLinkTest: Assumption failed: interop test skipped: not running as root")
        .contains("ABORTED JavaGoTunnelTest: Assumption failed: interop test skipped: not running as root")
        .contains("ABORTED CliGoTest: Assumption failed: interop test skipped: not running as root")
        .containsPattern("SUMMARY found=[1-9]\\d* started=0 failed=0 aborted=0 containersFailed=0 containersAborted=4");
    assertThat(StaleSweeper.listNamespaces()).containsExactlyElementsOf(before);
  }

  /** Copies every class path entry into {@code dir} (mode 755/644) and returns the new path. */
  private static String worldReadableCopyOfClassPath(Path dir) throws IOException {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    List<String> entries = new ArrayList<>();
    int n = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path src = Path.of(entry);
      if (!Files.exists(src)) {
        continue;
      }
      Path dst = dir.resolve("cp" + (n++) + (Files.isDirectory(src) ? "" : ".jar"));
      copyReadable(src, dst);
      entries.add(dst.toString());
    }
    return String.join(File.pathSeparator, entries);
  }

  private static void copyReadable(Path src, Path dst) throws IOException {
    if (!Files.isDirectory(src)) {
      Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
      Files.setPosixFilePermissions(dst, PosixFilePermissions.fromString("rw-r--r--"));
      return;
    }
    try (Stream<Path> walk = Files.walk(src)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path target = dst.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
          Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
          Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
        }
      }
    }
  }
}
