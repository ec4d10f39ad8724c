package dev.nebula4j.node;

import static dev.nebula4j.node.NodeTestKit.hostPort;
import static dev.nebula4j.node.NodeTestKit.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nebula4j.cert.HostCredential;
import dev.nebula4j.config.Cipher;
import dev.nebula4j.config.ConfigException;
import dev.nebula4j.config.NebulaConfig;
import dev.nebula4j.config.PkiSource;
import dev.nebula4j.device.UserspaceDevice;
import dev.nebula4j.firewall.Direction;
import dev.nebula4j.firewall.DropReason;
import dev.nebula4j.firewall.FirewallPolicy;
import dev.nebula4j.firewall.FirewallRule;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link NebulaNode#reload}: firewall and trusted CAs change on a running node, all or nothing. */
class NebulaNodeReloadTest {
  final NodeTestKit kit = new NodeTestKit();
  final HostCredential alpha = kit.host("alpha", "10.44.0.1/24");
  final HostCredential beta = kit.host("beta", "10.44.0.2/24");
  final HostCredential gamma = kit.host("gamma", "10.44.0.3/24");

  static final FirewallPolicy ONLY_POSTGRES = FirewallPolicy.builder()
      .inbound(FirewallRule.builder().port(5432).proto("tcp").host("any").build())
      .outbound(FirewallRule.anyAny())
      .build();

  @Test
  void firewallRulesChangeOnTheRunningNode() throws Exception {
    NebulaConfig config = kit.config(alpha, Cipher.AES, c -> {});
    UserspaceDevice devB = UserspaceDevice.create("10.44.0.2/24");
    try (NebulaNode a = NebulaNode.builder(config).build()) {
      a.start();
      try (NebulaNode b = NebulaNode.builder(kit.config(beta, Cipher.AES,
          c -> c.staticHost("10.44.0.1", hostPort(a.listenAddress())))).device(devB).build()) {
        b.start();
        assertThat(devB.ping(ip("10.44.0.1"), Duration.ofSeconds(10))).isPositive();

        a.reload(config.toBuilder().firewallPolicy(ONLY_POSTGRES).build());
        assertThat(a.config().firewall().policy()).isEqualTo(ONLY_POSTGRES);
        long before = a.stats().firewallDrops(Direction.INBOUND, DropReason.NO_MATCHING_RULE);
        assertThatThrownBy(() -> devB.ping(ip("10.44.0.1"), Duration.ofMillis(300)))
            .isInstanceOf(SocketTimeoutException.class);
        assertThat(a.stats().firewallDrops(Direction.INBOUND, DropReason.NO_MATCHING_RULE))
            .isGreaterThan(before);
        assertThat(a.tunnels()).hasSize(1); // the tunnel itself is untouched

        a.reload(config);
        assertThat(devB.ping(ip("10.44.0.1"), Duration.ofSeconds(5))).isPositive();
      }
    }
  }

  @Test
  void aBlocklistedPeerIsRefusedAfterReload() throws Exception {
    NebulaConfig config = kit.config(alpha, Cipher.AES, c -> {});
    try (NebulaNode a = NebulaNode.builder(config).build()) {
      a.start();
      a.reload(config.toBuilder().pki(p -> p.blocklist(
          List.of(gamma.certificate().fingerprint().hex()))).build());
      assertThat(a.config().pki().blocklist()).hasSize(1);
      try (NebulaNode c = NebulaNode.builder(kit.config(gamma, Cipher.AES,
          cfg -> cfg.staticHost("10.44.0.1", hostPort(a.listenAddress()))
              .handshakes(h -> h.tryInterval(Duration.ofMillis(10)).retries(3)))).build()) {
        c.start();
        assertThatThrownBy(() -> c.connect(ip("10.44.0.1")).get(10, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(HandshakeFailedException.class);
        assertThat(a.stats().handshakeFailures(HandshakeFailure.CERT_BLOCKLISTED)).isPositive();
      }
      // beta is not blocklisted
      try (NebulaNode b = NebulaNode.builder(kit.config(beta, Cipher.AES,
          cfg -> cfg.staticHost("10.44.0.1", hostPort(a.listenAddress())))).build()) {
        b.start();
        assertThat(b.connect(ip("10.44.0.1")).get(10, TimeUnit.SECONDS).peerName())
            .isEqualTo("alpha");
      }
    }
  }

  @Test
  void aBadReloadChangesNothing() throws Exception {
    NebulaConfig config = kit.config(alpha, Cipher.AES, c -> {});
    NebulaNode a = NebulaNode.builder(config).build();
    assertThatThrownBy(() -> a.reload(config)).isInstanceOf(IllegalStateException.class);
    try (a) {
      a.start();
      NebulaConfig badBlocklist = config.toBuilder().firewallPolicy(ONLY_POSTGRES)
          .pki(p -> p.blocklist(List.of("nope"))).build();
      assertThatThrownBy(() -> a.reload(badBlocklist)).isInstanceOf(ConfigException.class)
          .satisfies(e -> assertThat(((ConfigException) e).errors())
              .anySatisfy(p -> assertThat(p.path()).isEqualTo("pki.blocklist[0]")));
      NebulaConfig missingCa = config.toBuilder().firewallPolicy(ONLY_POSTGRES)
          .pki(p -> p.ca(new PkiSource.File(Path.of("/nonexistent/ca.crt")))).build();
      assertThatThrownBy(() -> a.reload(missingCa)).isInstanceOf(ConfigException.class)
          .satisfies(e -> assertThat(((ConfigException) e).errors())
              .anySatisfy(p -> assertThat(p.path()).isEqualTo("pki.ca")));
      assertThat(a.config()).isEqualTo(config);
    }
    assertThatThrownBy(() -> a.reload(config)).isInstanceOf(IllegalStateException.class);
  }
}
