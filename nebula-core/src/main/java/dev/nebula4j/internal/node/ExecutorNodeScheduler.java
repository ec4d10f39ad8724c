package dev.nebula4j.internal.node;

import dev.nebula4j.internal.device.WorkerThreads;
import dev.nebula4j.node.Cancellable;
import dev.nebula4j.node.NodeScheduler;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link NodeScheduler}: one daemon thread of a {@link ScheduledThreadPoolExecutor}.
 * Cancelled tasks leave the queue at once; a task that throws is logged and does not stop the
 * thread; {@link #shutdown()} drops queued tasks and waits (briefly) for the thread to end so that
 * a closed node leaves no thread behind.
 */
public final class ExecutorNodeScheduler implements NodeScheduler {
  private static final Logger log = LoggerFactory.getLogger(ExecutorNodeScheduler.class);
  private static final Cancellable NOOP = () -> {};

  private final String threadName;
  private final ScheduledThreadPoolExecutor executor;
  private volatile Thread worker; // the executor's one thread, once started

  public ExecutorNodeScheduler(String threadName) {
    this.threadName = Objects.requireNonNull(threadName, "threadName");
    this.executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      worker = t;
      return t;
    });
    executor.setRemoveOnCancelPolicy(true);
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
  }

  @Override
  public Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
    Objects.requireNonNull(task, "task");
    try {
      ScheduledFuture<?> f = executor.schedule(() -> runGuarded(task), delay, unit);
      return () -> f.cancel(false);
    } catch (RejectedExecutionException e) {
      return NOOP; // shut down: the node is closing and drops its timers anyway
    }
  }

  private static void runGuarded(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException | Error e) {
      log.error("scheduled task {} failed", task, e);
    }
  }

  @Override
  public void shutdown() {
    executor.shutdownNow();
    if (Thread.currentThread().getName().equals(threadName)) {
      return; // shut down from our own task: the thread ends when the task returns
    }
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("scheduler thread {} did not stop within 5 s", threadName);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // the executor counts as terminated a moment before its thread has ended: wait for the thread
    WorkerThreads.awaitExit(worker, log);
  }

  @Override
  public String toString() {
    return "ExecutorNodeScheduler[" + threadName + (executor.isShutdown() ? ", shut down]" : "]");
  }
}
