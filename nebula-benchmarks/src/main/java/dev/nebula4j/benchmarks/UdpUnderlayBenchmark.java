package dev.nebula4j.benchmarks;

import dev.nebula4j.net.IpNetwork;
import dev.nebula4j.udp.Underlay;
import dev.nebula4j.udp.UnderlayFactory;
import dev.nebula4j.udp.UnderlaySettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The default UDP underlay ({@code DatagramChannel}) on 127.0.0.1 with 1300-byte datagrams: the
 * shape of a nebula data packet (1268-byte inner packet + 32 bytes of header and tag).
 *
 * <ul>
 *   <li>{@code sendOnly}: one sender thread, the receiver's reader counts; the kernel may drop
 *       what the reader cannot keep up with, so this is the send-side cost.
 *   <li>{@code pacedStream}: the sender keeps at most {@code window} datagrams in flight, so each
 *       operation is one datagram delivered to the receiver's handler: the loss-free rate.
 *   <li>{@code roundTrip}: the receiver echoes each datagram; one operation is a send and the
 *       wait for the echo (two syscalls and two thread wake-ups per side).
 * </ul>
 *
 * <p>Run with {@code -prof gc}: JMH sums allocation over all threads, so {@code
 * gc.alloc.rate.norm} includes the reader threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class UdpUnderlayBenchmark {
  private static final InetAddress LOOPBACK = IpNetwork.parseAddress("127.0.0.1");

  @Param({"1300"})
  public int size;

  @Param({"64"})
  public int window;

  private DatagramChannel plain;
  private Underlay sender;
  private Underlay receiver;
  private Underlay echoer;
  private Underlay pinger;
  private InetSocketAddress receiverAddress;
  private InetSocketAddress echoerAddress;
  private byte[] datagram;
  private long sent;
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong echoed = new AtomicLong();

  @Setup(Level.Trial)
  public void bind() throws IOException {
    UnderlayFactory factory = UnderlayFactory.datagramChannel();
    UnderlaySettings settings = UnderlaySettings.builder().host(LOOPBACK)
        .receiveBufferSize(4 << 20).sendBufferSize(4 << 20).build();
    sender = factory.bind(settings);
    receiver = factory.bind(settings);
    echoer = factory.bind(settings);
    pinger = factory.bind(settings);
    receiverAddress = receiver.localAddress();
    echoerAddress = echoer.localAddress();
    datagram = new byte[size];
    plain = DatagramChannel.open(StandardProtocolFamily.INET);
    plain.bind(new InetSocketAddress(LOOPBACK, 0));
    sender.start((buf, off, len, source) -> { });
    receiver.start((buf, off, len, source) -> received.lazySet(received.get() + 1));
    echoer.start((buf, off, len, source) -> {
      try {
        echoer.send(buf, off, len, source);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    pinger.start((buf, off, len, source) -> echoed.lazySet(echoed.get() + 1));
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    plain.close();
    sender.close();
    receiver.close();
    echoer.close();
    pinger.close();
  }

  @Benchmark
  public void sendOnly() throws IOException {
    sender.send(datagram, 0, datagram.length, receiverAddress);
  }

  /**
   * Baseline for {@code sendOnly}: a plain {@code DatagramChannel.send(ByteBuffer.wrap(...))},
   * what the underlay avoids with its per-thread direct buffer.
   */
  @Benchmark
  public void sendOnlyPlainChannelWrap() throws IOException {
    plain.send(ByteBuffer.wrap(datagram, 0, datagram.length), receiverAddress);
  }

  /** Datagrams the kernel dropped during {@code pacedStream} (expected: 0). */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Losses {
    public long lost;
  }

  @Benchmark
  public void pacedStream(Losses losses) throws IOException {
    long limit = ++sent - window;
    if (received.get() < limit) {
      long deadline = System.nanoTime() + 50_000_000L;
      while (received.get() < limit) {
        if (System.nanoTime() > deadline) {
          // no progress for 50 ms: datagrams were lost; count them and carry on
          long got = received.get();
          losses.lost += sent - 1 - got;
          sent = got + 1;
          break;
        }
        Thread.onSpinWait();
      }
    }
    sender.send(datagram, 0, datagram.length, receiverAddress);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public void roundTrip() throws IOException {
    long before = echoed.get();
    pinger.send(datagram, 0, datagram.length, echoerAddress);
    while (echoed.get() == before) {
      Thread.onSpinWait();
    }
  }

  @TearDown(Level.Iteration)
  public void resync() {
    // pacedStream: forget datagrams the kernel dropped during sendOnly or at iteration edges
    sent = received.get();
  }
}
