package dev.nebula4j.examples;

import dev.nebula4j.config.NebulaConfig;
import dev.nebula4j.net.IpNetwork;
import dev.nebula4j.node.HandshakeFailedException;
import dev.nebula4j.node.NebulaNode;
import dev.nebula4j.node.NodeEventListener;
import dev.nebula4j.node.TunnelCloseReason;
import dev.nebula4j.node.TunnelInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The core of a failover tool, without a framework: runs a node from a Go nebula config file and
 * answers "is my peer reachable through the overlay?" — say, a database replica deciding whether
 * its primary is gone — and reports when a tunnel comes up or goes down.
 *
 * <pre>{@code
 * PeerWatch.Listener failover = new PeerWatch.Listener() {
 *   public void peerDown(TunnelInfo tunnel, TunnelCloseReason why) { considerPromotion(tunnel); }
 * };
 * try (PeerWatch watch = PeerWatch.start(Path.of("/etc/nebula/config.yml"), failover)) {
 *   boolean primaryUp = watch.awaitTunnel(primaryVpnAddress, Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>The node runs without a device (as Go with {@code tun.disabled: true}): it carries no
 * application traffic but answers pings to its own overlay address, so the peer can watch it
 * too. Tunnel events come from {@link NodeEventListener}; the answer to "reachable?" from {@link
 * NebulaNode#connect}, which handshakes if there is no tunnel yet.
 */
public final class PeerWatch implements AutoCloseable {
  /** Tunnel changes, called on the node's threads: return quickly. */
  public interface Listener {
    /** A tunnel to {@code tunnel.vpnAddress()} is established. */
    default void peerUp(TunnelInfo tunnel) {}

    /** The tunnel is gone: the peer closed it, stopped answering, or its certificate expired. */
    default void peerDown(TunnelInfo tunnel, TunnelCloseReason reason) {}
  }

  private final NebulaNode node;

  private PeerWatch(NebulaNode node) {
    this.node = node;
  }

  /**
   * Starts a node from {@code configFile} (a file or a directory, as {@code nebula -config}).
   *
   * @throws dev.nebula4j.config.ConfigException if the config or its pki files are invalid
   * @throws IOException if the UDP port cannot be bound
   */
  public static PeerWatch start(Path configFile, Listener listener) throws IOException {
    Objects.requireNonNull(listener, "listener");
    NebulaConfig config = NebulaConfig.load(configFile);
    NebulaNode node = NebulaNode.builder(config)
        .eventListener(new NodeEventListener() {
          @Override
          public void tunnelUp(TunnelInfo tunnel) {
            listener.peerUp(tunnel);
          }

          @Override
          public void tunnelDown(TunnelInfo tunnel, TunnelCloseReason reason) {
            listener.peerDown(tunnel, reason);
          }
        })
        .build();
    node.start();
    return new PeerWatch(node);
  }

  /**
   * Whether a tunnel to {@code peer} exists or can be made within {@code timeout}: a handshake
   * towards the peer's {@code static_host_map} addresses if there is no tunnel yet.
   */
  public boolean awaitTunnel(InetAddress peer, Duration timeout) throws InterruptedException {
    try {
      node.connect(peer).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false; // the handshake may still complete later; peerUp tells
    } catch (ExecutionException e) {
      if (e.getCause() instanceof HandshakeFailedException) {
        return false;
      }
      throw new IllegalStateException("connecting to " + peer.getHostAddress() + " failed",
          e.getCause());
    }
  }

  /** Whether a tunnel to {@code peer} is established now (no network traffic). */
  public boolean isUp(InetAddress peer) {
    return node.tunnel(peer).isPresent();
  }

  /** The UDP address the node listens on. */
  public InetSocketAddress listenAddress() {
    return node.listenAddress();
  }

  /** Closes the node; peers see a closeTunnel. */
  @Override
  public void close() {
    node.close();
  }

  /**
   * {@code PeerWatch CONFIG PEER_ADDRESS [SECONDS]}: exit status 0 if a tunnel to the peer comes
   * up within the time (default 5 s), 1 if not — a health check for scripts.
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 2 || args.length > 3) {
      System.err.println("usage: PeerWatch CONFIG PEER_ADDRESS [SECONDS]");
      System.exit(2);
    }
    InetAddress peer = IpNetwork.parseAddress(args[1]);
    Duration timeout = Duration.ofSeconds(args.length == 3 ? Long.parseLong(args[2]) : 5);
    boolean up;
    try (PeerWatch watch = start(Path.of(args[0]), new Listener() {})) {
      up = watch.awaitTunnel(peer, timeout);
    }
    System.out.println(args[1] + (up ? " is reachable" : " is not reachable"));
    System.exit(up ? 0 : 1);
  }
}
