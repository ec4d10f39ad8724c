package dev.nebula4j.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nebula4j.config.ConfigProblem.Reason;
import dev.nebula4j.firewall.FirewallAction;
import dev.nebula4j.firewall.FirewallRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builder → toYaml → Debian's {@code nebula -config FILE -test} exits 0, and loading the written
 * file gives back an equal model. Certificates come from Debian's {@code nebula-cert}; both tools
 * must be installed (CI installs them), else the tests are skipped.
 */
class GoNebulaInteropTest {
  static final Path NEBULA = Path.of("/usr/bin/nebula");
  static final Path NEBULA_CERT = Path.of("/usr/bin/nebula-cert");

  @TempDir static Path pki;

  @BeforeAll
  static void makeCertificates() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(NEBULA) && Files.isExecutable(NEBULA_CERT),
        "Debian's nebula package is not installed");
    run(pki, NEBULA_CERT.toString(), "ca", "-name", "Test CA");
    run(pki, NEBULA_CERT.toString(), "sign", "-name", "lighthouse1", "-ip", "10.10.10.1/24");
    run(pki, NEBULA_CERT.toString(), "sign", "-name", "node1", "-ip", "10.10.10.2/24",
        "-groups", "db,web");
    run(pki, NEBULA_CERT.toString(), "sign", "-name", "relay1", "-ip", "10.10.10.3/24");
    run(pki, NEBULA_CERT.toString(), "sign", "-name", "gateway1", "-ip", "10.10.10.4/24",
        "-subnets", "172.16.1.0/24");
  }

  static String run(Path dir, String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", cmd) + " did not finish");
    }
    String text = new String(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("%s\n%s", String.join(" ", cmd), text).isZero();
    return text;
  }

  static NebulaConfig.Builder base(String name) {
    return NebulaConfig.builder()
        .pki(p -> p.ca(pki.resolve("ca.crt").toString())
            .cert(pki.resolve(name + ".crt").toString())
            .key(pki.resolve(name + ".key").toString()))
        // -test needs no device; keeping it disabled also lets the files run unprivileged
        .tun(t -> t.disabled(true));
  }

  /** Writes, runs Go's -test, reloads, compares; returns the written file. */
  static Path roundTrip(NebulaConfig config, Path dir) throws Exception {
    Path file = dir.resolve("config.yaml");
    ConfigWriter.write(config, file);
    run(dir, NEBULA.toString(), "-config", file.toString(), "-test");
    LoadedConfig back = ConfigLoader.load(file);
    assertThat(back.config()).isEqualTo(config);
    assertThat(back.warnings()).isEmpty();
    PkiCheck.Result check = PkiCheck.run(back.config(), Instant.now());
    assertThat(check.problems()).isEmpty();
    assertThat(check.credential()).isPresent();
    return file;
  }

  @Test
  void lighthouse(@TempDir Path dir) throws Exception {
    NebulaConfig c = base("lighthouse1")
        .lighthouse(l -> l.amLighthouse(true).interval(Duration.ofSeconds(60))
            .serveDns(true).dnsHost("127.0.0.1").dnsPort(5353))
        .listen(l -> l.host("0.0.0.0").port(4242))
        .firewallPolicy(FirewallPolicy(List.of(
            FirewallRule.builder().port("any").proto("icmp").host("any").build())))
        .build();
    roundTrip(c, dir);
  }

  @Test
  void nodeWithFirewallRules(@TempDir Path dir) throws Exception {
    // Go 1.6.1 resolves static_host_map names while loading: use one /etc/hosts answers

    NebulaConfig c = base("node1")
        .staticHost("10.10.10.1", "127.0.0.1:4242", "localhost:4242")
        .lighthouse(l -> l.interval(Duration.ofSeconds(60)).addHost(ip("10.10.10.1")))
        .listen(l -> l.port(0))
        .punchy(p -> p.punch(true).respond(true).delay(Duration.ofMillis(1500)))
        .cipher(Cipher.CHACHAPOLY)
        .logging(l -> l.level(LoggingConfig.Level.DEBUG).format(LoggingConfig.Format.JSON))
        .handshakes(h -> h.tryInterval(Duration.ofMillis(200)).retries(20))
        .firewall(f -> f.policy(dev.nebula4j.firewall.FirewallPolicy.builder()
            .tcpTimeout(Duration.ofMinutes(15))
            .udpTimeout(Duration.ofMinutes(2))
            .defaultTimeout(Duration.ofMinutes(5))
            .inboundAction(FirewallAction.REJECT)
            .outbound(FirewallRule.anyAny())
            .inbound(FirewallRule.builder().port("any").proto("icmp").host("any").build())
            .inbound(FirewallRule.builder().port(5432).proto("tcp").groups("db", "web").build())
            .inbound(FirewallRule.builder().port("8000-8100").proto("tcp").group("web").build())
            .inbound(FirewallRule.builder().port("fragment").proto("any").cidr("10.10.10.0/24")
                .build())
            .inbound(FirewallRule.builder().port(53).proto("udp").caName("Test CA").build())
            .build()))
        .build();
    Path file = roundTrip(c, dir);
    assertThat(Files.readString(file)).contains("inbound_action: reject").doesNotContain("sshd");
  }

  @Test
  void relay(@TempDir Path dir) throws Exception {
    NebulaConfig c = base("relay1")
        .staticHost("10.10.10.1", "127.0.0.1:4242")
        .lighthouse(l -> l.addHost(ip("10.10.10.1")))
        .listen(l -> l.port(4243))
        .relay(r -> r.amRelay(true).useRelays(false))
        .build();
    roundTrip(c, dir);
    NebulaConfig user = base("node1")
        .staticHost("10.10.10.1", "127.0.0.1:4242")
        .lighthouse(l -> l.addHost(ip("10.10.10.1")))
        .relay(r -> r.addRelay(ip("10.10.10.3")))
        .build();
    roundTrip(user, dir);
  }

  @Test
  void unsafeRoutes(@TempDir Path dir) throws Exception {
    NebulaConfig c = base("node1")
        .staticHost("10.10.10.1", "127.0.0.1:4242")
        .lighthouse(l -> l.addHost(ip("10.10.10.1")))
        .tun(t -> t.disabled(true).dev("nebula9").mtu(1280)
            .addRoute(new TunRoute(dev.nebula4j.net.IpNetwork.parse("10.10.10.128/25"), 1200))
            .addUnsafeRoute(UnsafeRoute.of("172.16.1.0/24", "10.10.10.4"))
            .addUnsafeRoute(new UnsafeRoute(dev.nebula4j.net.IpNetwork.parse("192.168.50.0/24"),
                List.of(new UnsafeRoute.Gateway(ip("10.10.10.4"), 1)), 1300, 100, true)))
        .build();
    roundTrip(c, dir);
  }

  @Test
  void pkiCheckFindsMismatchesAndNames(@TempDir Path dir) throws Exception {
    NebulaConfig wrongKey = base("node1")
        .pki(p -> p.key(pki.resolve("relay1.key").toString()))
        .build();
    PkiCheck.Result r = PkiCheck.run(wrongKey, Instant.now());
    assertThat(r.problems()).extracting(ConfigProblem::path, ConfigProblem::reason)
        .contains(org.assertj.core.api.Assertions.tuple("pki.key", Reason.KEY_MISMATCH),
            org.assertj.core.api.Assertions.tuple("pki.key", Reason.NAME_MISMATCH));
    // the tutorial's slip: the file is named after another host than the certificate inside
    Files.copy(pki.resolve("node1.crt"), dir.resolve("prod1-postgres-0.crt"));
    Files.copy(pki.resolve("node1.key"), dir.resolve("prod1-postgres-0.key"));
    NebulaConfig renamed = base("node1")
        .pki(p -> p.cert(dir.resolve("prod1-postgres-0.crt").toString())
            .key(dir.resolve("prod1-postgres-0.key").toString()))
        .build();
    assertThat(PkiCheck.run(renamed, Instant.now()).problems())
        .extracting(ConfigProblem::path, ConfigProblem::reason, ConfigProblem::isError)
        .containsExactly(org.assertj.core.api.Assertions.tuple("pki.cert", Reason.NAME_MISMATCH,
            false));
    // inline PEM works like a file
    NebulaConfig inline = base("node1")
        .pki(p -> p.cert(readString(pki.resolve("node1.crt"))))
        .build();
    assertThat(PkiCheck.run(inline, Instant.now()).problems()).isEmpty();
    // a static host outside the certificate's network is refused, as by Go 1.6.1
    NebulaConfig outside = base("node1").staticHost("10.99.0.1", "127.0.0.1:4242").build();
    assertThat(PkiCheck.run(outside, Instant.now()).problems())
        .extracting(ConfigProblem::path, ConfigProblem::reason)
        .containsExactly(org.assertj.core.api.Assertions.tuple(
            "static_host_map.\"10.99.0.1\"", Reason.NOT_IN_NETWORK));
  }

  @Test
  void pkiCheckNamesMissingFilesAndBadInlinePem(@TempDir Path dir) {
    NebulaConfig missing = base("node1")
        .pki(p -> p.ca(dir.resolve("nope.crt").toString()))
        .build();
    assertThat(PkiCheck.run(missing, Instant.now()).problems())
        .extracting(ConfigProblem::path, ConfigProblem::reason, ConfigProblem::value)
        .containsExactly(org.assertj.core.api.Assertions.tuple("pki.ca", Reason.MISSING_FILE,
            dir.resolve("nope.crt").toString()));
    NebulaConfig garbage = base("node1")
        .pki(p -> p.cert("-----BEGIN NEBULA CERTIFICATE-----\nAAAA\n-----END NEBULA CERTIFICATE-----\n"))
        .build();
    assertThat(PkiCheck.run(garbage, Instant.now()).problems())
        .extracting(ConfigProblem::path, ConfigProblem::reason, ConfigProblem::value)
        .containsExactly(org.assertj.core.api.Assertions.tuple("pki.cert", Reason.INVALID_PEM,
            "<inline>"));
  }

  static String readString(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static java.net.InetAddress ip(String s) {
    return dev.nebula4j.net.IpNetwork.parseAddress(s);
  }

  static dev.nebula4j.firewall.FirewallPolicy FirewallPolicy(List<FirewallRule> inbound) {
    dev.nebula4j.firewall.FirewallPolicy.Builder b =
        dev.nebula4j.firewall.FirewallPolicy.builder().outbound(FirewallRule.anyAny());
    inbound.forEach(b::inbound);
    return b.build();
  }
}
