package dev.nebula4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nebula4j.interop.harness.Commands;
import dev.nebula4j.interop.harness.InteropLab;
import dev.nebula4j.interop.harness.InteropTest;
import dev.nebula4j.interop.harness.JvmLink;
import dev.nebula4j.interop.harness.Netns;
import dev.nebula4j.interop.harness.PingResult;
import dev.nebula4j.interop.harness.UdpEchoServer;
import dev.nebula4j.interop.harness.Underlay;
import dev.nebula4j.net.IpNetwork;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The test JVM on the underlay: a socket bound to the {@link JvmLink} address reaches a host
 * namespace, and the link adds nothing to the root namespace but the route of its own /27.
 */
@InteropTest
class JvmLinkTest {

  @Test
  void jvmSocketReachesAnUnderlayHostThroughTheLink(InteropLab lab) throws Exception {
    Underlay net = lab.newUnderlay();
    Netns host = net.addHost("udp echo");
    UdpEchoServer echo = lab.udpEcho(host, 7777);
    JvmLink link = net.attachJvm();

    byte[] reply = new byte[64];
    DatagramPacket packet = new DatagramPacket(reply, reply.length);
    try (DatagramChannel ch = DatagramChannel.open()) {
      ch.bind(new InetSocketAddress(link.jvmAddress(), 0));
      ch.socket().setSoTimeout(5000);
      ch.send(
          ByteBuffer.wrap("from the jvm\n".getBytes(StandardCharsets.UTF_8)),
          new InetSocketAddress(host.underlayAddress(), 7777));
      ch.socket().receive(packet);
    }
    assertThat(new String(reply, 0, packet.getLength(), StandardCharsets.UTF_8)).isEqualTo("from the jvm\n");
    assertThat(packet.getAddress()).isEqualTo(host.underlayAddress());
    // socat logs the sender; its log is read on another thread, so wait for the line
    assertThat(echo.awaitDatagram(1, Duration.ofSeconds(5)).getAddress()).isEqualTo(link.jvmAddress());

    PingResult hostToJvm = host.ping(link.jvmAddress(), 2);
    assertThat(hostToJvm.allReplied()).as(hostToJvm.output()).isTrue();
  }

  @Test
  void linkAddsOnlyItsOwnSubnetRouteAndLeavesNoTrace(InteropLab lab) {
    Underlay net = lab.newUnderlay();
    Netns host = net.addHost("host");
    JvmLink link = net.attachJvm();
    String network = net.network().toString();

    assertThat(link.network()).isEqualTo(net.network());
    assertThat(net.network().contains(link.jvmAddress())).isTrue();
    assertThat(net.network().contains(host.underlayAddress())).isTrue();
    // main table: exactly the connected /27 on our veth; the rest are the kernel's local/broadcast
    // entries for the link's own address
    String mainRoutes =
        Commands.run(Commands.findTool("ip").orElseThrow().toString(), "-4", "route", "show", "dev", link.interfaceName())
            .requireSuccess()
            .stdout()
            .strip();
    assertThat(mainRoutes).isEqualTo(network + " proto kernel scope link src " + link.jvmAddress().getHostAddress());
    assertThat(link.rootRoutes())
        .allMatch(r -> r.startsWith(network) || r.startsWith("local ") || r.startsWith("broadcast "))
        .noneMatch(r -> r.startsWith("default"));
    // no IPv6 on the root side of the link
    String v6 =
        Commands.run(Commands.findTool("ip").orElseThrow().toString(), "-6", "addr", "show", "dev", link.interfaceName())
            .requireSuccess()
            .stdout();
    assertThat(v6).isBlank();

    // inside: no default route, and everything outside the underlay is unreachable without a packet
    // being sent
    assertThat(host.routes()).noneMatch(r -> r.startsWith("default"));
    assertThat(net.switchNamespace().routes()).noneMatch(r -> r.startsWith("default"));
    assertThat(host.exec("ip", "route", "get", "192.0.2.1").stderr()).contains("Network is unreachable");

    link.close();
    assertThat(link.exists()).isFalse();
    assertThat(link.rootRoutes()).isEmpty();
    assertThat(host.exists()).isTrue();
  }

  @Test
  void dualStackLinkAddsOnlyItsOwnIpv6SubnetAndReachesTheHostsOverIpv6(InteropLab lab)
      throws Exception {
    Underlay net = lab.newDualStackUnderlay();
    Netns host = net.addHost("IPv6 host");
    JvmLink link = net.attachJvm();
    String network6 = net.network6().toString();

    assertThat(net.network6().contains(link.jvmAddress6())).isTrue();
    assertThat(net.network6().contains(host.underlayAddress6())).isTrue();
    assertThat(link.network6()).isEqualTo(net.network6());
    assertThat(network6).startsWith("fd18:").endsWith("::/64");

    // a datagram from the host's IPv6 address reaches a JVM socket bound to the link's
    byte[] buf = new byte[64];
    DatagramPacket packet = new DatagramPacket(buf, buf.length);
    try (DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET6)) {
      ch.bind(new InetSocketAddress(link.jvmAddress6(), 0));
      ch.socket().setSoTimeout(5000);
      String target = "[" + IpNetwork.formatAddress(link.jvmAddress6()) + "]:"
          + ((InetSocketAddress) ch.getLocalAddress()).getPort();
      host.exec(List.of("socat", "-u", "-", "UDP6:" + target), "to the jvm over v6\n",
              Duration.ofSeconds(10))
          .requireSuccess();
      ch.socket().receive(packet);
    }
    assertThat(new String(buf, 0, packet.getLength(), StandardCharsets.UTF_8))
        .isEqualTo("to the jvm over v6\n");
    assertThat(packet.getAddress()).isEqualTo(host.underlayAddress6());
    PingResult hostToJvm = host.ping(link.jvmAddress6(), 2);
    assertThat(hostToJvm.allReplied()).as(hostToJvm.output()).isTrue();

    // root namespace: the connected /64 on our veth, the local route of our own address and the
    // kernel's per-link multicast route; no default route, no link-local address
    String jvm6 = IpNetwork.formatAddress(link.jvmAddress6());
    assertThat(link.rootRoutes6())
        .allMatch(r -> r.startsWith(network6 + " ") || r.startsWith("local " + jvm6 + " ")
            || r.startsWith("multicast ff00::/8 "))
        .anyMatch(r -> r.startsWith(network6 + " proto kernel"));
    String v6 =
        Commands.run(Commands.findTool("ip").orElseThrow().toString(), "-6", "-o", "addr", "show", "dev", link.interfaceName())
            .requireSuccess()
            .stdout();
    assertThat(v6.lines().filter(l -> !l.isBlank()))
        .singleElement()
        .asString()
        .contains(" inet6 " + jvm6 + "/64 scope global");
    assertThat(host.routes6()).noneMatch(r -> r.startsWith("default"));
    assertThat(host.exec("ip", "-6", "route", "get", "2001:db8::1").stderr())
        .contains("Network is unreachable");

    link.close();
    assertThat(link.rootRoutes6()).isEmpty();
  }
}
