package dev.nebula4j.benchmarks;

import dev.nebula4j.cert.CaSpec;
import dev.nebula4j.cert.CertificateAuthority;
import dev.nebula4j.cert.HostCredential;
import dev.nebula4j.cert.HostSpec;
import dev.nebula4j.cert.InsecureSecretKeyAccess;
import dev.nebula4j.config.Cipher;
import dev.nebula4j.config.NebulaConfig;
import dev.nebula4j.config.PkiSource;
import dev.nebula4j.device.Device;
import dev.nebula4j.device.PacketHandler;
import dev.nebula4j.firewall.FirewallPolicy;
import dev.nebula4j.firewall.FirewallRule;
import dev.nebula4j.internal.packet.UdpDatagram;
import dev.nebula4j.net.IpNetwork;
import dev.nebula4j.node.ManualScheduler;
import dev.nebula4j.node.NebulaNode;
import dev.nebula4j.udp.DatagramHandler;
import dev.nebula4j.udp.Underlay;
import dev.nebula4j.udp.UnderlaySettings;
import dev.nebula4j.udp.UnderlayStats;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * A node's whole data path, without sockets: one operation takes a 1300-byte IPv4/UDP packet from
 * alpha's device through alpha's inside path (classify, host-map lookup, outbound firewall with a
 * conntrack hit, counter, header, AEAD seal) into a captured datagram, and hands that datagram to
 * beta's outside path (header, index lookup, replay window, AEAD open, roaming check, liveness,
 * inbound firewall) up to beta's device. Two {@link NebulaNode}s with a real handshake, wired by
 * an in-benchmark underlay that copies each datagram into one preallocated buffer.
 *
 * <p>Run with {@code -prof gc}: everything nebula4j does allocates nothing per packet; what
 * remains is the JCE's own per-{@code init} garbage (the AEAD parameter spec and the cipher's
 * internal state), visible also in {@code AeadBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TunnelPathBenchmark {
  private static final int PAYLOAD = 1300 - UdpDatagram.IPV4_OVERHEAD;

  @Param({"AES", "CHACHAPOLY"})
  public Cipher cipher;

  private NebulaNode alpha;
  private NebulaNode beta;
  private BenchUnderlay underA;
  private BenchUnderlay underB;
  private BenchDevice devA;
  private BenchDevice devB;
  private final byte[] packet = new byte[1300];
  private int packetLength;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    CertificateAuthority ca = CertificateAuthority.create(CaSpec.named("bench-ca"));
    HostCredential a = ca.sign(HostSpec.named("alpha").network("10.60.0.1/24"));
    HostCredential b = ca.sign(HostSpec.named("beta").network("10.60.0.2/24"));
    underA = new BenchUnderlay(new InetSocketAddress(InetAddress.getByName("198.18.1.1"), 4242));
    underB = new BenchUnderlay(new InetSocketAddress(InetAddress.getByName("198.18.1.2"), 4242));
    devA = new BenchDevice("10.60.0.1/24");
    devB = new BenchDevice("10.60.0.2/24");
    ManualScheduler time = new ManualScheduler();
    alpha = NebulaNode.builder(config(ca, a, "10.60.0.2", "198.18.1.2:4242"))
        .device(devA).underlay(s -> underA).manualTime(time).build();
    beta = NebulaNode.builder(config(ca, b, "10.60.0.1", "198.18.1.1:4242"))
        .device(devB).underlay(s -> underB).manualTime(time).build();
    alpha.start();
    beta.start();
    var tunnel = alpha.connect(InetAddress.getByName("10.60.0.2"));
    pump();
    tunnel.get(1, TimeUnit.SECONDS);
    packetLength = UdpDatagram.writeIpv4(packet, 0, ip("10.60.0.1"), 5000, ip("10.60.0.2"), 7000,
        1, PAYLOAD);
    underA.capture = true;
    onePacket(); // the first packet creates the conntrack flows
    if (devB.written != 1) {
      throw new IllegalStateException("packet did not reach beta's device");
    }
  }

  private NebulaConfig config(CertificateAuthority ca, HostCredential cred, String peer,
      String peerUdp) {
    return NebulaConfig.builder()
        .pki(p -> p.ca(new PkiSource.Inline(ca.certificate().toPem()))
            .cert(new PkiSource.Inline(cred.certificate().toPem()))
            .key(new PkiSource.Inline(cred.privateKey().toPem(InsecureSecretKeyAccess.get()))))
        .cipher(cipher)
        .staticHost(peer, peerUdp)
        .firewallPolicy(FirewallPolicy.builder()
            .inbound(FirewallRule.anyAny()).outbound(FirewallRule.anyAny()).build())
        .build();
  }

  /** Delivers queued handshake datagrams back and forth until both sides are quiet. */
  private void pump() {
    while (!underA.queue.isEmpty() || !underB.queue.isEmpty()) {
      byte[] d;
      while ((d = underA.queue.poll()) != null) {
        underB.handler.onDatagram(d, 0, d.length, underA.local);
      }
      while ((d = underB.queue.poll()) != null) {
        underA.handler.onDatagram(d, 0, d.length, underB.local);
      }
    }
  }

  private static int ip(String s) {
    return IpNetwork.parse(s + "/32").ipv4Address();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    alpha.close();
    beta.close();
  }

  /** One packet from alpha's device to beta's device. */
  @Benchmark
  public int onePacket() {
    devA.handler.onPacket(packet, 0, packetLength);
    underB.handler.onDatagram(underA.captured, 0, underA.capturedLength, underA.local);
    return devB.written;
  }

  /** Captures datagrams: queued during the handshake, into one buffer afterwards. */
  static final class BenchUnderlay implements Underlay {
    final InetSocketAddress local;
    final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    final byte[] captured = new byte[UnderlaySettings.DEFAULT_MAX_DATAGRAM_SIZE];
    int capturedLength;
    boolean capture;
    DatagramHandler handler;

    BenchUnderlay(InetSocketAddress local) {
      this.local = local;
    }

    @Override
    public InetSocketAddress localAddress() {
      return local;
    }

    @Override
    public void start(DatagramHandler handler) {
      this.handler = handler;
    }

    @Override
    public boolean canSendTo(InetSocketAddress target) {
      return true;
    }

    @Override
    public void send(byte[] buf, int off, int len, InetSocketAddress target) throws IOException {
      if (capture) {
        System.arraycopy(buf, off, captured, 0, len);
        capturedLength = len;
      } else {
        queue.add(java.util.Arrays.copyOfRange(buf, off, off + len));
      }
    }

    @Override
    public int maxDatagramSize() {
      return captured.length;
    }

    @Override
    public UnderlayStats stats() {
      return new UnderlayStats(0, 0, 0, 0, 0);
    }

    @Override
    public void close() {}
  }

  /** A device that only counts what it is given. */
  static final class BenchDevice implements Device {
    final List<IpNetwork> addresses;
    PacketHandler handler;
    int written;

    BenchDevice(String cidr) {
      this.addresses = List.of(IpNetwork.parse(cidr));
    }

    @Override
    public String name() {
      return "bench";
    }

    @Override
    public int mtu() {
      return 1300;
    }

    @Override
    public List<IpNetwork> addresses() {
      return addresses;
    }

    @Override
    public void start(PacketHandler handler) {
      this.handler = handler;
    }

    @Override
    public boolean write(byte[] buf, int off, int len) {
      written++;
      return true;
    }

    @Override
    public void close() {}
  }
}
