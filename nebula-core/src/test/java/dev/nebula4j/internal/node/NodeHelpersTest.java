package dev.nebula4j.internal.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nebula4j.config.HostPort;
import dev.nebula4j.config.RecvErrorPolicy;
import dev.nebula4j.config.UnsafeRoute;
import dev.nebula4j.net.IpNetwork;
import dev.nebula4j.node.NodeEventListener;
import dev.nebula4j.node.PacketDropReason;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class NodeHelpersTest {
  static int ip(String s) {
    return IpNetwork.parse(s + "/32").ipv4Address();
  }

  @Test
  void staticHostMapResolvesNamesOnceSkipsFailuresAndNeverLooksUpLiterals() {
    Map<InetAddress, List<HostPort>> map = new LinkedHashMap<>();
    map.put(IpNetwork.parseAddress("10.1.0.1"),
        List.of(HostPort.parse("192.0.2.7:4242"), HostPort.parse("lighthouse.example:4243")));
    map.put(IpNetwork.parseAddress("10.1.0.2"), List.of(HostPort.parse("gone.example:4242")));
    List<String> lookups = new ArrayList<>();
    StaticRemotes remotes = StaticRemotes.resolve(map, host -> {
      lookups.add(host);
      if (host.equals("gone.example")) {
        throw new UnknownHostException(host);
      }
      return new InetAddress[] {IpNetwork.parseAddress("198.51.100.1"),
          IpNetwork.parseAddress("198.51.100.2")};
    });
    assertThat(lookups).containsExactly("lighthouse.example", "gone.example");
    assertThat(remotes.remotes(ip("10.1.0.1"))).containsExactly(
        new InetSocketAddress(IpNetwork.parseAddress("192.0.2.7"), 4242),
        new InetSocketAddress(IpNetwork.parseAddress("198.51.100.1"), 4243),
        new InetSocketAddress(IpNetwork.parseAddress("198.51.100.2"), 4243));
    assertThat(remotes.isStatic(ip("10.1.0.2"))).isTrue();
    assertThat(remotes.remotes(ip("10.1.0.2"))).isEmpty();
    assertThat(remotes.isStatic(ip("10.1.0.3"))).isFalse();
    assertThat(remotes.remotes(ip("10.1.0.3"))).isEmpty();
  }

  @Test
  void recvErrorPolicyPrivateMeansGoIsPrivate() {
    for (String p : List.of("10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1", "fd00::1",
        "fc12::1")) {
      assertThat(RecvErrorPolicies.isPrivate(IpNetwork.parseAddress(p))).as(p).isTrue();
    }
    for (String p : List.of("127.0.0.1", "172.32.0.1", "192.169.0.1", "8.8.8.8", "fe80::1",
        "2001:db8::1")) {
      assertThat(RecvErrorPolicies.isPrivate(IpNetwork.parseAddress(p))).as(p).isFalse();
    }
    InetSocketAddress lan = new InetSocketAddress(IpNetwork.parseAddress("10.0.0.1"), 1);
    InetSocketAddress wan = new InetSocketAddress(IpNetwork.parseAddress("8.8.8.8"), 1);
    assertThat(RecvErrorPolicies.allows(RecvErrorPolicy.ALWAYS, wan)).isTrue();
    assertThat(RecvErrorPolicies.allows(RecvErrorPolicy.NEVER, lan)).isFalse();
    assertThat(RecvErrorPolicies.allows(RecvErrorPolicy.PRIVATE, lan)).isTrue();
    assertThat(RecvErrorPolicies.allows(RecvErrorPolicy.PRIVATE, wan)).isFalse();
  }

  @Test
  void unsafeRoutesPickTheLongestMatchingPrefix() {
    UnsafeRoutes routes = new UnsafeRoutes(List.of(
        UnsafeRoute.of("192.168.0.0/16", "10.1.0.5"),
        UnsafeRoute.of("192.168.7.0/24", "10.1.0.6")));
    assertThat(routes.gatewayFor(ip("192.168.7.9"))).isEqualTo(ip("10.1.0.6"));
    assertThat(routes.gatewayFor(ip("192.168.8.9"))).isEqualTo(ip("10.1.0.5"));
    assertThat(routes.gatewayFor(ip("172.16.0.1"))).isZero();
  }

  @Test
  void dropLogCountsEveryDropButLogsEachReasonAtMostOncePerInterval() {
    NodeCounters counters = new NodeCounters();
    AtomicLong now = new AtomicLong(1_000);
    DropLog log = new DropLog(counters, now::get);
    for (int i = 0; i < 1000; i++) {
      log.drop(PacketDropReason.REPLAYED, null);
    }
    assertThat(counters.drops(PacketDropReason.REPLAYED)).isEqualTo(1000);
    assertThat(log.lines()).isEqualTo(1);
    log.drop(PacketDropReason.DECRYPT_FAILED, null); // another reason: its first drop is logged
    assertThat(log.lines()).isEqualTo(2);
    now.addAndGet(DropLog.INTERVAL_NANOS - 1);
    log.drop(PacketDropReason.REPLAYED, null);
    assertThat(log.lines()).isEqualTo(2);
    now.addAndGet(1);
    log.drop(PacketDropReason.REPLAYED, null);
    assertThat(log.lines()).isEqualTo(3);
    assertThat(counters.snapshot(0, 0, 0).drops(PacketDropReason.REPLAYED)).isEqualTo(1002);
  }

  @Test
  void throwingListenerIsContained() {
    AtomicInteger calls = new AtomicInteger();
    NodeEvents events = new NodeEvents(new NodeEventListener() {
      @Override
      public void handshakeStarted(InetAddress vpnAddress) {
        calls.incrementAndGet();
        throw new IllegalStateException("bug");
      }
    });
    events.handshakeStarted(ip("10.1.0.1"));
    events.handshakeStarted(ip("10.1.0.2"));
    assertThat(calls).hasValue(2);
  }
}
