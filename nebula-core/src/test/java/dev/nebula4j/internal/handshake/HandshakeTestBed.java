package dev.nebula4j.internal.handshake;

import dev.nebula4j.cert.CaPool;
import dev.nebula4j.cert.CaSpec;
import dev.nebula4j.cert.CertificateAuthority;
import dev.nebula4j.cert.HostCredential;
import dev.nebula4j.cert.HostSpec;
import dev.nebula4j.internal.crypto.AeadAlgorithm;
import dev.nebula4j.internal.header.HeaderCodec;
import dev.nebula4j.internal.header.MessageType;
import dev.nebula4j.internal.hostmap.HostMap;
import dev.nebula4j.internal.hostmap.Tunnel;
import dev.nebula4j.net.IpNetwork;
import dev.nebula4j.node.HandshakeFailure;
import dev.nebula4j.node.ManualScheduler;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A deterministic world for handshake-manager tests: one {@link ManualScheduler} for time, and a
 * {@link Wire} that carries datagrams between {@link Peer}s only when the test pumps it, so every
 * loss, duplicate and reordering is the test's choice.
 */
final class HandshakeTestBed {
  static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  final ManualScheduler time = new ManualScheduler(START);
  final Wire wire = new Wire();
  final CertificateAuthority ca;
  CaPool pool;
  AeadAlgorithm cipher = AeadAlgorithm.AES_256_GCM;
  Duration tryInterval = Duration.ofMillis(100);
  int retries = 10;
  private final Map<Integer, List<InetSocketAddress>> staticMap = new LinkedHashMap<>();

  HandshakeTestBed() {
    ca = CertificateAuthority.create(
        CaSpec.named("test-ca").notBefore(START.minus(Duration.ofDays(1))),
        java.time.Clock.fixed(START, java.time.ZoneOffset.UTC));
    pool = CaPool.of(ca.certificate());
  }

  HostCredential credential(String name, String cidr) {
    return ca.withClock(java.time.Clock.fixed(START, java.time.ZoneOffset.UTC))
        .sign(HostSpec.named(name).network(cidr));
  }

  static InetSocketAddress udp(String ip, int port) {
    return new InetSocketAddress(IpNetwork.parseAddress(ip), port);
  }

  static int vpn(String ip) {
    return IpNetwork.parse(ip + "/32").ipv4Address();
  }

  /** Adds {@code static_host_map: vpnIp: [addr]} for every peer's resolver. */
  void staticHost(String vpnIp, InetSocketAddress addr) {
    staticMap.computeIfAbsent(vpn(vpnIp), k -> new ArrayList<>()).add(addr);
  }

  Peer peer(String name, String cidr, InetSocketAddress addr) {
    return peer(credential(name, cidr), addr, new SecureRandom(), true);
  }

  Peer peer(HostCredential cred, InetSocketAddress addr, SecureRandom random, boolean isStatic) {
    return new Peer(cred, addr, random, isStatic);
  }

  /** A test-request or closeTunnel the manager asked the node to send. */
  record TunnelMessage(String kind, Tunnel tunnel) {}

  record Established(Tunnel tunnel, Tunnel replaced, PendingHandshake ours,
      List<CachedPacket> cached) {}

  record Failed(int vpnAddress, HandshakeFailure reason, String detail, int dropped) {}

  record Refused(InetSocketAddress source, HandshakeFailure reason, String detail) {}

  /** One node's handshake side: host map, manager, and everything its host callbacks saw. */
  final class Peer implements HandshakeHost {
    final HostCredential credential;
    final InetSocketAddress address;
    final HostMap hostMap = new HostMap();
    final HandshakeManager manager;
    final List<Integer> started = new ArrayList<>();
    final List<Established> established = new ArrayList<>();
    final List<Failed> failed = new ArrayList<>();
    final List<Refused> refused = new ArrayList<>();
    final List<TunnelMessage> tunnelMessages = new ArrayList<>();
    int unmatched;
    int cacheFull;

    Peer(HostCredential cred, InetSocketAddress address, SecureRandom random, boolean isStatic) {
      this.credential = cred;
      this.address = address;
      wire.attach(this);
      this.manager = HandshakeManager.builder()
          .identity(HandshakeIdentity.of(cred, cipher))
          .caPool(() -> pool)
          .hostMap(hostMap)
          .remotes(new RemoteResolver() {
            @Override
            public List<InetSocketAddress> remotes(int vpnAddress) {
              return staticMap.getOrDefault(vpnAddress, List.of());
            }

            @Override
            public boolean isStatic(int vpnAddress) {
              return isStatic && staticMap.containsKey(vpnAddress);
            }
          })
          .host(this)
          .clock(time)
          .scheduler(time)
          .random(random)
          .handshakes(dev.nebula4j.config.HandshakesConfig.builder()
              .tryInterval(tryInterval).retries(retries).build())
          .build();
    }

