package dev.nebula4j.interop;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * A separate JVM for {@link NonRootSkipTest}: runs the JUnit Jupiter test classes named in its
 * arguments and prints one line per aborted or failed container/test and a summary line.
 */
public final class LauncherChild {
  private LauncherChild() {}

  public static void main(String[] args) throws Exception {
    LauncherDiscoveryRequestBuilder b = LauncherDiscoveryRequestBuilder.request();
    List<org.junit.platform.engine.DiscoverySelector> selectors = new ArrayList<>();
    for (String name : args) {
      selectors.add(selectClass(Class.forName(name)));
    }
    LauncherDiscoveryRequest request =
        b.selectors(selectors).filters(EngineFilter.includeEngines("junit-jupiter")).build();
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    TestExecutionListener printer =
        new TestExecutionListener() {
          @Override
          public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
              System.out.println(
                  result.getStatus() + " " + id.getDisplayName() + ": "
                      + result.getThrowable().map(Throwable::getMessage).orElse(""));
            }
          }
        };
    LauncherFactory.create().execute(request, summary, printer);
    TestExecutionSummary s = summary.getSummary();
    System.out.println(
        "SUMMARY found=" + s.getTestsFoundCount() + " started=" + s.getTestsStartedCount()
            + " failed=" + s.getTestsFailedCount() + " aborted=" + s.getTestsAbortedCount()
            + " containersFailed=" + s.getContainersFailedCount()
            + " containersAborted=" + s.getContainersAbortedCount());
    System.out.flush();
  }
}
