package dev.nebula4j.interop.harness;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Last line of defence: every namespace, link and process the harness creates is registered here
 * until it is closed, and a JVM shutdown hook closes whatever is still open (a test run aborted
 * with Ctrl-C, {@code System.exit}, a forgotten {@code close()}). What a killed JVM leaves behind is
 * removed by {@link StaleSweeper} in the next run.
 */
final class GlobalTeardown {
  private static final Deque<AutoCloseable> OPEN = new ArrayDeque<>();
  private static boolean hookInstalled;
  private static boolean shuttingDown;

  private GlobalTeardown() {}

  static synchronized void register(AutoCloseable resource) {
    if (shuttingDown) {
      throw new HarnessException("the JVM is shutting down; not creating " + resource);
    }
    if (!hookInstalled) {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(GlobalTeardown::closeAll, "nebula4j-interop-teardown"));
      hookInstalled = true;
    }
    OPEN.push(resource);
  }

  static synchronized void unregister(AutoCloseable resource) {
    OPEN.remove(resource);
  }

  /** Closes every registered resource, newest first. */
  static void closeAll() {
    List<AutoCloseable> toClose;
    synchronized (GlobalTeardown.class) {
      shuttingDown = true;
      toClose = new ArrayList<>(OPEN);
      OPEN.clear();
    }
    for (AutoCloseable r : toClose) {
      try {
        r.close();
      } catch (Exception | Error e) {
        System.err.println("nebula4j interop teardown: closing " + r + " failed: " + e);
      }
    }
  }
}
