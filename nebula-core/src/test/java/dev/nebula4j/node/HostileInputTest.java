package dev.nebula4j.node;

import static dev.nebula4j.node.NodeTestKit.await;
import static dev.nebula4j.node.NodeTestKit.hostPort;
import static dev.nebula4j.node.NodeTestKit.ip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nebula4j.cert.CaSpec;
import dev.nebula4j.cert.CertificateAuthority;
import dev.nebula4j.cert.HostCredential;
import dev.nebula4j.cert.HostSpec;
import dev.nebula4j.config.Cipher;
import dev.nebula4j.device.OverlayDatagram;
import dev.nebula4j.device.UserspaceDevice;
import dev.nebula4j.device.UserspaceUdpSocket;
import dev.nebula4j.internal.crypto.AeadAlgorithm;
import dev.nebula4j.internal.handshake.HandshakeDetails;
import dev.nebula4j.internal.handshake.HandshakeIdentity;
import dev.nebula4j.internal.handshake.HandshakeMessageCodec;
import dev.nebula4j.internal.handshake.HandshakePayloadCodec;
import dev.nebula4j.internal.header.HeaderCodec;
import dev.nebula4j.internal.header.MessageType;
import dev.nebula4j.internal.noise.HandshakeState;
import dev.nebula4j.udp.UnderlayFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Acceptance 3 of issue 5: while a tunnel between alpha and beta carries traffic, an attacker on
 * loopback sends alpha random datagrams, truncated headers, a replayed packet and handshakes with
 * a certificate from another CA, an expired certificate, a blocklisted certificate and a
 * certificate claiming alpha's own address. Each is dropped or refused with a counter, a listener
 * event and a log line naming the reason; after each the tunnel still carries traffic, unchanged.
 */
class HostileInputTest {
  final NodeTestKit kit = new NodeTestKit();
  final HostCredential alpha = kit.host("alpha", "10.43.0.1/24");
  final HostCredential beta = kit.host("beta", "10.43.0.2/24");
  final HostCredential banned = kit.host("banned", "10.43.0.9/24");
  final NodeTestKit.RecordingListener alphaEvents = new NodeTestKit.RecordingListener();
  final List<byte[]> betaSent = Collections.synchronizedList(new ArrayList<>());
  final ByteArrayOutputStream logCapture = new ByteArrayOutputStream();
  final PrintStream originalErr = System.err;

  UserspaceDevice devA;
  UserspaceDevice devB;
  NebulaNode a;
  NebulaNode b;
  DatagramChannel attacker;
  Thread echo;
  Thread background;
  final AtomicBoolean stop = new AtomicBoolean();
  final AtomicLong backgroundRoundTrips = new AtomicLong();
  UserspaceUdpSocket client;
  int probe;

  @BeforeEach
  void setUp() throws Exception {
    System.setErr(new PrintStream(new TeeStream(originalErr, logCapture), true));
    devA = UserspaceDevice.create("10.43.0.1/24");
    devB = UserspaceDevice.create("10.43.0.2/24");
    a = NebulaNode.builder(kit.config(alpha, Cipher.AES,
            c -> c.pki(p -> p.blocklist(List.of(banned.certificate().fingerprint().hex())))))
        .device(devA).eventListener(alphaEvents).build();
    a.start();
    b = NebulaNode.builder(kit.config(beta, Cipher.AES,
            c -> c.staticHost("10.43.0.1", hostPort(a.listenAddress()))))
        .device(devB).underlay(tap(UnderlayFactory.datagramChannel(), betaSent)).build();
    b.start();
    b.connect(ip("10.43.0.1")).get(10, TimeUnit.SECONDS);

    UserspaceUdpSocket server = devA.openUdp(7);
    echo = new Thread(() -> {
      try {
        while (true) {
          OverlayDatagram d = server.receive(Duration.ofSeconds(30));
          server.send(d.source(), d.payload());
        }
      } catch (IOException e) {
        // device closed: done
      }
    }, "echo");
    echo.start();
    UserspaceUdpSocket bg = devB.openUdp(9001);
    background = new Thread(() -> {
      byte[] p = "background".getBytes(StandardCharsets.US_ASCII);
      while (!stop.get()) {
        try {
          bg.send(new InetSocketAddress(ip("10.43.0.1"), 7), p);
          bg.receive(Duration.ofSeconds(2));
          backgroundRoundTrips.incrementAndGet();
        } catch (IOException e) {
          if (stop.get()) {
            return;
          }
        }
      }
    }, "background-traffic");
    background.start();
    client = devB.openUdp(9000);
    attacker = DatagramChannel.open();
    attacker.bind(new InetSocketAddress("127.0.0.1", 0));
    assertTunnelCarriesTraffic();
  }

