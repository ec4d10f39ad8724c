package dev.nebula4j.node;

import java.util.concurrent.TimeUnit;

/**
 * Runs a node's timed work: handshake retries (spec §3.5), liveness checks (§8.1), the coarse
 * clock of the firewall and conntrack sweeps. A node uses one scheduler, usually with one thread;
 * no task blocks or runs long, so one thread serves any number of tunnels.
 *
 * <p>The default ({@link #newSingleThread(String)}) is owned by the node and shut down by {@code
 * NebulaNode.close()}. A scheduler passed to {@code NebulaNode.Builder#scheduler} stays the
 * caller's: the node cancels its own tasks on close but never shuts the scheduler down. {@link
 * ManualScheduler} runs tasks only when a test advances time.
 *
 * <p>Implementations must be thread-safe: tasks are scheduled from packet threads too.
 */
public interface NodeScheduler {

  /**
   * Runs {@code task} once, after {@code delay}. A task that throws is logged and otherwise
   * ignored by the default implementation.
   *
   * @return a handle to cancel the task
   */
  Cancellable schedule(Runnable task, long delay, TimeUnit unit);

  /**
   * A scheduler with one daemon thread named {@code threadName}, started lazily and stopped by
   * {@link #shutdown()}.
   */
  static NodeScheduler newSingleThread(String threadName) {
    return new dev.nebula4j.internal.node.ExecutorNodeScheduler(threadName);
  }

  /**
   * Stops running tasks and releases the scheduler's threads; tasks not yet run are dropped. A
   * no-op for schedulers without threads. Idempotent. A node calls it only on a scheduler it
   * created itself.
   */
  default void shutdown() {}
}
