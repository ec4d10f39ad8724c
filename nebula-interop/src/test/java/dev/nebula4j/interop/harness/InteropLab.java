package dev.nebula4j.interop.harness;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * Everything one test (or one test class) creates for interop: namespaces, underlays, Go nodes,
 * socat servers, certificates in a temp directory. {@link #close()} releases all of it, newest
 * first, and deletes the temp directory; {@link InteropExtension} calls it after each test, also
 * when the test fails. A JVM shutdown hook and {@link StaleSweeper} back this up.
 *
 * <pre>{@code
 * @InteropTest
 * class MyTest {
 *   @Test
 *   void pings(InteropLab lab) {
 *     Underlay net = lab.newUnderlay();
 *     Netns a = net.addHost("a");
 *     Netns b = net.addHost("b");
 *     assertThat(a.ping(b.underlayAddress(), 3).allReplied()).isTrue();
 *   }
 * }
 * }</pre>
 *
 * <p>Outside JUnit: {@code try (InteropLab lab = InteropLab.create("demo")) { ... }}.
 */
public final class InteropLab implements AutoCloseable {
  /** System property: keep the temp directory (configs, certificates, logs) after close. */
  public static final String KEEP_FILES_PROPERTY = "nebula4j.interop.keepFiles";
  /** Prefix of lab temp directories: {@code n4j-interop-<pid>-...}. */
  static final String TEMP_PREFIX = "n4j-interop-";

  private final String label;
  private final Path tempDir;
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final List<GoNebula> goNodes = new ArrayList<>();
  private int counter;
  private boolean closed;

  private InteropLab(String label, Path tempDir) {
    this.label = label;
    this.tempDir = tempDir;
  }

  /**
   * Creates a lab; its temp directory is {@code $java.io.tmpdir/n4j-interop-<pid>-*}.
   *
   * @param label names the lab in messages (the test's display name)
   */
  public static InteropLab create(String label) {
    StaleSweeper.sweepOnce();
    try {
      Path dir = Files.createTempDirectory(TEMP_PREFIX + ResourceNames.ownPid() + "-");
      InteropLab lab = new InteropLab(Objects.requireNonNull(label, "label"), dir);
      GlobalTeardown.register(lab);
      return lab;
    } catch (IOException e) {
      throw new HarnessException("cannot create a temp directory: " + e.getMessage(), e);
    }
  }

  /** The lab's temp directory (configs, certificates, Go logs). */
  public Path tempDir() {
    return tempDir;
  }

  /** A new {@link Underlay} (switch namespace and bridge on a leased /27), closed with the lab. */
  public Underlay newUnderlay() {
    return manage(Underlay.create());
  }

  /**
   * A new dual-stack {@link Underlay}: like {@link #newUnderlay()}, plus IPv6 addresses in {@code
   * fd18:<k>::/64} on every host and the JVM link; closed with the lab.
   */
  public Underlay newDualStackUnderlay() {
    return manage(Underlay.createDualStack());
  }

  /** A new bare namespace (loopback only), closed with the lab. */
  public Netns newNamespace(String role) {
    return manage(Netns.create(role));
  }

  /** A CA made with {@code /usr/bin/nebula-cert ca -name caName} in the lab's temp directory. */
  public NebulaCertIssuer nebulaCertCa(String caName) {
    return NebulaCertIssuer.create(newDirectory("pki"), caName);
  }

  /**
   * A builder for a Go nebula node in {@code netns}; the node's files go to a directory of its own
   * in the lab's temp directory, and the lab stops it on close.
   */
  public GoNebula.Builder goNebula(String name, Netns netns) {
    return GoNebula.builder(name, netns, newDirectory(name)).ownedBy(this);
  }

  /**
   * A builder for an in-process nebula4j node bound to {@code link} (the Java side of a Java↔Go
   * test); the lab closes it.
   */
  public JavaNebula.Builder javaNebula(String name, JvmLink link) {
    return JavaNebula.builder(name, link).ownedBy(this);
  }

  /**
   * A builder for nebula4j's {@code bin/nebula} ({@link Nebula4jCli}) run in {@code netns} like a
   * Go node: same config file, log lines and lifecycle; the lab stops it. The config needs {@code
   * tun.disabled: true} (no kernel TUN device yet).
   */
  public GoNebula.Builder nebula4jCli(String name, Netns netns) {
    return goNebula(name, netns).command(Nebula4jCli.command(), Nebula4jCli.KIND);
  }

  /** A socat UDP echo server on {@code port} in {@code netns}, closed with the lab. */
  public UdpEchoServer udpEcho(Netns netns, int port) {
    return manage(UdpEchoServer.start(netns, port));
  }

  /** A socat TCP echo listener on {@code port} in {@code netns}, closed with the lab. */
  public TcpListener tcpListener(Netns netns, int port) {
    return manage(TcpListener.start(netns, port));
  }

  /**
   * Closes {@code resource} with the lab (before everything registered earlier).
   *
   * @return {@code resource}
   */
  public synchronized <T extends AutoCloseable> T manage(T resource) {
    Objects.requireNonNull(resource, "resource");
    if (closed) {
      try {
        resource.close();
      } catch (Exception e) {
        throw new HarnessException("closing " + resource + " failed: " + e, e);
      }
      throw new IllegalStateException("lab '" + label + "' is closed");
    }
    resources.push(resource);
    if (resource instanceof GoNebula n) {
      goNodes.add(n);
    }
    return resource;
  }

  /** The Go nodes built through this lab. */
  public synchronized List<GoNebula> goNodes() {
    return List.copyOf(goNodes);
  }

  /** A new empty directory in the temp directory, {@code <prefix>-<n>}. */
  public synchronized Path newDirectory(String prefix) {
    Path dir = tempDir.resolve(ResourceNames.fileName(prefix) + "-" + (++counter));
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new HarnessException("cannot create " + dir + ": " + e.getMessage(), e);
    }
  }

  /** What the lab holds and the last log lines of each Go node, for a failed test's report. */
  public synchronized String diagnostics() {
    StringBuilder sb = new StringBuilder();
    sb.append("interop lab '").append(label).append("' (").append(tempDir).append(")\n");
    for (AutoCloseable r : resources) {
      sb.append("  holds ").append(r).append('\n');
    }
    for (GoNebula n : goNodes) {
      sb.append("--- last log lines of ").append(n).append(" (full log: ").append(n.logFile())
          .append(")\n").append(n.tail(30));
    }
    return sb.toString();
  }

  /**
   * Closes every resource, newest first, then deletes the temp directory (unless {@code
   * -Dnebula4j.interop.keepFiles=true}). Idempotent.
   *
   * @throws HarnessException when a resource failed to close (after trying all of them)
   */
  @Override
  public void close() {
    List<AutoCloseable> toClose;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = new ArrayList<>(resources);
      resources.clear();
    }
    HarnessException failure = null;
    for (AutoCloseable r : toClose) {
      try {
        r.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new HarnessException("lab '" + label + "': closing " + r + " failed: " + e, e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (!Boolean.getBoolean(KEEP_FILES_PROPERTY)) {
      deleteTree(tempDir);
    }
    GlobalTeardown.unregister(this);
    if (failure != null) {
      throw failure;
    }
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
              Files.deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      System.err.println("nebula4j interop: cannot delete " + root + ": " + e);
    }
  }

  @Override
  public String toString() {
    return "interop lab '" + label + "'";
  }
}
