package dev.nebula4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.nebula4j.config.ConfigProblem.Reason;
import dev.nebula4j.firewall.FirewallAction;
import dev.nebula4j.firewall.FirewallRule;
import dev.nebula4j.firewall.PortSelector;
import dev.nebula4j.firewall.Protocol;
import dev.nebula4j.net.IpNetwork;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The users' files and Debian's example load with the values Go nebula reads. */
class ConfigLoaderTest {
  static final Path DEBIAN_EXAMPLE = Path.of("/usr/share/doc/nebula/examples/config.yml");

  static Path tutorial(String name) {
    try {
      return Path.of(ConfigLoaderTest.class.getResource("/config/tutorial/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void tutorialCopiesMatchTheSharedOriginals() throws IOException {
    Path shared = null;
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("shared/fixtures/tutorial"))) {
        shared = p.resolve("shared/fixtures/tutorial");
        break;
      }
    }
    if (shared == null && Files.isDirectory(Path.of("/work/shared/fixtures/tutorial"))) {
      shared = Path.of("/work/shared/fixtures/tutorial");
    }
    Assumptions.assumeTrue(shared != null, "shared/fixtures/tutorial not found");
    for (String f : List.of("lighthouse.yaml", "node.yaml")) {
      assertThat(Files.readString(tutorial(f))).isEqualTo(Files.readString(shared.resolve(f)));
    }
  }

  @Test
  void tutorialLighthouseLoadsWithGoValues() {
    LoadedConfig lc = ConfigLoader.load(tutorial("lighthouse.yaml"));
    NebulaConfig c = lc.config();
    assertThat(c.pki().ca()).isEqualTo(new PkiSource.File(Path.of("/etc/nebula/ca.crt")));
    assertThat(c.pki().cert())
        .isEqualTo(new PkiSource.File(Path.of("/etc/nebula/leuchtturm1.crt")));
    assertThat(c.pki().key()).isEqualTo(new PkiSource.File(Path.of("/etc/nebula/leuchtturm1.key")));
    assertThat(c.staticHostMap()).isEmpty();
    assertThat(c.lighthouse().amLighthouse()).isTrue();
    assertThat(c.lighthouse().interval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.lighthouse().hosts()).isEmpty();
    assertThat(c.listen().host()).isEqualTo("0.0.0.0");
    assertThat(c.listen().port()).isEqualTo(4242);
    assertThat(c.firewall().policy().inboundAction()).isEqualTo(FirewallAction.DROP);
    assertThat(c.firewall().policy().tcpTimeout()).isEqualTo(Duration.ofMinutes(12));
    assertThat(c.firewall().policy().udpTimeout()).isEqualTo(Duration.ofMinutes(3));
    assertThat(c.firewall().policy().defaultTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.firewall().policy().outbound()).containsExactly(FirewallRule.anyAny());
    assertThat(c.firewall().policy().inbound())
        .containsExactly(FirewallRule.builder().port("any").proto("icmp").host("any").build());
    // Go defaults for everything not written
    assertThat(c.cipher()).isEqualTo(Cipher.AES);
    assertThat(c.tun()).isEqualTo(TunConfig.defaults());
    assertThat(c.punchy().punch()).isFalse();
    assertThat(c.handshakes().tryInterval()).isEqualTo(Duration.ofMillis(100));
    assertThat(c.handshakes().retries()).isEqualTo(10);
    assertThat(c.relay().useRelays()).isTrue();
    assertThat(lc.warnings()).isEmpty();
  }

  @Test
  void tutorialNodePlaceholderIsAnInvalidAddress() {
    ConfigException e =
        catchThrowableOfType(ConfigException.class,
            () -> ConfigLoader.load(tutorial("node.yaml")));
    assertThat(e.errors()).hasSize(1);
    ConfigProblem p = e.errors().get(0);
    assertThat(p.path()).isEqualTo("static_host_map.\"10.10.10.1\"[0]");
    assertThat(p.reason()).isEqualTo(Reason.INVALID_ADDRESS);
    assertThat(p.value()).isEqualTo("<public ip von leuchtturm1>:4242");
    assertThat(p.line()).isEqualTo(7);
  }

