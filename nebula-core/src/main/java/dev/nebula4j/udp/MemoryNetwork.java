package dev.nebula4j.udp;

import dev.nebula4j.internal.udp.MemoryFabric;
import java.io.IOException;

/**
 * An in-process UDP fabric: an {@link UnderlayFactory} whose underlays deliver datagrams to each
 * other through memory, with optional random loss. For tests of nodes without sockets, and a
 * building block for a richer test kit.
 *
 * <pre>{@code
 * MemoryNetwork net = MemoryNetwork.builder().lossRate(0.01).seed(7).build();
 * Underlay a = net.bind(UnderlaySettings.builder().build());           // 198.18.0.1:49152
 * Underlay b = net.bind(UnderlaySettings.builder().port(4242).build()); // 198.18.0.2:4242
 * }</pre>
 *
 * <ul>
 *   <li>Addresses: an underlay bound to a specific address keeps it; one bound to a wildcard
 *       ({@code 0.0.0.0} or {@code ::}) gets the next free address of 198.18.0.0/15 (the
 *       benchmarking range, never routed) or of {@code fd18::/64}, so every underlay has a
 *       distinct source address. Port 0 picks a free port from 49152 up. Binding an address and
 *       port twice throws {@link java.net.BindException}. IPv4 underlays reach only IPv4 ones,
 *       IPv6 only IPv6.
 *   <li>Delivery: {@code send} copies the datagram into the receiver's bounded queue on the
 *       sender's thread; the receiver's own reader thread calls its handler, and {@code
 *       onBatchEnd} whenever the queue runs empty. A full queue drops ({@link #overflowed()}), a
 *       datagram to an address nobody bound is dropped ({@link #undeliverable()}), and each
 *       datagram is lost with probability {@link #lossRate()} ({@link #lost()}), drawn from one
 *       {@link java.util.Random} seeded by the builder.
 *   <li>Order is kept per sender and receiver. Datagrams above the receiver's {@code
 *       maxDatagramSize} are truncated, as a real socket would.
 * </ul>
 *
 * <p>Thread-safe. Closing an underlay frees its address.
 */
public final class MemoryNetwork implements UnderlayFactory {
  private final MemoryFabric fabric;

  private MemoryNetwork(Builder b) {
    this.fabric = new MemoryFabric(b.queueCapacity, b.seed, b.lossRate);
  }

  /** A lossless network with queues of 1024 datagrams. */
  public MemoryNetwork() {
    this(builder());
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Underlay bind(UnderlaySettings settings) throws IOException {
    return fabric.bind(settings);
  }

  /** The probability (0..1) that a datagram is silently lost. */
  public double lossRate() {
    return fabric.lossRate();
  }

  /** Changes the loss rate for datagrams sent from now on (1.0 = a partition). */
  public void setLossRate(double rate) {
    fabric.setLossRate(rate);
  }

  /** Datagrams queued at their receiver. */
  public long delivered() {
    return fabric.delivered();
  }

  /** Datagrams dropped by the loss rate. */
  public long lost() {
    return fabric.lost();
  }

  /** Datagrams sent to an address no underlay is bound to. */
  public long undeliverable() {
    return fabric.undeliverable();
  }

  /** Datagrams dropped because the receiver's queue was full. */
  public long overflowed() {
    return fabric.overflowed();
  }

  @Override
  public String toString() {
    return "MemoryNetwork{bound=" + fabric.boundCount() + ", lossRate=" + lossRate()
        + ", delivered=" + delivered() + ", lost=" + lost() + ", undeliverable="
        + undeliverable() + ", overflowed=" + overflowed() + "}";
  }

  /** Settings of a {@link MemoryNetwork}; setters validate. */
  public static final class Builder {
    private double lossRate;
    private long seed = 1;
    private int queueCapacity = 1024;

    private Builder() {}

    /** Probability 0..1 that a datagram is lost; default 0. */
    public Builder lossRate(double rate) {
      if (!(rate >= 0 && rate <= 1)) {
        throw new IllegalArgumentException("loss rate " + rate + " is not in 0..1");
      }
      this.lossRate = rate;
      return this;
    }

    /** Seed of the loss decisions; default 1. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Datagrams each underlay queues before dropping, 1..1048576; default 1024. */
    public Builder queueCapacity(int datagrams) {
      if (datagrams < 1 || datagrams > 1 << 20) {
        throw new IllegalArgumentException("queue capacity " + datagrams + " is not in 1..1048576");
      }
      this.queueCapacity = datagrams;
      return this;
    }

    public MemoryNetwork build() {
      return new MemoryNetwork(this);
    }
  }
}
