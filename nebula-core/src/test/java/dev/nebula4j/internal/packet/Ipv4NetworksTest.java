package dev.nebula4j.internal.packet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nebula4j.net.IpNetwork;
import java.util.List;
import org.junit.jupiter.api.Test;

class Ipv4NetworksTest {
  private static int ip(String s) {
    return IpNetwork.parse(s + "/32").ipv4Address();
  }

  private final Ipv4Networks nets = Ipv4Networks.of(List.of(
      IpNetwork.parse("10.1.2.3/24"), IpNetwork.parse("fd00::1/64"),
      IpNetwork.parse("192.168.7.9/16")));

  @Test
  void addressesMatchExactly() {
    assertThat(nets.isAddress(ip("10.1.2.3"))).isTrue();
    assertThat(nets.isAddress(ip("192.168.7.9"))).isTrue();
    assertThat(nets.isAddress(ip("10.1.2.4"))).isFalse();
  }

  @Test
  void networksMatchByPrefixAndIpv6EntriesAreLeftOut() {
    assertThat(nets.contains(ip("10.1.2.200"))).isTrue();
    assertThat(nets.contains(ip("192.168.250.1"))).isTrue();
    assertThat(nets.contains(ip("10.1.3.1"))).isFalse();
    assertThat(Ipv4Networks.of(List.of(IpNetwork.parse("fd00::1/64"))).isEmpty()).isTrue();
    assertThat(Ipv4Networks.EMPTY.contains(0)).isFalse();
  }

  @Test
  void broadcastIsTheNetworkWithAllHostBitsSet() {
    assertThat(nets.isBroadcast(ip("10.1.2.255"))).isTrue();
    assertThat(nets.isBroadcast(ip("192.168.255.255"))).isTrue();
    assertThat(nets.isBroadcast(ip("10.1.2.254"))).isFalse();
  }

  @Test
  void addressForPicksOurAddressInTheDestinationsNetwork() {
    assertThat(nets.addressFor(ip("192.168.1.1"), -1)).isEqualTo(ip("192.168.7.9"));
    assertThat(nets.addressFor(ip("10.1.2.77"), -1)).isEqualTo(ip("10.1.2.3"));
    assertThat(nets.addressFor(ip("8.8.8.8"), -1)).isEqualTo(-1);
  }
}
