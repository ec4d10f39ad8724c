package dev.nebula4j.benchmarks;

import dev.nebula4j.internal.header.ReplayWindow;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The replay window's per-packet cost: {@code check} before and {@code update} after decryption
 * of in-order packets (uncontended lock), and of packets reordered in pairs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReplayWindowBenchmark {
  private final ReplayWindow window = new ReplayWindow();
  private long counter = 3;

  @Benchmark
  public boolean inOrder() {
    long c = counter++;
    return window.check(c) && window.update(c);
  }

  @Benchmark
  public boolean swappedPairs() {
    long c = counter++;
    long actual = (c & 1) == 0 ? c + 1 : c - 1;
    return window.check(actual) && window.update(actual);
  }
}
