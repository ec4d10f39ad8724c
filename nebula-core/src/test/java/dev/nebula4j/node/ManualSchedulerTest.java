package dev.nebula4j.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ManualSchedulerTest {
  final ManualScheduler time = new ManualScheduler(Instant.parse("2030-01-01T00:00:00Z"));
  final List<String> log = new ArrayList<>();

  @Test
  void runsTasksInDeadlineOrderWithTheClockAtTheirDeadline() {
    time.schedule(() -> log.add("b@" + time.nanoTime()), 200, TimeUnit.MILLISECONDS);
    time.schedule(() -> log.add("a@" + time.nanoTime()), 100, TimeUnit.MILLISECONDS);
    time.schedule(() -> log.add("c@" + time.nanoTime()), 200, TimeUnit.MILLISECONDS);
    assertThat(time.advanceTimeBy(Duration.ofMillis(150))).isEqualTo(1);
    assertThat(log).containsExactly("a@100000000");
    assertThat(time.nanoTime()).isEqualTo(150_000_000);
    assertThat(time.now()).isEqualTo(Instant.parse("2030-01-01T00:00:00.150Z"));
    time.advanceTimeBy(Duration.ofMillis(50));
    assertThat(log).containsExactly("a@100000000", "b@200000000", "c@200000000");
  }

  @Test
  void tasksScheduledByTasksRunWhenTheyFallDueWithinTheAdvance() {
    time.schedule(() -> {
      log.add("first");
      time.schedule(() -> log.add("second@" + time.nanoTime() / 1_000_000), 30,
          TimeUnit.MILLISECONDS);
    }, 10, TimeUnit.MILLISECONDS);
    time.advanceTimeBy(Duration.ofMillis(40));
    assertThat(log).containsExactly("first", "second@40");
    assertThat(time.pendingTasks()).isZero();
  }

  @Test
  void cancelledTasksNeverRun() {
    Cancellable c = time.schedule(() -> log.add("x"), 1, TimeUnit.SECONDS);
    assertThat(time.nextTaskDelay()).contains(Duration.ofSeconds(1));
    c.cancel();
    assertThat(time.pendingTasks()).isZero();
    assertThat(time.nextTaskDelay()).isEmpty();
    time.advanceTimeBy(Duration.ofSeconds(2));
    assertThat(log).isEmpty();
  }

  @Test
  void dueTasksRunWithoutMovingTheClockAndFailuresPropagate() {
    time.schedule(() -> log.add("now"), 0, TimeUnit.SECONDS);
    assertThat(time.runDueTasks()).isEqualTo(1);
    assertThat(time.nanoTime()).isZero();
    time.schedule(() -> {
      throw new IllegalStateException("boom");
    }, 0, TimeUnit.SECONDS);
    assertThatThrownBy(time::runDueTasks).hasMessage("boom");
    assertThat(time.runDueTasks()).isZero();
    assertThatThrownBy(() -> time.advanceTimeBy(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
