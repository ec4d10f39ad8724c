package dev.nebula4j.interop.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * An append-only record that tests wait on: a {@link GoNebula}'s log lines, a {@link JavaNebula}'s
 * events, a {@link SocatServer}'s output. One thread appends, any thread waits for an entry whose
 * text matches a pattern at or after an index (a mark), and failure messages show the {@linkplain
 * #tail recent entries}. Thread-safe; waiters wake on every {@link #add} and on {@link #wakeAll()}.
 *
 * @param <T> the entry type
 */
final class AwaitableLog<T> {
  /** How often a waiter re-checks its {@code ended} condition without being woken. */
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final Object owner;
  private final List<T> entries = new ArrayList<>();
  private final Function<T, String> text;

  /** A log of {@code owner} (named in messages) whose entries match on {@code text(entry)}. */
  AwaitableLog(Object owner, Function<T, String> text) {
    this.owner = owner;
    this.text = text;
  }

  /** Appends {@code entry} and wakes the waiters. */
  synchronized void add(T entry) {
    entries.add(entry);
    notifyAll();
  }

  /** Wakes the waiters so they re-check their {@code ended} condition (the writer stopped). */
  synchronized void wakeAll() {
    notifyAll();
  }

  /** The number of entries so far: the index the next entry gets. */
  synchronized int size() {
    return entries.size();
  }

  /** A copy of the entries from index {@code from} on. */
  synchronized List<T> entriesFrom(int from) {
    return List.copyOf(entries.subList(from, entries.size()));
  }

  /** Whether an entry at or after {@code from} matches {@code pattern} ({@code find}). */
  synchronized boolean contains(int from, Pattern pattern) {
    for (int i = from; i < entries.size(); i++) {
      if (matches(i, pattern)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Waits for the first entry at or after {@code from} whose text matches {@code pattern}
   * ({@code find}).
   *
   * @param ended checked (under this log's lock, so it must not take other locks) whenever no
   *     entry matched: true ends the wait early, the writer will add nothing more
   * @return the entry, or empty when {@code timeout} passed or {@code ended} said so first
   */
  synchronized Optional<T> await(
      int from, Pattern pattern, Duration timeout, BooleanSupplier ended) {
    return await(from, pattern, 1, timeout, ended);
  }

  /** Like {@link #await(int, Pattern, Duration, BooleanSupplier)}, for the {@code nth} match. */
  synchronized Optional<T> await(
      int from, Pattern pattern, int nth, Duration timeout, BooleanSupplier ended) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int next = from;
    int seen = 0;
    while (true) {
      for (; next < entries.size(); next++) {
        if (matches(next, pattern) && ++seen == nth) {
          return Optional.of(entries.get(next));
        }
      }
      long left = deadline - System.nanoTime();
      if (ended.getAsBoolean() || left <= 0) {
        return Optional.empty();
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, POLL_NANOS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new HarnessException("interrupted while waiting for " + owner, e);
      }
    }
  }

  /** The last {@code n} entries' text, each indented and on its own line, for failure messages. */
  synchronized String tail(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = Math.max(0, entries.size() - n); i < entries.size(); i++) {
      sb.append("  ").append(text.apply(entries.get(i))).append('\n');
    }
    return sb.toString();
  }

  private boolean matches(int index, Pattern pattern) {
    return pattern.matcher(text.apply(entries.get(index))).find();
  }
}
