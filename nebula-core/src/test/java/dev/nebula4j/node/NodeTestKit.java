package dev.nebula4j.node;

import dev.nebula4j.cert.CaSpec;
import dev.nebula4j.cert.CertificateAuthority;
import dev.nebula4j.cert.Curve;
import dev.nebula4j.cert.HostCredential;
import dev.nebula4j.cert.HostSpec;
import dev.nebula4j.cert.InsecureSecretKeyAccess;
import dev.nebula4j.config.Cipher;
import dev.nebula4j.config.HostPort;
import dev.nebula4j.config.NebulaConfig;
import dev.nebula4j.config.PkiSource;
import dev.nebula4j.firewall.FirewallPolicy;
import dev.nebula4j.firewall.FirewallRule;
import dev.nebula4j.net.IpNetwork;
import dev.nebula4j.udp.DatagramHandler;
import dev.nebula4j.udp.Underlay;
import dev.nebula4j.udp.UnderlayStats;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Certificates, configs, waiting, event recording and underlay wrapping for node tests. */
final class NodeTestKit {
  /** Allows everything in both directions (the tests are about tunnels, not the firewall). */
  static final FirewallPolicy ALLOW_ALL = FirewallPolicy.builder()
      .inbound(FirewallRule.anyAny())
      .outbound(FirewallRule.anyAny())
      .build();

  final CertificateAuthority ca;

  NodeTestKit() {
    this(Curve.CURVE25519);
  }

  NodeTestKit(Curve curve) {
    // valid since a week, so that certificates can be back-dated (expired ones, for instance)
    ca = CertificateAuthority.create(CaSpec.named("node-test-ca").curve(curve)
        .notBefore(java.time.Instant.now().minus(Duration.ofDays(7))));
  }

  HostCredential host(String name, String cidr) {
    return ca.sign(HostSpec.named(name).network(cidr));
  }

  static InetAddress ip(String text) {
    return IpNetwork.parseAddress(text);
  }

  /** A config listening on 127.0.0.1 (ephemeral port) with inline PEMs. */
  NebulaConfig config(HostCredential cred, Cipher cipher, Consumer<NebulaConfig.Builder> more) {
    NebulaConfig.Builder b = NebulaConfig.builder()
        .pki(p -> p.ca(new PkiSource.Inline(ca.certificate().toPem()))
            .cert(new PkiSource.Inline(cred.certificate().toPem()))
            .key(new PkiSource.Inline(cred.privateKey().toPem(InsecureSecretKeyAccess.get()))))
        .listen(l -> l.host("127.0.0.1").port(0))
        .cipher(cipher)
        .firewallPolicy(ALLOW_ALL);
    more.accept(b);
    return b.build();
  }

  /**
   * A config for one of two nodes on a {@code MemoryNetwork}: listening on {@code listen}:4242,
   * its peer {@code peerVpn} at {@code peerUdp}:4242 in {@code static_host_map}, AES.
   */
  NebulaConfig peerConfig(HostCredential cred, String listen, String peerVpn, String peerUdp,
      FirewallPolicy policy) {
    return config(cred, Cipher.AES, c -> c
        .listen(l -> l.host(listen).port(4242))
        .staticHost(peerVpn, peerUdp + ":4242")
        .firewallPolicy(policy));
  }

  static String hostPort(InetSocketAddress a) {
    return HostPort.of(a).toString();
  }

  /** Polls {@code condition} until true; fails with {@code what} after {@code timeout}. */
  static void await(Duration timeout, BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }

  static void await(BooleanSupplier condition, String what) {
    await(Duration.ofSeconds(10), condition, what);
  }

  /** An underlay that passes every call to {@code delegate}; tests override what they change. */
  static class ForwardingUnderlay implements Underlay {
    final Underlay delegate;

    ForwardingUnderlay(Underlay delegate) {
      this.delegate = delegate;
    }

    @Override
    public InetSocketAddress localAddress() {
      return delegate.localAddress();
    }

    @Override
    public void start(DatagramHandler handler) {
      delegate.start(handler);
    }

    @Override
    public boolean canSendTo(InetSocketAddress target) {
      return delegate.canSendTo(target);
    }

    @Override
    public void send(byte[] buf, int off, int len, InetSocketAddress target) throws IOException {
      delegate.send(buf, off, len, target);
    }

    @Override
    public void flush() throws IOException {
      delegate.flush();
    }

    @Override
    public int maxDatagramSize() {
      return delegate.maxDatagramSize();
    }

    @Override
    public UnderlayStats stats() {
      return delegate.stats();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  /** Records every event, thread-safe. */
  static final class RecordingListener implements NodeEventListener {
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final List<HandshakeFailure> refused = Collections.synchronizedList(new ArrayList<>());
    final List<TunnelCloseReason> down = Collections.synchronizedList(new ArrayList<>());
    final List<TunnelInfo> up = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void nodeStarted(InetSocketAddress listenAddress) {
      events.add("started");
    }

    @Override
    public void handshakeStarted(InetAddress vpnAddress) {
      events.add("handshakeStarted " + vpnAddress.getHostAddress());
    }

    @Override
    public void handshakeCompleted(TunnelInfo tunnel, Duration duration) {
      events.add("handshakeCompleted " + tunnel.vpnAddress().getHostAddress());
    }

    @Override
    public void handshakeFailed(InetAddress vpnAddress, HandshakeFailure reason) {
      events.add("handshakeFailed " + vpnAddress.getHostAddress() + " " + reason);
    }

    @Override
    public void handshakeRefused(InetSocketAddress source, HandshakeFailure reason,
        String detail) {
      refused.add(reason);
      events.add("handshakeRefused " + reason);
    }

    @Override
    public void tunnelUp(TunnelInfo tunnel) {
      up.add(tunnel);
      events.add("tunnelUp " + tunnel.vpnAddress().getHostAddress());
    }

    @Override
    public void tunnelDown(TunnelInfo tunnel, TunnelCloseReason reason) {
      down.add(reason);
      events.add("tunnelDown " + tunnel.vpnAddress().getHostAddress() + " " + reason);
    }

    @Override
    public void remoteChanged(TunnelInfo tunnel, InetSocketAddress previous) {
      events.add("remoteChanged " + tunnel.vpnAddress().getHostAddress());
    }

    @Override
    public void nodeClosed() {
      events.add("closed");
    }
  }
}
