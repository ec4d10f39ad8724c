package dev.nebula4j.examples;

import dev.nebula4j.config.ConfigDiff;
import dev.nebula4j.config.ConfigLoader;
import dev.nebula4j.config.LoadedConfig;
import dev.nebula4j.config.NebulaConfig;
import dev.nebula4j.config.PkiCheck;
import dev.nebula4j.config.UnsafeRoute;
import dev.nebula4j.firewall.FirewallPolicy;
import dev.nebula4j.firewall.FirewallRule;
import dev.nebula4j.net.IpNetwork;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The Java code of {@code docs/configuration.md} (kept identical by a test): checking a Go
 * nebula config as {@code nebula -test} does, and building one in Java.
 */
public final class ConfigurationDoc {
  private ConfigurationDoc() {}

  /**
   * Loads {@code configFile} (a file or a directory, like {@code nebula -config}), prints its
   * warnings and checks its {@code pki} section: files readable, certificate and key matching,
   * CAs usable now.
   *
   * @throws dev.nebula4j.config.ConfigException if the config is invalid
   * @throws IOException if it cannot be read
   */
  public static PkiCheck.Result check(Path configFile) throws IOException {
    // doc:begin docs/configuration.md
    LoadedConfig loaded = ConfigLoader.load(configFile);       // a file or a directory
    NebulaConfig config = loaded.config();
    loaded.warnings().forEach(System.out::println);            // unknown keys, legacy spellings
    PkiCheck.Result pki = PkiCheck.run(config, Instant.now()); // reads pki files / inline PEM
    // doc:end
    return pki;
  }

  /**
   * Builds a node config like the tutorial's {@code node.yaml}, writes it as YAML, reads it back
   * and compares it with a copy whose MTU differs.
   *
   * @return that comparison: only {@code tun.mtu} changed, which a reload can apply
   */
  public static ConfigDiff buildWriteAndCompare() {
    // doc:begin docs/configuration.md
    NebulaConfig node = NebulaConfig.builder()
        .pki(p -> p.ca("/etc/nebula/ca.crt")
            .cert("/etc/nebula/prod1-postgresql-0.crt")
            .key("/etc/nebula/prod1-postgresql-0.key"))
        .staticHost("10.10.10.1", "203.0.113.7:4242", "lighthouse.example.com:4242")
        .lighthouse(l -> l.interval(Duration.ofSeconds(60))
            .addHost(IpNetwork.parseAddress("10.10.10.1")))
        .listen(l -> l.port(4242))
        .punchy(p -> p.punch(true))
        .tun(t -> t.dev("nebula1")
            .addUnsafeRoute(UnsafeRoute.of("172.16.1.0/24", "10.10.10.4")))
        .firewallPolicy(FirewallPolicy.builder()
            .outbound(FirewallRule.anyAny())
            .inbound(FirewallRule.builder().port("any").proto("icmp").host("any").build())
            .inbound(FirewallRule.builder().port(5432).proto("tcp").group("db").build())
            .build())
        .build();

    String yaml = node.toYaml();                           // or ConfigWriter.write(node, path)
    NebulaConfig again = NebulaConfig.parse(yaml);         // equals node
    ConfigDiff diff = node.diff(again.toBuilder().tun(t -> t.mtu(1400)).build());
    System.out.println(diff.sections());        // [SectionChange[section=tun, reloadable=true,
                                                //   keys=[tun.mtu]]]
    System.out.println(diff.requiresRestart()); // false
    // doc:end
    return diff;
  }
}
