package dev.nebula4j.node;

/** A task scheduled with a {@link NodeScheduler} that can still be called off. */
@FunctionalInterface
public interface Cancellable {

  /**
   * Prevents the task from running if it has not started yet. Idempotent; cancelling a task that
   * already ran or is running has no effect.
   */
  void cancel();
}