  @Test
  void tutorialNodeWithARealAddressLoadsWithGoValues() throws IOException {
    String text = Files.readString(tutorial("node.yaml"))
        .replace("<public ip von leuchtturm1>", "203.0.113.7");
    NebulaConfig c = ConfigLoader.parse(text).config();
    assertThat(c.staticHostMap())
        .containsExactly(java.util.Map.entry(IpNetwork.parseAddress("10.10.10.1"),
            List.of(new HostPort("203.0.113.7", 4242))));
    assertThat(c.lighthouse().amLighthouse()).isFalse();
    assertThat(c.lighthouse().hosts()).containsExactly(IpNetwork.parseAddress("10.10.10.1"));
    assertThat(c.punchy().punch()).isTrue();
    assertThat(c.relay().amRelay()).isFalse();
    assertThat(c.relay().useRelays()).isTrue();
    assertThat(c.tun().dev()).isEqualTo("nebula1");
    assertThat(c.tun().mtu()).isEqualTo(1300);
    assertThat(c.tun().txQueue()).isEqualTo(500);
    assertThat(c.tun().routes()).isEmpty();
    assertThat(c.tun().unsafeRoutes()).isEmpty();
    assertThat(c.logging().level()).isEqualTo(LoggingConfig.Level.INFO);
    assertThat(c.logging().format()).isEqualTo(LoggingConfig.Format.TEXT);
    assertThat(c.firewall().policy().inbound())
        .extracting(FirewallRule::port, FirewallRule::proto)
        .containsExactly(
            org.assertj.core.api.Assertions.tuple(PortSelector.ANY, Protocol.ICMP),
            org.assertj.core.api.Assertions.tuple(PortSelector.single(5432), Protocol.TCP),
            org.assertj.core.api.Assertions.tuple(PortSelector.single(8008), Protocol.TCP));
  }

  @Test
  void dnsNamesInStaticHostMapStayUnresolved() {
    NebulaConfig c = ConfigLoader.parse(
        "pki: {ca: a, cert: b, key: c}\n"
            + "static_host_map:\n  \"10.10.10.1\": lighthouse.example.com:4242\n"
            + "lighthouse:\n  hosts: [10.10.10.1]\n").config();
    HostPort hp = c.staticHostMap().get(IpNetwork.parseAddress("10.10.10.1")).get(0);
    assertThat(hp.host()).isEqualTo("lighthouse.example.com");
    assertThat(hp.isIpLiteral()).isFalse();
  }

  @Test
  void debianExampleLoadsWithGoValues() {
    Assumptions.assumeTrue(Files.isReadable(DEBIAN_EXAMPLE), "Debian's nebula package not installed");
    LoadedConfig lc = ConfigLoader.load(DEBIAN_EXAMPLE);
    NebulaConfig c = lc.config();
    assertThat(c.pki().cert()).isEqualTo(new PkiSource.File(Path.of("/etc/nebula/host.crt")));
    assertThat(c.staticHostMap().get(IpNetwork.parseAddress("192.168.100.1")))
        .containsExactly(new HostPort("100.64.22.11", 4242));
    assertThat(c.lighthouse().interval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.lighthouse().hosts()).containsExactly(IpNetwork.parseAddress("192.168.100.1"));
    assertThat(c.listen().port()).isEqualTo(4242);
    assertThat(c.punchy().punch()).isTrue();
    assertThat(c.punchy().respond()).isFalse();
    assertThat(c.punchy().delay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.tun().dev()).isEqualTo("nebula1");
    assertThat(c.relay().amRelay()).isFalse();
    assertThat(c.firewall().policy().inbound()).hasSize(2);
    FirewallRule https = c.firewall().policy().inbound().get(1);
    assertThat(https.port()).isEqualTo(PortSelector.single(443));
    assertThat(https.proto()).isEqualTo(Protocol.TCP);
    assertThat(https.groups()).containsExactly("laptop", "home");
    assertThat(https.host()).isEmpty();
    assertThat(lc.warnings()).isEmpty();
  }

