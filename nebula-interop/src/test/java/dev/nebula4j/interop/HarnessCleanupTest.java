package dev.nebula4j.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.nebula4j.interop.harness.InteropLab;
import dev.nebula4j.interop.harness.InteropTest;
import dev.nebula4j.interop.harness.JvmLink;
import dev.nebula4j.interop.harness.Netns;
import dev.nebula4j.interop.harness.ProcessStatus;
import dev.nebula4j.interop.harness.StaleSweeper;
import dev.nebula4j.interop.harness.TcpListener;
import dev.nebula4j.interop.harness.TutorialMesh;
import dev.nebula4j.interop.harness.Underlay;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The harness leaves nothing behind: not after a failing test (run here through the JUnit
 * platform launcher), not after a failing class, not when the JVM exits without closing anything,
 * and not (after a sweep) when the JVM is killed.
 */
@InteropTest
class HarnessCleanupTest {
  private static volatile boolean launching;

  /** Enables the fixtures below only while this test runs them. */
  static boolean launchedByHarnessCleanupTest() {
    return launching;
  }

  /** What a fixture created, as names and pids that outlive its objects. */
  static final class Created {
    final List<String> namespaces = new CopyOnWriteArrayList<>();
    final List<String> links = new CopyOnWriteArrayList<>();
    final List<Long> pids = new CopyOnWriteArrayList<>();
    final List<Path> dirs = new CopyOnWriteArrayList<>();

    void clear() {
      namespaces.clear();
      links.clear();
      pids.clear();
      dirs.clear();
    }

    void record(InteropLab lab, Underlay net) {
      dirs.add(lab.tempDir());
      namespaces.add(net.switchNamespace().name());
      for (Netns h : net.hosts()) {
        namespaces.add(h.name());
      }
    }
  }

  static final Created METHOD_FIXTURE = new Created();
  static final Created CLASS_FIXTURE = new Created();
  /** Namespaces of the first fixture test that still existed when the second one started. */
  static final List<String> SURVIVORS_SEEN_BY_SECOND_TEST = new CopyOnWriteArrayList<>();

  @InteropTest
  @EnabledIf("dev.nebula4j.interop.HarnessCleanupTest#launchedByHarnessCleanupTest")
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class FailingMethodFixture {
    @Test
    @Order(1)
    void failsWithAMeshRunning(InteropLab lab) {
      TutorialMesh mesh = TutorialMesh.start(lab);
      METHOD_FIXTURE.record(lab, mesh.underlay());
      METHOD_FIXTURE.links.add(mesh.underlay().attachJvm().interfaceName());
      METHOD_FIXTURE.pids.add(mesh.lighthouse().pid());
      METHOD_FIXTURE.pids.add(mesh.node2().pid());
      METHOD_FIXTURE.pids.add(mesh.node3().pid());
      METHOD_FIXTURE.pids.add(lab.tcpListener(mesh.node3().netns(), 5432).pid());
      throw new AssertionError("deliberate failure with three Go nodes running");
    }

    @Test
    @Order(2)
    void runsAfterTheFailure() {
      for (String ns : METHOD_FIXTURE.namespaces) {
        if (StaleSweeper.listNamespaces().contains(ns)) {
          SURVIVORS_SEEN_BY_SECOND_TEST.add(ns);
        }
      }
    }
  }

  @InteropTest
  @EnabledIf("dev.nebula4j.interop.HarnessCleanupTest#launchedByHarnessCleanupTest")
  static class FailingClassFixture {
    @BeforeAll
    static void classWideUnderlay(InteropLab lab) {
      Underlay net = lab.newUnderlay();
      Netns host = net.addHost("class-wide host");
      JvmLink link = net.attachJvm();
      TcpListener listener = lab.tcpListener(host, 8008);
      CLASS_FIXTURE.record(lab, net);
      CLASS_FIXTURE.links.add(link.interfaceName());
      CLASS_FIXTURE.pids.add(listener.pid());
    }

    @Test
    void failsUsingTheClassWideLab(InteropLab lab) {
      Underlay extra = lab.newUnderlay();
      extra.addHost("extra");
      CLASS_FIXTURE.record(lab, extra);
      throw new IllegalStateException("deliberate error in a class with a class-wide lab");
    }
  }

  @Test
  void failingTestLeavesNoNamespaceLinkProcessOrDirectory() {
    METHOD_FIXTURE.clear();
    SURVIVORS_SEEN_BY_SECOND_TEST.clear();

    Launched run = launch(FailingMethodFixture.class);
    TestExecutionSummary summary = run.summary();

    assertThat(summary.getTestsFailedCount()).isEqualTo(1);
    assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
    assertThat(summary.getFailures().get(0).getException()).hasMessageContaining("deliberate failure");
    // the mesh existed: 1 switch + 3 hosts, a link, 3 Go nodes and socat
    assertThat(METHOD_FIXTURE.namespaces).hasSize(4);
    assertThat(METHOD_FIXTURE.pids).hasSize(4);
    // gone right after the failed test, before the next test of the class started
    assertThat(SURVIVORS_SEEN_BY_SECOND_TEST).isEmpty();
    assertNothingLeft(METHOD_FIXTURE);
    // the failed test's report carries the Go nodes' last log lines
    assertThat(run.stderr())
        .contains("failsWithAMeshRunning(InteropLab) failed")
        .contains("last log lines of Go nebula 'node3'")
        .contains("msg=\"Nebula interface is active\"");
  }

