package dev.nebula4j.internal.header;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ReplayWindowTest {

  @Test
  void freshWindowAcceptsAnyCounterOnce() {
    ReplayWindow w = new ReplayWindow();
    assertThat(w.check(1)).isTrue();
    assertThat(w.update(1)).isTrue();
    assertThat(w.check(1)).isFalse();
    assertThat(w.update(1)).isFalse();
    assertThat(w.current()).isEqualTo(1);
    assertThat(w.duplicates()).isEqualTo(2);
  }

  @Test
  void nebulaTunnelStartMarksHandshakeCountersThenDataFromThree() {
    ReplayWindow w = new ReplayWindow();
    assertThat(w.update(1)).isTrue();
    assertThat(w.update(2)).isTrue();
    assertThat(w.check(1)).isFalse();
    assertThat(w.check(2)).isFalse();
    assertThat(w.check(3)).isTrue();
    assertThat(w.update(3)).isTrue();
    assertThat(w.lost()).isZero();
  }

  @Test
  void counterZeroIsAcceptedOnceDuringWarmUpOnly() {
    ReplayWindow w = new ReplayWindow();
    w.update(5);
    assertThat(w.check(0)).isTrue();
    assertThat(w.update(0)).isTrue();
    assertThat(w.check(0)).isFalse();

    ReplayWindow late = new ReplayWindow();
    late.update(2000);
    assertThat(late.check(0)).isFalse();
    assertThat(late.tooOld()).isEqualTo(1);
  }

  @Test
  void outOfOrderWithinWindowIsAcceptedOnce() {
    ReplayWindow w = new ReplayWindow();
    w.update(10);
    for (long c = 1; c < 10; c++) {
      assertThat(w.check(c)).as("counter %d", c).isTrue();
    }
    assertThat(w.update(7)).isTrue();
    assertThat(w.update(7)).isFalse();
    assertThat(w.check(7)).isFalse();
    assertThat(w.current()).isEqualTo(10);
  }

  @Test
  void windowEdgesAfterWarmUp() {
    ReplayWindow w = new ReplayWindow();
    w.update(5000);
    // window is 3977..5000
    assertThat(w.check(5000 - 1023)).isTrue();
    assertThat(w.check(5000 - 1024)).isFalse();
    assertThat(w.update(5000 - 1024)).isFalse();
    assertThat(w.update(5000 - 1023)).isTrue();
    assertThat(w.tooOld()).isEqualTo(2);
  }

  @Test
  void warmUpWindowCoversEverythingBelowCurrent() {
    ReplayWindow w = new ReplayWindow();
    w.update(1023);
    assertThat(w.check(0)).isTrue();
    assertThat(w.check(1)).isTrue();
    w.update(1024);
    // now 1..1024: counter 0 has left the window
    assertThat(w.check(0)).isFalse();
    assertThat(w.check(1)).isTrue();
  }

  @Test
  void sequentialTrafficLosesNothing() {
    ReplayWindow w = new ReplayWindow();
    for (long c = 1; c <= 10_000; c++) {
      assertThat(w.update(c)).isTrue();
    }
    assertThat(w.lost()).isZero();
    assertThat(w.duplicates()).isZero();
  }

  @Test
  void skippedCountersAreLostOnlyWhenTheyLeaveTheWindow() {
    ReplayWindow w = new ReplayWindow();
    w.update(1);
    w.update(3); // 2 skipped, still in window
    assertThat(w.lost()).isZero();
    assertThat(w.update(2)).isTrue(); // arrives late: not lost
    w.update(10); // 4..9 skipped
    for (long c = 11; c <= 1033; c++) {
      w.update(c);
    }
    // window is now 10..1033: 4..9 left unseen
    assertThat(w.lost()).isEqualTo(6);
  }

  @Test
  void bigJumpCountsSkippedAndUnseenCounters() {
    ReplayWindow w = new ReplayWindow();
    w.update(1);
    w.update(2);
    w.update(4);
    // window 0..4 holds 1, 2, 4; counter 3 unseen
    w.update(100_000);
    // lost: 3, plus 5..(100000-1024) skipped entirely
    assertThat(w.lost()).isEqualTo(1 + (100_000 - 1024 - 4));
    assertThat(w.check(100_000 - 1023)).isTrue();
    assertThat(w.check(100_000 - 1024)).isFalse();
  }

  @Test
  void unsignedCountersNearTheTop() {
    ReplayWindow w = new ReplayWindow();
    long big = 0xFFFF_FFFF_FFFF_FF00L; // negative as a signed long
    assertThat(w.check(big)).isTrue();
    assertThat(w.update(big)).isTrue();
    assertThat(w.check(big + 1)).isTrue();
    assertThat(w.check(5)).isFalse(); // far below in unsigned order
    assertThat(w.check(big - 1)).isTrue();
    assertThat(w.update(big - 1)).isTrue();
    assertThat(w.update(-1L)).isTrue(); // 2^64 - 1
    assertThat(w.current()).isEqualTo(-1L);
    assertThat(w.check(big)).isFalse();
    assertThat(w.check(-1L - 1023)).isTrue();
    assertThat(w.check(-1L - 1024)).isFalse();
  }

  @Test
  void concurrentUpdatersRecordEachCounterExactlyOnce() throws Exception {
    ReplayWindow w = new ReplayWindow();
    int threads = 4;
    int counters = 20_000;
    AtomicIntegerArray accepted = new AtomicIntegerArray(counters + 1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          start.await();
          for (int c = 1; c <= counters; c++) {
            if (w.check(c) && w.update(c)) {
              accepted.incrementAndGet(c);
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    for (int c = 1; c <= counters; c++) {
      assertThat(accepted.get(c)).as("counter %d", c).isEqualTo(1);
    }
    assertThat(w.lost()).isZero();
  }

  @Property(tries = 300)
  void neverAcceptsADuplicate(@ForAll("counterSequences") List<Long> counters) {
    ReplayWindow w = new ReplayWindow();
    Set<Long> accepted = new HashSet<>();
    for (long c : counters) {
      boolean checked = w.check(c);
      boolean updated = checked && w.update(c);
      if (accepted.contains(c)) {
        assertThat(checked).as("check of duplicate %d", c).isFalse();
        assertThat(w.update(c)).as("update of duplicate %d", c).isFalse();
      }
      if (updated) {
        assertThat(accepted.add(c)).isTrue();
      }
    }
  }

  /**
   * Compares every answer with a direct model: accepted = set of recorded counters, current = their
   * maximum; a counter is acceptable iff above current, or in the window and not recorded; lost =
   * counters ≥ 1 below the window never recorded.
   */
  @Property(tries = 300)
  void behavesLikeTheModel(@ForAll("counterSequences") List<Long> counters) {
    ReplayWindow w = new ReplayWindow();
    Set<Long> accepted = new HashSet<>();
    long current = 0;
    for (long c : counters) {
      boolean inWindow = current < ReplayWindow.SIZE || c > current - ReplayWindow.SIZE;
      boolean acceptable = c > current || (inWindow && !accepted.contains(c));
      assertThat(w.check(c)).as("check(%d) at current %d", c, current).isEqualTo(acceptable);
      assertThat(w.update(c)).as("update(%d) at current %d", c, current).isEqualTo(acceptable);
      if (acceptable) {
        accepted.add(c);
        current = Math.max(current, c);
      }
      assertThat(w.current()).isEqualTo(current);
      long windowLow = current < ReplayWindow.SIZE ? 0 : current - ReplayWindow.SIZE + 1;
      long recordedBelow = accepted.stream().filter(x -> x >= 1 && x < windowLow).count();
      long expectedLost = Math.max(0, windowLow - 1) - recordedBelow;
      assertThat(w.lost()).as("lost at current %d", current).isEqualTo(expectedLost);
    }
  }

  @Property(tries = 300)
  void acceptsEveryUnseenCounterInTheWindow(
      @ForAll("counterSequences") List<Long> history,
      @ForAll @LongRange(min = 0, max = ReplayWindow.SIZE - 1) long back) {
    ReplayWindow w = new ReplayWindow();
    Set<Long> accepted = new HashSet<>();
    for (long c : history) {
      if (w.check(c) && w.update(c)) {
        accepted.add(c);
      }
    }
    long candidate = w.current() - back;
    if (candidate >= 0 && !accepted.contains(candidate)) {
      assertThat(w.check(candidate)).isTrue();
      assertThat(w.update(candidate)).isTrue();
      assertThat(w.check(candidate)).isFalse();
    }
  }

  /** Mostly-increasing sequences with reordering, duplicates and occasional large jumps. */
  @Provide
  Arbitrary<List<Long>> counterSequences() {
    Arbitrary<Long> step =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(30, Arbitraries.longs().between(1, 3)),
            net.jqwik.api.Tuple.of(10, Arbitraries.longs().between(-40, 0)),
            net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(-1500, -900)),
            net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(900, 1500)),
            net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(2000, 50_000)));
    return Combinators.combine(Arbitraries.longs().between(0, 3000), step.list().ofMaxSize(400))
        .as((start, steps) -> {
          List<Long> out = new ArrayList<>();
          long c = start;
          for (long s : steps) {
            c = Math.max(0, c + s);
            out.add(c);
          }
          return out;
        });
  }
}