  @Test
  void directoryMergesLikeGo(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("00-base.yaml"),
        "pki: {ca: /ca.crt, cert: /h.crt, key: /h.key}\nlisten:\n  port: 1111\n  host: \"::\"\n");
    Files.writeString(dir.resolve("10-a.yaml"),
        "firewall:\n  inbound:\n    - {port: 1, proto: tcp, host: a}\n");
    Files.writeString(dir.resolve("20-b.yml"),
        "listen:\n  port: 2222\n  host:\nfirewall:\n  inbound:\n    - {port: 2, proto: tcp, host: b}\n");
    Files.writeString(dir.resolve("30-ignored.txt"), "listen: {port: 3333}\n");
    LoadedConfig lc = ConfigLoader.load(dir);
    NebulaConfig c = lc.config();
    // later scalars win; a null in a later file keeps the earlier value
    assertThat(c.listen().port()).isEqualTo(2222);
    assertThat(c.listen().host()).isEqualTo("::");
    // lists concatenate, later file first (as nebula 1.6.1's firewall log shows)
    assertThat(c.firewall().policy().inbound()).extracting(r -> r.host().orElseThrow())
        .containsExactly("b", "a");
    assertThat(lc.files()).extracting(p -> p.getFileName().toString())
        .containsExactly("00-base.yaml", "10-a.yaml", "20-b.yml");
  }

  @Test
  void unknownAndUnimplementedKeysWarn() {
    LoadedConfig lc = ConfigLoader.parse(
        "pki: {ca: a, cert: b, key: c}\n"
            + "bogus: 1\n"
            + "listen: {port: 4242, colour: blue}\n"
            + "sshd:\n  enabled: true\n  listen: 127.0.0.1:2222\n  host_key: /k\n"
            + "stats:\n  type: prometheus\n  listen: 127.0.0.1:8080\n  path: /metrics\n"
            + "  interval: 10s\n"
            + "firewall:\n  conntrack:\n    max_connections: 100000\n");
    assertThat(lc.warnings())
        .extracting(ConfigProblem::path, ConfigProblem::reason)
        .containsExactlyInAnyOrder(
            org.assertj.core.api.Assertions.tuple("bogus", Reason.UNKNOWN_KEY),
            org.assertj.core.api.Assertions.tuple("listen.colour", Reason.UNKNOWN_KEY),
            org.assertj.core.api.Assertions.tuple("sshd.enabled", Reason.NOT_IMPLEMENTED),
            org.assertj.core.api.Assertions.tuple("stats.type", Reason.NOT_IMPLEMENTED),
            org.assertj.core.api.Assertions.tuple(
                "firewall.conntrack.max_connections", Reason.UNKNOWN_KEY));
    assertThat(lc.config().sshd().listen()).isEqualTo("127.0.0.1:2222");
    assertThat(lc.config().stats().type()).isEqualTo(StatsConfig.Type.PROMETHEUS);
  }

  @Test
  void goCoercionsAndLegacyKeys() {
    LoadedConfig lc = ConfigLoader.parse(
        "pki: {ca: a, cert: b, key: c}\n"
            + "punchy: yes\n"
            + "punch_back: Y\n"
            + "local_range: 192.168.0.0/16\n"
            + "cipher: chachapoly\n"
            + "listen: {send_recv_error: false, port: \"4242\"}\n"
            + "tun: {disabled: 1, mtu: '1400'}\n"
            + "handshakes: {try_interval: 1h30m, retries: 20}\n"
            + "firewall:\n"
            + "  inbound_action: reject\n"
            + "  inbound:\n"
            + "    - {port: 1000-2000, proto: udp, group: [web]}\n"
            + "    - {code: any, proto: icmp, cidr: any}\n"
            + "    - {proto: icmp, host: any, local_cidr: any}\n");
    NebulaConfig c = lc.config();
    assertThat(c.punchy().punch()).isTrue();
    assertThat(c.punchy().respond()).isTrue();
    assertThat(c.preferredRanges()).containsExactly(IpNetwork.parse("192.168.0.0/16"));
    assertThat(c.cipher()).isEqualTo(Cipher.CHACHAPOLY);
    assertThat(c.listen().sendRecvError()).isEqualTo(RecvErrorPolicy.NEVER);
    assertThat(c.listen().port()).isEqualTo(4242);
    assertThat(c.tun().disabled()).isTrue();
    assertThat(c.tun().mtu()).isEqualTo(1400);
    assertThat(c.handshakes().tryInterval()).isEqualTo(Duration.ofMinutes(90));
    assertThat(c.handshakes().retries()).isEqualTo(20);
    List<FirewallRule> in = c.firewall().policy().inbound();
    assertThat(c.firewall().policy().inboundAction()).isEqualTo(FirewallAction.REJECT);
    assertThat(in.get(0).port()).isEqualTo(PortSelector.range(1000, 2000));
    assertThat(in.get(0).groups()).containsExactly("web");
    // cidr: any and local_cidr: any are /0 prefixes, which FirewallRule reads as "any"
    assertThat(in.get(1).cidr()).contains(IpNetwork.parse("0.0.0.0/0"));
    assertThat(in.get(1).matchesAnyPeer()).isTrue();
    assertThat(in.get(2).localCidr()).isEqualTo(Optional.of(IpNetwork.parse("0.0.0.0/0")));
    assertThat(in).hasSize(3);
    assertThat(lc.warnings()).extracting(ConfigProblem::reason)
        .contains(Reason.DEPRECATED, Reason.WRONG_TYPE);
  }

  @Test
  void lighthouseConsistencyRules() {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(
        "pki: {ca: a, cert: b, key: c}\n"
            + "lighthouse:\n  am_lighthouse: true\n  hosts: [10.10.10.9]\n"));
    assertThat(e.errors()).extracting(ConfigProblem::path, ConfigProblem::reason)
        .containsExactly(
            org.assertj.core.api.Assertions.tuple("lighthouse.hosts[0]", Reason.CONFLICT),
            org.assertj.core.api.Assertions.tuple("lighthouse.am_lighthouse", Reason.CONFLICT));
  }

  @Test
  void allowListsFollowGoSemantics() {
    NebulaConfig c = ConfigLoader.parse(
        "pki: {ca: a, cert: b, key: c}\n"
            + "lighthouse:\n"
            + "  remote_allow_list:\n"
            + "    \"172.16.0.0/12\": false\n"
            + "  local_allow_list:\n"
            + "    interfaces:\n      'docker.*': false\n"
            + "    \"10.0.0.0/8\": true\n").config();
    AllowList ral = c.lighthouse().remoteAllowList().orElseThrow();
    assertThat(ral.allows(IpNetwork.parseAddress("172.16.5.5"))).isFalse();
    assertThat(ral.allows(IpNetwork.parseAddress("8.8.8.8"))).isTrue();
    LocalAllowList lal = c.lighthouse().localAllowList().orElseThrow();
    assertThat(lal.allows("eth0", IpNetwork.parseAddress("10.1.2.3"))).isTrue();
    assertThat(lal.allows("eth0", IpNetwork.parseAddress("192.168.1.1"))).isFalse();
    assertThat(lal.allows("docker0", IpNetwork.parseAddress("10.1.2.3"))).isFalse();

    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(
        "pki: {ca: a, cert: b, key: c}\n"
            + "lighthouse:\n  remote_allow_list:\n    \"10.0.0.0/8\": false\n"
            + "    \"10.42.0.0/16\": true\n"));
    assertThat(e.errors()).extracting(ConfigProblem::path, ConfigProblem::reason)
        .containsExactly(org.assertj.core.api.Assertions.tuple(
            "lighthouse.remote_allow_list", Reason.CONFLICT));
  }
}
