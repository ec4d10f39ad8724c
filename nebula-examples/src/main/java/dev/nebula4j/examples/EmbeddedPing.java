package dev.nebula4j.examples;

import dev.nebula4j.config.NebulaConfig;
import dev.nebula4j.device.UserspaceDevice;
import dev.nebula4j.net.IpNetwork;
import dev.nebula4j.node.NebulaNode;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The README's embedding example: a node inside your application, from a Go nebula config file,
 * with a {@link UserspaceDevice} instead of a kernel TUN (no root), a handshake with a peer from
 * the config's {@code static_host_map}, and a ping through the tunnel.
 *
 * <pre>
 * java -cp ... dev.nebula4j.examples.EmbeddedPing /etc/nebula/config.yml 10.10.10.2/24 10.10.10.3
 * </pre>
 */
public final class EmbeddedPing {
  private EmbeddedPing() {}

  /** Arguments: config file, this node's overlay address with prefix, the peer's address. */
  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: EmbeddedPing CONFIG_FILE OVERLAY_CIDR PEER_ADDRESS");
      System.exit(2);
    }
    Duration rtt = ping(Path.of(args[0]), args[1], IpNetwork.parseAddress(args[2]));
    System.out.printf("%s answered in %.3f ms%n", args[2], rtt.toNanos() / 1e6);
  }

  /**
   * Starts a node from {@code configFile}, connects to {@code peer}, pings it once and closes.
   *
   * @param overlayCidr this node's address as in its certificate, e.g. {@code 10.10.10.2/24}
   * @return the round-trip time of the ping
   */
  public static Duration ping(Path configFile, String overlayCidr, InetAddress peer)
      throws Exception {
    // doc:begin README.md
    NebulaConfig config = NebulaConfig.load(configFile);         // Go nebula's config.yml
    UserspaceDevice device = UserspaceDevice.create(overlayCidr); // 10.10.10.2/24, no TUN/root
    try (NebulaNode node = NebulaNode.builder(config).device(device).build()) {
      node.start();                                              // binds listen.host:listen.port
      node.connect(peer).get(10, TimeUnit.SECONDS);              // Noise IX handshake
      Duration rtt = device.ping(peer, Duration.ofSeconds(2));   // ICMP echo through the tunnel
      System.out.println(node.tunnels());                        // peer name, addresses, cipher
      return rtt;
    }                                                            // closeTunnel to the peer
    // doc:end
  }
}
