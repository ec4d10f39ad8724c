package dev.nebula4j.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpNetworkTest {

  @Test
  void parsesAndKeepsHostBits() {
    IpNetwork n = IpNetwork.parse("10.10.10.1/24");
    assertThat(n.ipv4Address()).isEqualTo(0x0a0a0a01);
    assertThat(n.ipv4Netmask()).isEqualTo(0xffffff00);
    assertThat(n.toString()).isEqualTo("10.10.10.1/24");
    assertThat(n.masked().toString()).isEqualTo("10.10.10.0/24");
  }

  @Test
  void containment() {
    IpNetwork ca = IpNetwork.parse("10.10.0.0/16");
    assertThat(ca.contains(IpNetwork.parse("10.10.10.1/24"))).isTrue();
    assertThat(ca.contains(IpNetwork.parse("10.10.10.1/8"))).isFalse();
    assertThat(ca.contains(IpNetwork.parse("10.11.10.1/24"))).isFalse();
    assertThat(ca.containsIpv4(0x0a0aff01)).isTrue();
    assertThat(IpNetwork.parse("0.0.0.0/0").containsIpv4(0xdeadbeef)).isTrue();
    assertThat(ca.contains(IpNetwork.parse("fd00::1/64"))).isFalse();
  }

  @Test
  void ipv6() {
    IpNetwork n = IpNetwork.parse("fd00:0:0:0::1/64");
    assertThat(n.toString()).isEqualTo("fd00::1/64");
    assertThat(n.isIpv6()).isTrue();
    assertThat(n.contains(IpNetwork.parseAddress("fd00::ffff"))).isTrue();
    assertThat(IpNetwork.parse("::ffff:10.0.0.1/128").isIpv6()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.0.0.1", "10.0.0.1/33", "10.0.0/8", "010.0.0.1/8", "10.0.0.256/8", "10.0.0.1/08",
        "example.com/8", "fe80::1%eth0/64", "10.0.0.1/", "/8", "::1/129", " 10.0.0.1/8"
      })
  void rejectsGarbageWithTheInputInTheMessage(String bad) {
    assertThatThrownBy(() -> IpNetwork.parse(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(bad.trim().isEmpty() ? "" : bad);
  }

  @Test
  void netmaskPairs() {
    assertThat(IpNetwork.ofIpv4Mask(0x0a2a0105, 0xffffff00).toString()).isEqualTo("10.42.1.5/24");
    assertThatThrownBy(() -> IpNetwork.ofIpv4Mask(0x0a2a0105, 0xff00ff00))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("255.0.255.0");
  }

  @Property
  void formatThenParseRoundTrips(
      @ForAll int address, @ForAll @IntRange(min = 0, max = 32) int prefix) {
    IpNetwork n = IpNetwork.ofIpv4(address, prefix);
    assertThat(IpNetwork.parse(n.toString())).isEqualTo(n);
    assertThat(n.masked().contains(n)).isTrue();
    assertThat(n.containsIpv4(address)).isTrue();
  }
}
