package dev.nebula4j.node;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link NodeScheduler} and {@link NodeClock} whose time moves only when told to, for
 * deterministic tests of handshake retries, timeouts and liveness checks (in the spirit of Netty's
 * {@code EmbeddedEventLoop}). Nothing runs on its own: {@link #advanceTimeBy} moves the clock
 * forward step by step and runs every task that falls due, in deadline order (ties in scheduling
 * order), on the calling thread. Tasks a task schedules run in the same call if they fall due
 * before its end.
 *
 * <pre>{@code
 * ManualScheduler time = new ManualScheduler();
 * NebulaNode node = NebulaNode.builder(config).clock(time).scheduler(time).build();
 * node.start();
 * time.advanceTimeBy(Duration.ofMillis(100));   // the first handshake retry is sent now
 * }</pre>
 *
 * <p>The monotonic clock starts at 0; the wall clock starts at the {@link Instant} given to the
 * constructor (default: the real time at construction, so that freshly signed certificates are
 * valid) and moves with it. A task that throws propagates out of {@code advanceTimeBy} (it is not
 * run again), so a test sees the failure.
 *
 * <p>Thread-safe: tasks may be scheduled and cancelled from any thread; only the thread calling
 * {@code advanceTimeBy}/{@link #runDueTasks()} runs them.
 */
public final class ManualScheduler implements NodeScheduler, NodeClock {
  private final Instant wallStart;
  private final PriorityQueue<Task> queue = new PriorityQueue<>();
  private long now; // guarded by this
  private long sequence; // guarded by this

  /** A scheduler whose wall clock starts at the current real time. */
  public ManualScheduler() {
    this(Instant.now());
  }

  /** A scheduler whose wall clock starts at {@code wallStart}. */
  public ManualScheduler(Instant wallStart) {
    this.wallStart = Objects.requireNonNull(wallStart, "wallStart");
  }

  @Override
  public synchronized long nanoTime() {
    return now;
  }

  @Override
  public synchronized Instant now() {
    return wallStart.plusNanos(now);
  }

  @Override
  public Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
    Objects.requireNonNull(task, "task");
    long delayNanos = Math.max(0, unit.toNanos(delay));
    synchronized (this) {
      Task t = new Task(task, now + delayNanos, sequence++);
      queue.add(t);
      return t;
    }
  }

  /**
   * Moves time forward by {@code amount}, running each task when the clock reaches its deadline.
   *
   * @return the number of tasks run
   */
  public int advanceTimeBy(Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("time only moves forward: " + amount);
    }
    return advanceTimeBy(amount.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** {@link #advanceTimeBy(Duration)} with a unit. */
  public int advanceTimeBy(long amount, TimeUnit unit) {
    if (amount < 0) {
      throw new IllegalArgumentException("time only moves forward: " + amount + " " + unit);
    }
    long target;
    synchronized (this) {
      target = now + unit.toNanos(amount);
    }
    int ran = 0;
    while (true) {
      Task next;
      synchronized (this) {
        next = queue.peek();
        if (next == null || next.deadline > target) {
          now = Math.max(now, target);
          return ran;
        }
        queue.poll();
        now = Math.max(now, next.deadline);
      }
      if (next.claim()) {
        next.task.run();
        ran++;
      }
    }
  }

  /** Runs the tasks that are due now without moving the clock; returns how many ran. */
  public int runDueTasks() {
    return advanceTimeBy(0, TimeUnit.NANOSECONDS);
  }

  /** Number of tasks scheduled and not yet run or cancelled. */
  public synchronized int pendingTasks() {
    int n = 0;
    for (Task t : queue) {
      if (!t.cancelled) {
        n++;
      }
    }
    return n;
  }

  /** Time until the next task falls due, or empty when nothing is scheduled. */
  public synchronized Optional<Duration> nextTaskDelay() {
    long best = Long.MAX_VALUE;
    boolean any = false;
    for (Task t : queue) {
      if (!t.cancelled) {
        any = true;
        best = Math.min(best, t.deadline);
      }
    }
    return any ? Optional.of(Duration.ofNanos(Math.max(0, best - now))) : Optional.empty();
  }

  @Override
  public synchronized String toString() {
    return "ManualScheduler[now=" + Duration.ofNanos(now) + ", pending=" + pendingTasks() + "]";
  }

  private static final class Task implements Cancellable, Comparable<Task> {
    final Runnable task;
    final long deadline;
    final long seq;
    volatile boolean cancelled;
    private boolean started; // guarded by this

    Task(Runnable task, long deadline, long seq) {
      this.task = task;
      this.deadline = deadline;
      this.seq = seq;
    }

    synchronized boolean claim() {
      if (cancelled || started) {
        return false;
      }
      started = true;
      return true;
    }

    @Override
    public synchronized void cancel() {
      if (!started) {
        cancelled = true;
      }
    }

    @Override
    public int compareTo(Task o) {
      int c = Long.compare(deadline, o.deadline);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }
}
