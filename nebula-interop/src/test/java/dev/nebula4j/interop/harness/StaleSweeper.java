package dev.nebula4j.interop.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Removes what killed test runs left behind: {@code n4j-*} namespaces (and the processes still
 * running in them), {@code n4j-*} links in the root namespace and {@code n4j-interop-<pid>-*} temp
 * directories whose owner process is gone.
 *
 * <p>A namespace is stale when its owner pid no longer runs, or when the pid now belongs to a
 * process started after the namespace was created (the pid was reused). Resources of live test
 * runs, including those of other JVMs running the suite at the same time, are left alone.
 */
public final class StaleSweeper {
  private static final Path NETNS_DIR = Path.of("/run/netns");
  /** Slack between the kernel's process start time and file times (both have coarse clocks). */
  private static final Duration CLOCK_SLACK = Duration.ofSeconds(2);

  private static boolean sweptOnce;

  private StaleSweeper() {}

  /** What a sweep removed. */
  public record Report(List<String> namespaces, List<String> links, List<String> tempDirs) {
    public Report {
      namespaces = List.copyOf(namespaces);
      links = List.copyOf(links);
      tempDirs = List.copyOf(tempDirs);
    }

    public boolean isEmpty() {
      return namespaces.isEmpty() && links.isEmpty() && tempDirs.isEmpty();
    }
  }

  /** Sweeps once per JVM, before the harness creates its first namespace. */
  static synchronized void sweepOnce() {
    if (!sweptOnce) {
      sweptOnce = true;
      Report r = sweep();
      if (!r.isEmpty()) {
        System.err.println("nebula4j interop: removed leftovers of dead test runs: " + r);
      }
    }
  }

  /** Removes stale namespaces and root-namespace links now. */
  public static synchronized Report sweep() {
    List<String> namespaces = new ArrayList<>();
    for (String name : listNamespaces()) {
      OptionalLong owner = ResourceNames.ownerPid(name);
      if (owner.isPresent() && isStale(owner.getAsLong(), namespaceCreated(name))) {
        Netns.kill(name);
        Commands.run(Commands.ip(), "netns", "del", name);
        namespaces.add(name);
      }
    }
    List<String> links = new ArrayList<>();
    for (String link : listRootLinks()) {
      OptionalLong owner = ResourceNames.ownerPid(link);
      if (owner.isPresent() && !ProcessStatus.isRunning(owner.getAsLong())) {
        Commands.run(Commands.ip(), "link", "del", link);
        links.add(link);
      }
    }
    List<String> dirs = new ArrayList<>();
    for (Path dir : listTempDirs()) {
      String rest = dir.getFileName().toString().substring(InteropLab.TEMP_PREFIX.length());
      int dash = rest.indexOf('-');
      if (dash > 0 && rest.substring(0, dash).chars().allMatch(Character::isDigit)) {
        long pid = Long.parseLong(rest.substring(0, dash));
        if (!ProcessStatus.isRunning(pid)) {
          InteropLab.deleteTree(dir);
          dirs.add(dir.toString());
        }
      }
    }
    return new Report(namespaces, links, dirs);
  }

  private static List<Path> listTempDirs() {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    try (Stream<Path> s = Files.list(tmp)) {
      return s.filter(p -> p.getFileName().toString().startsWith(InteropLab.TEMP_PREFIX))
          .filter(Files::isDirectory)
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** Names of all named namespaces ({@code ip netns list}) that carry the harness prefix. */
  public static List<String> listNamespaces() {
    if (!Files.isDirectory(NETNS_DIR)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(NETNS_DIR)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(ResourceNames.PREFIX))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new HarnessException("cannot list " + NETNS_DIR + ": " + e.getMessage(), e);
    }
  }

  /** Names of links in the root namespace that carry the harness prefix. */
  public static List<String> listRootLinks() {
    CommandResult r = Commands.run(Commands.ip(), "-o", "link", "show").requireSuccess();
    List<String> names = new ArrayList<>();
    for (String line : r.stdout().split("\n")) {
      // "17: n4j-123-4@if3: <BROADCAST,...> ..."
      int colon = line.indexOf(": ");
      if (colon < 0) {
        continue;
      }
      int end = line.indexOf(':', colon + 2);
      if (end < 0) {
        continue;
      }
      String name = line.substring(colon + 2, end);
      int at = name.indexOf('@');
      if (at >= 0) {
        name = name.substring(0, at);
      }
      if (name.startsWith(ResourceNames.PREFIX)) {
        names.add(name);
      }
    }
    return names;
  }

  private static Optional<Instant> namespaceCreated(String name) {
    try {
      FileTime t = Files.getLastModifiedTime(NETNS_DIR.resolve(name));
      return Optional.of(t.toInstant());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static boolean isStale(long ownerPid, Optional<Instant> created) {
    Optional<Instant> started = ProcessStatus.startTime(ownerPid);
    if (started.isEmpty()) {
      return !ProcessStatus.isRunning(ownerPid);
    }
    return created.isPresent() && started.get().isAfter(created.get().plus(CLOCK_SLACK));
  }
}
