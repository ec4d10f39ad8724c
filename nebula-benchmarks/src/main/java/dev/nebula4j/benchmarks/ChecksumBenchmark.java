package dev.nebula4j.benchmarks;

import dev.nebula4j.internal.packet.InternetChecksum;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Internet checksum over a 1300-byte packet (what a reject or ICMP echo reply costs). */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ChecksumBenchmark {
  private final byte[] packet = new byte[1300];

  @Setup
  public void fill() {
    ThreadLocalRandom.current().nextBytes(packet);
  }

  @Benchmark
  public int checksum1300() {
    return InternetChecksum.compute(packet, 0, packet.length);
  }
}
