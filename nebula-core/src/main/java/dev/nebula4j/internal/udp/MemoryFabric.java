package dev.nebula4j.internal.udp;

import dev.nebula4j.udp.UnderlaySettings;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The shared state behind {@code dev.nebula4j.udp.MemoryNetwork}: who is bound where, the loss
 * dice and the counters. Delivery runs on the sender's thread and allocates nothing.
 */
public final class MemoryFabric {
  private static final int BENCHMARK_NET = 0xC6120000; // 198.18.0.0/15

  private final ConcurrentHashMap<InetSocketAddress, MemoryUnderlay> bound =
      new ConcurrentHashMap<>();
  private final int queueCapacity;
  private final Random random;
  private volatile double lossRate;
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong lost = new AtomicLong();
  private final AtomicLong undeliverable = new AtomicLong();
  private final AtomicLong overflowed = new AtomicLong();
  private int nextHost = 1; // guarded by this
  private final EphemeralPorts ports = new EphemeralPorts(); // guarded by this

  public MemoryFabric(int queueCapacity, long seed, double lossRate) {
    this.queueCapacity = queueCapacity;
    this.random = new Random(seed);
    setLossRate(lossRate);
  }

  /** Binds a new underlay; see {@code MemoryNetwork} for the address rules. */
  public synchronized MemoryUnderlay bind(UnderlaySettings settings) throws IOException {
    Objects.requireNonNull(settings, "settings");
    InetAddress host = settings.host();
    if (host.isAnyLocalAddress()) {
      host = nextHost(host instanceof Inet4Address);
    }
    int port = settings.port();
    if (port == 0) {
      port = freePort(host);
    }
    InetSocketAddress local = new InetSocketAddress(host, port);
    if (bound.containsKey(local)) {
      throw new BindException("memory network: " + DatagramChannelUnderlay.format(local)
          + " is already bound");
    }
    MemoryUnderlay u = new MemoryUnderlay(this, local, settings.maxDatagramSize(), queueCapacity);
    bound.put(local, u);
    return u;
  }

  /** Moves one datagram, on the sender's thread. */
  void deliver(InetSocketAddress from, byte[] buf, int off, int len, InetSocketAddress target) {
    double rate = lossRate;
    if (rate > 0 && nextDouble() < rate) {
      lost.incrementAndGet();
      return;
    }
    MemoryUnderlay to = bound.get(target);
    if (to == null) {
      undeliverable.incrementAndGet();
      return;
    }
    if (to.enqueue(buf, off, len, from)) {
      delivered.incrementAndGet();
    } else {
      overflowed.incrementAndGet();
    }
  }

  void unbind(MemoryUnderlay underlay) {
    bound.remove(underlay.localAddress(), underlay);
  }

  public double lossRate() {
    return lossRate;
  }

  public void setLossRate(double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("loss rate " + rate + " is not in 0..1");
    }
    this.lossRate = rate;
  }

  public long delivered() {
    return delivered.get();
  }

  public long lost() {
    return lost.get();
  }

  public long undeliverable() {
    return undeliverable.get();
  }

  public long overflowed() {
    return overflowed.get();
  }

  public int boundCount() {
    return bound.size();
  }

  private double nextDouble() {
    synchronized (random) {
      return random.nextDouble();
    }
  }

  private InetAddress nextHost(boolean ipv4) throws UnknownHostException {
    byte[] a;
    int v = nextHost;
    if (ipv4) {
      if (v >= 1 << 17) {
        throw new UnknownHostException("memory network: 198.18.0.0/15 is exhausted");
      }
      v += BENCHMARK_NET;
      a = new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    } else {
      a = new byte[16];
      a[0] = (byte) 0xfd;
      a[1] = 0x18;
      a[12] = (byte) (v >>> 24);
      a[13] = (byte) (v >>> 16);
      a[14] = (byte) (v >>> 8);
      a[15] = (byte) v;
    }
    nextHost++;
    return InetAddress.getByAddress(a);
  }

  private int freePort(InetAddress host) throws BindException {
    int port = ports.next(p -> bound.containsKey(new InetSocketAddress(host, p)));
    if (port >= 0) {
      return port;
    }
    throw new BindException("memory network: no free port on " + host.getHostAddress());
  }
}