  @AfterEach
  void tearDown() throws Exception {
    stop.set(true);
    if (attacker != null) {
      attacker.close();
    }
    if (b != null) {
      b.close();
    }
    if (a != null) {
      a.close();
    }
    if (background != null) {
      background.join(5000);
    }
    if (echo != null) {
      echo.join(5000);
    }
    System.setErr(originalErr);
  }

  @Test
  void hostileInputIsDroppedOrRefusedAndTheTunnelKeepsCarryingTraffic() throws Exception {
    TunnelInfo before = a.tunnel(ip("10.43.0.2")).orElseThrow();
    TunnelInfo fromBeta = b.tunnel(ip("10.43.0.1")).orElseThrow();
    int alphaIndex = (int) fromBeta.remoteIndex(); // alpha's local index for the tunnel

    // 1. random datagrams: every one is counted exactly once, under some reason
    NodeStats s0 = a.stats();
    Random random = new Random(20260821);
    for (int i = 1; i <= 500; i++) {
      byte[] junk = new byte[random.nextInt(300)];
      random.nextBytes(junk);
      attack(junk);
      if (i % 20 == 0) { // paced, so that loopback's socket buffer never overflows
        long sent = i;
        await(() -> hostileCount(a.stats()) - hostileCount(s0) >= sent,
            sent + " random datagrams counted (got " + (hostileCount(a.stats())
                - hostileCount(s0)) + ")");
      }
    }
    assertThat(hostileCount(a.stats()) - hostileCount(s0)).isEqualTo(500);
    assertThat(a.stats().recvErrorsSent()).isGreaterThan(s0.recvErrorsSent());
    assertTunnelCarriesTraffic();

    // 2. truncated headers, and a header of the live tunnel with a cut or forged body
    NodeStats s1 = a.stats();
    for (int len = 2; len < HeaderCodec.LENGTH; len++) {
      attack(Arrays.copyOf(new byte[] {0x11, 0, 0, 0, 1, 2, 3, 4}, len));
    }
    byte[] cut = new byte[HeaderCodec.LENGTH + 8];
    HeaderCodec.write(cut, 0, MessageType.MESSAGE, 0, alphaIndex, 1_000_000);
    attack(cut);
    byte[] forged = new byte[HeaderCodec.LENGTH + 84];
    random.nextBytes(forged);
    HeaderCodec.write(forged, 0, MessageType.MESSAGE, 0, alphaIndex, 1_000_001);
    attack(forged);
    await(() -> drops(PacketDropReason.TOO_SHORT, s1) == 14
        && drops(PacketDropReason.DECRYPT_FAILED, s1) == 2, "truncated packets counted");
    assertTunnelCarriesTraffic();

    // 3. a replayed packet: a data packet beta really sent, sent again by the attacker
    NodeStats s2 = a.stats();
    byte[] genuine = lastDataPacketFromBeta();
    // wait until alpha received later packets of beta's (loopback keeps order): this one is in
    long seen = a.tunnel(ip("10.43.0.2")).orElseThrow().packetsReceived();
    assertTunnelCarriesTraffic();
    await(() -> a.tunnel(ip("10.43.0.2")).orElseThrow().packetsReceived() > seen + 1,
        "later packets of beta received");
    attack(genuine);
    await(() -> drops(PacketDropReason.REPLAYED, s2) == 1, "replay counted");
    assertThat(a.tunnel(ip("10.43.0.2")).orElseThrow().remoteAddress())
        .as("no roaming to the attacker").isEqualTo(b.listenAddress());
    assertTunnelCarriesTraffic();

    // 4.-7. handshakes that must be refused
    java.time.Clock now = java.time.Clock.systemUTC();
    CertificateAuthority otherCa = CertificateAuthority.create(CaSpec.named("other-ca"));
    HostCredential foreign = otherCa.sign(HostSpec.named("foreign").network("10.43.0.5/24"));
    HostCredential expired = kit.ca.withClock(java.time.Clock.offset(now, Duration.ofDays(-2)))
        .sign(HostSpec.named("expired").network("10.43.0.6/24").validFor(Duration.ofDays(1)));
    HostCredential impostor = kit.host("impostor", "10.43.0.1/24");
    refusedAfter(foreign, HandshakeFailure.CERT_UNTRUSTED);
    refusedAfter(expired, HandshakeFailure.CERT_EXPIRED);
    refusedAfter(banned, HandshakeFailure.CERT_BLOCKLISTED);
    refusedAfter(impostor, HandshakeFailure.OWN_ADDRESS);

    // the tunnel is the same one, and background traffic kept flowing throughout
    TunnelInfo after = a.tunnel(ip("10.43.0.2")).orElseThrow();
    assertThat(after.localIndex()).isEqualTo(before.localIndex());
    assertThat(after.remoteIndex()).isEqualTo(before.remoteIndex());
    assertThat(a.tunnels()).hasSize(1);
    assertThat(alphaEvents.down).isEmpty();
    assertThat(backgroundRoundTrips.get()).isPositive();
    NodeStats end = a.stats();
    assertThat(end.handshakeFailures(HandshakeFailure.CERT_UNTRUSTED)).isPositive();
    assertThat(end.tunnels()).isEqualTo(1);

    String log = logCapture.toString(StandardCharsets.UTF_8);
    assertThat(log)
        .contains("[TOO_SHORT]", "[UNKNOWN_INDEX]", "[DECRYPT_FAILED]", "[REPLAYED]")
        .contains("counter replayed or older than the replay window")
        .contains("certificate is not signed by a trusted CA")
        .contains("certificate or its CA is expired")
        .contains("certificate is blocklisted")
        .contains("certificate claims our own VPN address");
  }