  @Test
  void failingClassWithClassWideLabLeavesNothing() {
    CLASS_FIXTURE.clear();

    TestExecutionSummary summary = launch(FailingClassFixture.class).summary();

    assertThat(summary.getTestsFailedCount()).isEqualTo(1);
    assertThat(CLASS_FIXTURE.namespaces).hasSize(4);
    // the test method got the class-wide lab: one temp directory for both
    assertThat(CLASS_FIXTURE.dirs).hasSize(2).containsOnly(CLASS_FIXTURE.dirs.get(0));
    assertNothingLeft(CLASS_FIXTURE);
  }

  @Test
  void jvmExitingWithoutClosingIsCleanedUpByTheShutdownHook(@TempDir Path dir) throws Exception {
    Child child = startChild("exit", dir);
    Created created = readChildOutput(child);
    assertThat(child.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(child.process().exitValue()).as(Files.readString(child.stderr())).isZero();
    assertThat(created.namespaces).hasSize(2);
    assertNothingLeft(created);
  }

  @Test
  void killedJvmLeavesLeftoversThatTheSweeperRemoves(@TempDir Path dir) throws Exception {
    Child child = startChild("hang", dir);
    Created created = readChildOutput(child);
    child.process().destroyForcibly();
    assertThat(child.process().waitFor(30, TimeUnit.SECONDS)).isTrue();

    // SIGKILL runs no hook: everything is still there (the Go node keeps running in its namespace)
    assertThat(StaleSweeper.listNamespaces()).containsAll(created.namespaces);
    assertThat(created.pids).allMatch(ProcessStatus::isRunning);

    StaleSweeper.Report report = StaleSweeper.sweep();

    assertThat(report.namespaces()).containsAll(created.namespaces);
    assertNothingLeft(created);
  }

  /** A fixture run: JUnit's summary and what the fixture printed to stderr. */
  record Launched(TestExecutionSummary summary, String stderr) {}

  private static Launched launch(Class<?> fixture) {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(fixture))
            .filters(EngineFilter.includeEngines("junit-jupiter"))
            .build();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream originalErr = System.err;
    launching = true;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      LauncherFactory.create().execute(request, listener);
    } finally {
      System.setErr(originalErr);
      launching = false;
    }
    return new Launched(listener.getSummary(), err.toString(StandardCharsets.UTF_8));
  }

  /** A child JVM and the file collecting its stderr. */
  record Child(Process process, Path stderr) {}

  private static Child startChild(String mode, Path dir) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java, "-cp", System.getProperty("java.class.path"), CleanupChild.class.getName(), mode);
    Path err = dir.resolve("child-" + mode + ".err");
    pb.redirectError(err.toFile());
    return new Child(pb.start(), err);
  }

  private static Created readChildOutput(Child ch) throws IOException {
    Process child = ch.process();
    Created c = new Created();
    List<String> lines = new ArrayList<>();
    BufferedReader r =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = r.readLine()) != null && !line.equals("READY")) {
      lines.add(line);
      String value = line.substring(line.indexOf(' ') + 1);
      if (line.startsWith("NS ")) {
        c.namespaces.add(value);
      } else if (line.startsWith("LINK ")) {
        c.links.add(value);
      } else if (line.startsWith("PID ")) {
        c.pids.add(Long.parseLong(value));
      } else if (line.startsWith("DIR ")) {
        c.dirs.add(Path.of(value));
      }
    }
    assertThat(line)
        .as("child output: %s, stderr: %s", lines, Files.readString(ch.stderr()))
        .isEqualTo("READY");
    assertThat(c.pids).hasSize(2);
    assertThat(c.links).hasSize(1);
    return c;
  }

  private static void assertNothingLeft(Created c) {
    // veths of a deleted namespace disappear asynchronously in the kernel: allow a moment
    awaitTrue(() -> StaleSweeper.listRootLinks().stream().noneMatch(c.links::contains));
    assertThat(StaleSweeper.listNamespaces()).doesNotContainAnyElementsOf(c.namespaces);
    assertThat(StaleSweeper.listRootLinks()).doesNotContainAnyElementsOf(c.links);
    assertThat(c.pids).noneMatch(ProcessStatus::isRunning);
    assertThat(c.dirs).noneMatch(Files::exists);
  }

  private static void awaitTrue(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() - deadline < 0) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
