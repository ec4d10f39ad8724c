package dev.nebula4j.benchmarks;

import dev.nebula4j.internal.packet.IcmpEcho;
import dev.nebula4j.internal.packet.IcmpEchoResponder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Answering an ICMP echo request (what a {@code tun.disabled} node and {@code UserspaceDevice} do
 * per ping): validate both checksums, build the reply with fresh checksums.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class IcmpEchoResponderBenchmark {
  private static final int LOCAL = 0x0A0A0A01;

  /** Total IP packet length: ping's default (84) and a full 1300-byte MTU. */
  @Param({"84", "1300"})
  public int packetLength;

  private byte[] request;
  private final byte[] reply = new byte[1300];

  @Setup
  public void build() {
    request = new byte[packetLength];
    int data = packetLength - IcmpEcho.IPV4_OVERHEAD;
    for (int i = 0; i < data; i++) {
      request[IcmpEcho.IPV4_OVERHEAD + i] = (byte) i;
    }
    IcmpEcho.writeIpv4(request, 0, IcmpEcho.TYPE_ECHO_REQUEST, 0x0A0A0A03, LOCAL, 1, 1, 1, data);
  }

  @Benchmark
  public int reply() {
    return IcmpEchoResponder.reply(request, 0, request.length, LOCAL, reply, 0);
  }
}