    /** An inside packet to {@code vpnIp}: cached for the handshake or returned tunnel. */
    Tunnel send(String vpnIp, byte[] packet) {
      return manager.sendOrCache(vpn(vpnIp), MessageType.MESSAGE, 0, packet, 0, packet.length);
    }

    Tunnel tunnelTo(String vpnIp) {
      return hostMap.byVpnAddress(vpn(vpnIp));
    }

    @Override
    public void sendDatagram(byte[] buf, int off, int len, InetSocketAddress target) {
      wire.send(address, target, java.util.Arrays.copyOfRange(buf, off, off + len));
    }

    @Override
    public void sendTestRequest(Tunnel tunnel) {
      tunnelMessages.add(new TunnelMessage("test", tunnel));
    }

    @Override
    public void sendCloseTunnel(Tunnel tunnel) {
      tunnelMessages.add(new TunnelMessage("close", tunnel));
    }

    @Override
    public void handshakeStarted(int vpnAddress) {
      started.add(vpnAddress);
    }

    @Override
    public void tunnelEstablished(
        Tunnel tunnel, Tunnel replaced, PendingHandshake ours, List<CachedPacket> cached) {
      established.add(new Established(tunnel, replaced, ours, cached));
    }

    @Override
    public void handshakeFailed(int vpnAddress, HandshakeFailure reason, String detail,
        int droppedPackets) {
      failed.add(new Failed(vpnAddress, reason, detail, droppedPackets));
    }

    @Override
    public void handshakeRefused(InetSocketAddress source, HandshakeFailure reason,
        String detail) {
      refused.add(new Refused(source, reason, detail));
    }

    @Override
    public void handshakeUnmatched(InetSocketAddress source) {
      unmatched++;
    }

    @Override
    public void cacheFull(int vpnAddress) {
      cacheFull++;
    }

    @Override
    public String toString() {
      return credential.certificate().name() + "@" + address;
    }
  }

  /** A datagram on the wire, with the (manual) time it was sent. */
  record Datagram(InetSocketAddress from, InetSocketAddress to, byte[] bytes, long sentNanos) {
    long counter() {
      return HeaderCodec.counter(bytes, 0);
    }

    int type() {
      return HeaderCodec.type(bytes, 0);
    }
  }

  /** Datagrams in flight, delivered only by {@link #deliver}. */
  final class Wire {
    private final Map<InetSocketAddress, Peer> peers = new HashMap<>();
    final Deque<Datagram> inFlight = new ArrayDeque<>();
    final List<Datagram> sent = new ArrayList<>();

    void attach(Peer p) {
      peers.put(p.address, p);
    }

    void detach(Peer p) {
      peers.remove(p.address, p);
    }

    void send(InetSocketAddress from, InetSocketAddress to, byte[] bytes) {
      Datagram d = new Datagram(from, to, bytes, time.nanoTime());
      sent.add(d);
      inFlight.add(d);
    }

    /** Injects a datagram as if {@code from} had sent it. */
    void inject(InetSocketAddress from, InetSocketAddress to, byte[] bytes) {
      inFlight.add(new Datagram(from, to, bytes, time.nanoTime()));
    }

    /** Delivers everything in flight, and what that provokes, until the wire is quiet. */
    int deliver() {
      int n = 0;
      while (!inFlight.isEmpty()) {
        n += deliver(d -> true);
      }
      return n;
    }

    /**
     * Delivers the datagrams in flight now that match {@code keep} and loses the others; what the
     * deliveries provoke stays in flight.
     */
    int deliver(Predicate<Datagram> keep) {
      int n = 0;
      List<Datagram> batch = new ArrayList<>(inFlight);
      inFlight.clear();
      for (Datagram d : batch) {
        Peer target = peers.get(d.to());
        if (target == null || !keep.test(d)) {
          continue;
        }
        target.manager.onHandshakePacket(d.bytes(), 0, d.bytes().length, d.from());
        n++;
      }
      return n;
    }

    /** Drops everything in flight. */
    void lose() {
      inFlight.clear();
    }

    List<Datagram> sentFrom(InetSocketAddress from) {
      return sent.stream().filter(d -> d.from().equals(from)).toList();
    }
  }
}