  /** Drops and refusals that the random datagrams can cause. */
  static long hostileCount(NodeStats s) {
    long n = 0;
    for (PacketDropReason r : List.of(PacketDropReason.HOLE_PUNCH, PacketDropReason.TOO_SHORT,
        PacketDropReason.UNKNOWN_TYPE, PacketDropReason.UNKNOWN_INDEX,
        PacketDropReason.RELAY_UNSUPPORTED, PacketDropReason.RECV_ERROR_IGNORED,
        PacketDropReason.RECV_ERROR_WRONG_SOURCE, PacketDropReason.HANDSHAKE_UNMATCHED)) {
      n += s.drops(r);
    }
    for (long v : s.handshakeFailures().values()) {
      n += v;
    }
    return n;
  }

  long drops(PacketDropReason reason, NodeStats since) {
    return a.stats().drops(reason) - since.drops(reason);
  }

  void refusedAfter(HostCredential cred, HandshakeFailure expected) throws Exception {
    long before = a.stats().handshakeFailures(expected);
    attack(forgeMessage1(cred));
    // the counter moves before the listener hears of it: wait for both
    await(() -> a.stats().handshakeFailures(expected) == before + 1
        && alphaEvents.refused.contains(expected), expected + " counted and reported");
    assertTunnelCarriesTraffic();
  }

  /** A genuine IX msg 1 from {@code cred}, as its node would send it. */
  static byte[] forgeMessage1(HostCredential cred) throws Exception {
    HandshakeIdentity id = HandshakeIdentity.of(cred, AeadAlgorithm.AES_256_GCM);
    HandshakeState hs = HandshakeState.builder(id.protocol(), true)
        .localStatic(id.staticKey()).build();
    Instant t = Instant.now();
    byte[] payload = HandshakePayloadCodec.encode(HandshakeDetails.forInitiator(
        cred.certificate().marshalForHandshake(), 0x1234_5678,
        t.getEpochSecond() * 1_000_000_000L + t.getNano()));
    return HandshakeMessageCodec.write(hs, 0, payload);
  }

  byte[] lastDataPacketFromBeta() {
    synchronized (betaSent) {
      for (int i = betaSent.size() - 1; i >= 0; i--) {
        byte[] d = betaSent.get(i);
        if (d.length > 32 && HeaderCodec.type(d, 0) == MessageType.MESSAGE) {
          return d;
        }
      }
    }
    throw new AssertionError("beta sent no data packet");
  }

  void attack(byte[] datagram) throws IOException {
    attacker.send(ByteBuffer.wrap(datagram), a.listenAddress());
  }

  /** A round trip through the tunnel: beta → alpha's echo → beta. */
  void assertTunnelCarriesTraffic() throws IOException {
    byte[] p = ("probe " + probe++).getBytes(StandardCharsets.US_ASCII);
    client.send(new InetSocketAddress(ip("10.43.0.1"), 7), p);
    OverlayDatagram d;
    try {
      d = client.receive(Duration.ofSeconds(5));
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the tunnel no longer carries traffic", e);
    }
    assertThat(d.payload()).isEqualTo(p);
  }

  /** Wraps an underlay factory to record copies of every datagram sent. */
  static UnderlayFactory tap(UnderlayFactory inner, List<byte[]> sent) {
    return settings -> new NodeTestKit.ForwardingUnderlay(inner.bind(settings)) {
      @Override
      public void send(byte[] buf, int off, int len, InetSocketAddress target) throws IOException {
        sent.add(Arrays.copyOfRange(buf, off, off + len));
        if (sent.size() > 10_000) {
          sent.remove(0);
        }
        delegate.send(buf, off, len, target);
      }
    };
  }

  /** Writes to two streams (the console and the capture). */
  static final class TeeStream extends java.io.OutputStream {
    final java.io.OutputStream one;
    final java.io.OutputStream two;

    TeeStream(java.io.OutputStream one, java.io.OutputStream two) {
      this.one = one;
      this.two = two;
    }

    @Override
    public synchronized void write(int b) throws IOException {
      one.write(b);
      two.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
      one.write(b, off, len);
      two.write(b, off, len);
    }
  }
}
