package dev.nebula4j.examples;

import dev.nebula4j.cert.CaPool;
import dev.nebula4j.cert.CaSpec;
import dev.nebula4j.cert.CertificateAuthority;
import dev.nebula4j.cert.HostCredential;
import dev.nebula4j.cert.HostSpec;
import dev.nebula4j.config.HostPort;
import dev.nebula4j.config.NebulaConfig;
import dev.nebula4j.device.OverlayDatagram;
import dev.nebula4j.device.UserspaceDevice;
import dev.nebula4j.device.UserspaceUdpSocket;
import dev.nebula4j.firewall.Direction;
import dev.nebula4j.firewall.DropReason;
import dev.nebula4j.firewall.FirewallPolicy;
import dev.nebula4j.firewall.FirewallRule;
import dev.nebula4j.net.IpNetwork;
import dev.nebula4j.node.NebulaNode;
import dev.nebula4j.node.NodeEventListener;
import dev.nebula4j.node.TunnelCloseReason;
import dev.nebula4j.node.TunnelInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The README's first command ({@code bin/nebula4j-demo}): the tutorial's two database nodes as a
 * nebula overlay inside one JVM, on loopback, without root.
 *
 * <ol>
 *   <li>creates a CA and signs {@code prod1-postgresql-0} (10.10.10.2/24) and {@code
 *       prod4-postgresql-0} (10.10.10.3/24) in memory;
 *   <li>configures both like the tutorial's {@code node.yaml} — firewall: ICMP, TCP 5432 and 8008
 *       in (plus UDP {@value #ECHO_PORT} for the demo's datagram), everything out — but without a
 *       lighthouse: each node's {@code static_host_map} points at the other's 127.0.0.1 port;
 *   <li>starts both with a {@link UserspaceDevice} (IP packets to and from Java code instead of a
 *       kernel TUN);
 *   <li>pings across in both directions and prints the round-trip times (the first includes the
 *       Noise IX handshake), sends a UDP datagram that is echoed back, and one to a port the
 *       firewall does not allow;
 *   <li>prints the tunnel listing and closes everything (the peer sees the closeTunnel).
 * </ol>
 *
 * <p>{@link #run(PrintStream)} returns a {@link Report} so a test can check that the demo works.
 */
public final class DemoMesh {
  /** UDP port of the echo service on prod4-postgresql-0 (allowed by its inbound firewall). */
  public static final int ECHO_PORT = 7777;
  /** A UDP port prod4-postgresql-0's firewall does not allow. */
  public static final int BLOCKED_PORT = 9999;
  /** Pings in each direction. */
  public static final int PINGS = 4;

  static final String PROD1 = "prod1-postgresql-0";
  static final String PROD4 = "prod4-postgresql-0";
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final int BIND_ATTEMPTS = 3;

  private final PrintStream out;

  private DemoMesh(PrintStream out) {
    this.out = out;
  }

  /**
   * What the demo observed.
   *
   * @param forwardRtts ping round trips prod1 → prod4 (the first includes the handshake)
   * @param backRtts ping round trips prod4 → prod1
   * @param echoed the payload prod1 got back from prod4's UDP echo
   * @param firewallDrops datagrams prod4's inbound firewall dropped (the one to
   *     {@value #BLOCKED_PORT})
   * @param tunnels prod1's tunnel listing before closing
   * @param peerSaw why prod4's tunnel went down when prod1 closed
   */
  public record Report(List<Duration> forwardRtts, List<Duration> backRtts, String echoed,
      long firewallDrops, List<TunnelInfo> tunnels, TunnelCloseReason peerSaw) {
    public Report {
      forwardRtts = List.copyOf(forwardRtts);
      backRtts = List.copyOf(backRtts);
      Objects.requireNonNull(echoed, "echoed");
      tunnels = List.copyOf(tunnels);
      Objects.requireNonNull(peerSaw, "peerSaw");
    }
  }

  public static void main(String[] args) throws Exception {
    run(System.out);
  }

  /** Runs the demo, printing to {@code out}; every node and thread is gone when it returns. */
  public static Report run(PrintStream out) throws IOException, InterruptedException,
      ExecutionException, TimeoutException {
    DemoMesh demo = new DemoMesh(out);
    out.println("nebula4j demo: the tutorial's two database nodes as an overlay on loopback,"
        + " in one JVM, no root");
    for (int attempt = 1; ; attempt++) {
      try {
        return demo.runOnce();
      } catch (BindException e) {
        // another process took one of the two ports between reserving and binding: try again
        if (attempt == BIND_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private Report runOnce() throws IOException, InterruptedException, ExecutionException,
      TimeoutException {
    // 1. a CA and two host certificates, in memory (bin/nebula-cert ca / sign do the same)
    out.println();
    CertificateAuthority ca = CertificateAuthority.create(CaSpec.named("nebula4j demo CA"));
    HostCredential prod1 = ca.sign(HostSpec.named(PROD1).network("10.10.10.2/24"));
    HostCredential prod4 = ca.sign(HostSpec.named(PROD4).network("10.10.10.3/24"));
    out.printf("CA \"%s\" (%s), fingerprint %s%n", ca.certificate().name(),
        ca.certificate().curve(), ca.certificate().fingerprint().hex().substring(0, 16) + "...");
    out.printf("  signed %-20s %s%n", PROD1, prod1.certificate().networks().get(0));
    out.printf("  signed %-20s %s%n", PROD4, prod4.certificate().networks().get(0));

    // 2. configs like the tutorial's node.yaml, each static_host_map pointing at the other
    int[] ports = reserveLoopbackPorts();
    NebulaConfig config1 = nodeConfig(PROD1, ports[0], "10.10.10.3", ports[1]);
    NebulaConfig config4 = nodeConfig(PROD4, ports[1], "10.10.10.2", ports[0]);
    CaPool trust = CaPool.of(ca.certificate());

    // 3. two nodes with userspace devices
    UserspaceDevice device1 = UserspaceDevice.builder().name(PROD1)
        .addresses(prod1.certificate().networks()).build();
    UserspaceDevice device4 = UserspaceDevice.builder().name(PROD4)
        .addresses(prod4.certificate().networks()).build();
    CompletableFuture<TunnelCloseReason> prod4TunnelDown = new CompletableFuture<>();
    NodeEventListener prod4Events = new NodeEventListener() {
      @Override
      public void tunnelDown(TunnelInfo tunnel, TunnelCloseReason reason) {
        prod4TunnelDown.complete(reason);
      }
    };
    try (NebulaNode node4 = NebulaNode.builder(config4).pki(trust, prod4).device(device4)
            .eventListener(prod4Events).build();
        NebulaNode node1 = NebulaNode.builder(config1).pki(trust, prod1).device(device1).build()) {
      node4.start();
      node1.start();
      out.printf("%s listens on UDP %s, static_host_map 10.10.10.3 -> 127.0.0.1:%d%n", PROD1,
          hostPort(node1.listenAddress()), ports[1]);
      out.printf("%s listens on UDP %s, static_host_map 10.10.10.2 -> 127.0.0.1:%d%n", PROD4,
          hostPort(node4.listenAddress()), ports[0]);

      // 4. pings both ways; the first one waits for the handshake it triggers
      InetAddress ip3 = IpNetwork.parseAddress("10.10.10.3");
      InetAddress ip2 = IpNetwork.parseAddress("10.10.10.2");
      List<Duration> forward = ping(PROD1, device1, ip3, "the first one includes the Noise IX"
          + " handshake");
      List<Duration> back = ping(PROD4, device4, ip2, "through the same tunnel");

      // 5. a UDP datagram to prod4's echo port, and one its firewall drops
      String echoed = udpEcho(device1, device4, ip3);
      long drops = blockedDatagram(device1, node4, ip3);

      // 6. the tunnel listing, then close: prod4 hears prod1's closeTunnel
      List<TunnelInfo> tunnels = node1.tunnels();
      printTunnels(PROD1, tunnels);
      node1.close();
      TunnelCloseReason reason = prod4TunnelDown.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      out.printf("%nclosed %s: it sent closeTunnel, %s saw its tunnel go down (%s)%n", PROD1,
          PROD4, reason);
      node4.close();
      out.println("closed " + PROD4 + "; done");
      return new Report(forward, back, echoed, drops, tunnels, reason);
    }
  }

  /**
   * The tutorial's node.yaml for the demo ({@link TutorialMesh#nodeYaml}): loopback, no
   * lighthouse, a static peer, and UDP {@value #ECHO_PORT} admitted besides the tutorial's rules.
   */
  static NebulaConfig nodeConfig(String name, int port, String peerVpn, int peerPort) {
    NebulaConfig.Builder node = TutorialMesh.nodeYaml(name);
    FirewallPolicy tutorialRules = node.build().firewall().policy();
    return node
        .staticHost(peerVpn, "127.0.0.1:" + peerPort)
        .listen(l -> l.port(port))
        .tun(t -> t.dev("nebula1").mtu(1300))
        .firewallPolicy(tutorialRules.toBuilder()
            .inbound(FirewallRule.builder().port(ECHO_PORT).proto("udp").host("any").build())
            .build())
        .build();
  }

  private List<Duration> ping(String from, UserspaceDevice device, InetAddress to, String note)
      throws IOException {
    out.printf("%n$ ping -c %d %s   # on %s; %s%n", PINGS, to.getHostAddress(), from, note);
    List<Duration> rtts = new ArrayList<>();
    for (int seq = 1; seq <= PINGS; seq++) {
      Duration rtt = device.ping(to, TIMEOUT);
      rtts.add(rtt);
      out.printf("%d bytes from %s: icmp_seq=%d time=%s ms%n",
          UserspaceDevice.DEFAULT_PING_DATA_LENGTH + 8, to.getHostAddress(), seq, millis(rtt));
    }
    Duration min = rtts.stream().min(Duration::compareTo).orElseThrow();
    Duration max = rtts.stream().max(Duration::compareTo).orElseThrow();
    Duration sum = rtts.stream().reduce(Duration.ZERO, Duration::plus);
    out.printf("--- %s: %d transmitted, %d received, rtt min/avg/max = %s/%s/%s ms%n",
        to.getHostAddress(), PINGS, rtts.size(), millis(min), millis(sum.dividedBy(rtts.size())),
        millis(max));
    return rtts;
  }

  private String udpEcho(UserspaceDevice device1, UserspaceDevice device4, InetAddress ip3)
      throws IOException {
    String text = "hello from " + PROD1;
    try (UserspaceUdpSocket echo = device4.openUdp(ECHO_PORT);
        UserspaceUdpSocket client = device1.openUdp(0)) {
      client.send(new InetSocketAddress(ip3, ECHO_PORT), text.getBytes(StandardCharsets.UTF_8));
      OverlayDatagram request = echo.receive(TIMEOUT);
      echo.send(request.source(), request.payload());
      OverlayDatagram reply = client.receive(TIMEOUT);
      String echoed = new String(reply.payload(), StandardCharsets.UTF_8);
      out.printf("%nUDP %s -> %s \"%s\": %s echoed it back%n",
          hostPort(client.localAddress()), hostPort(request.destination()), text, PROD4);
      return echoed;
    }
  }

  private long blockedDatagram(UserspaceDevice device1, NebulaNode node4, InetAddress ip3)
      throws IOException, InterruptedException {
    long before = inboundNoRule(node4);
    try (UserspaceUdpSocket client = device1.openUdp(0)) {
      client.send(new InetSocketAddress(ip3, BLOCKED_PORT), new byte[] {1});
    }
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (inboundNoRule(node4) == before) {
      if (System.nanoTime() - deadline > 0) {
        throw new SocketTimeoutException(PROD4 + " never saw the datagram to UDP " + BLOCKED_PORT);
      }
      Thread.sleep(1);
    }
    out.printf("UDP -> 10.10.10.3:%d: dropped by %s's inbound firewall (no rule allows it)%n",
        BLOCKED_PORT, PROD4);
    return inboundNoRule(node4) - before;
  }

  private static long inboundNoRule(NebulaNode node) {
    return node.stats().firewallDrops(Direction.INBOUND, DropReason.NO_MATCHING_RULE);
  }

  private void printTunnels(String name, List<TunnelInfo> tunnels) {
    out.printf("%ntunnels of %s:%n", name);
    out.printf("  %-20s %-12s %-17s %-7s %-10s %6s %9s%n", "PEER", "VPN ADDRESS", "REMOTE",
        "CIPHER", "ROLE", "SENT", "RECEIVED");
    for (TunnelInfo t : tunnels) {
      out.printf("  %-20s %-12s %-17s %-7s %-10s %6d %9d%n", t.peerName(),
          t.vpnAddress().getHostAddress(), hostPort(t.remoteAddress()), t.cipher().configName(),
          t.initiator() ? "initiator" : "responder", t.packetsSent(), t.packetsReceived());
    }
  }

  /**
   * Two free UDP ports on 127.0.0.1. Each node's static_host_map needs the other's port before
   * either starts, so the ports are picked first; {@link #run} retries if one is taken meanwhile.
   */
  private static int[] reserveLoopbackPorts() throws IOException {
    try (DatagramChannel a = DatagramChannel.open(); DatagramChannel b = DatagramChannel.open()) {
      a.bind(new InetSocketAddress("127.0.0.1", 0));
      b.bind(new InetSocketAddress("127.0.0.1", 0));
      return new int[] {((InetSocketAddress) a.getLocalAddress()).getPort(),
          ((InetSocketAddress) b.getLocalAddress()).getPort()};
    }
  }

  private static String hostPort(InetSocketAddress a) {
    return HostPort.of(a).toString();
  }

  private static String millis(Duration d) {
    return String.format(Locale.ROOT, "%.3f", d.toNanos() / 1e6);
  }
}
