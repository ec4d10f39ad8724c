package dev.nebula4j.interop;

import dev.nebula4j.config.Cipher;
import dev.nebula4j.config.NebulaConfig;
import dev.nebula4j.firewall.FirewallPolicy;
import dev.nebula4j.firewall.FirewallRule;
import dev.nebula4j.firewall.Protocol;
import dev.nebula4j.interop.harness.CertificateIssuer;
import dev.nebula4j.interop.harness.GoNebula;
import dev.nebula4j.interop.harness.InteropLab;
import dev.nebula4j.interop.harness.JavaNebula;
import dev.nebula4j.interop.harness.JvmLink;
import dev.nebula4j.interop.harness.Netns;
import dev.nebula4j.interop.harness.TutorialConfigs;
import dev.nebula4j.interop.harness.Underlay;
import dev.nebula4j.net.IpNetwork;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * One Go nebula 1.6.1 node (kernel tun {@code nebula1} in its own namespace) and one in-process
 * Java node on the JVM link, each in the other's {@code static_host_map}, certificates from one
 * issuer: the setup of the Java↔Go tests.
 *
 * <pre>
 *   namespace "go node"                        root namespace (test JVM)
 *     nebula1 10.10.10.2/24  (Go 1.6.1)          UserspaceDevice 10.10.10.5/24 (NebulaNode)
 *     eth0 198.18.0.(base+2):4242  ──── br0 ──── JvmLink 198.18.0.(base+1):4242
 * </pre>
 *
 * <p>The Go node runs the tutorial's {@code node.yaml} without lighthouse (firewall: out any; in
 * ICMP, TCP 5432 and 8008, plus UDP {@value #UDP_ECHO_PORT} for the echo server the tests start
 * there); the Java node's config is up to the test (default: the tutorial node firewall).
 *
 * <p>{@link #startOverIpv6} builds the same pair on a dual-stack underlay with an IPv6-only
 * underlay between the two: the Java node listens on {@code [fd18:<k>::1]:4242}, Go on {@code
 * listen.host: "::"} (dual-stack, as in Go's example config), and each has the other's IPv6
 * endpoint in {@code static_host_map} ({@code "[fd18:<k>::2]:4242"}).
 */
record JavaGoPair(
    Underlay underlay,
    Netns goNs,
    JvmLink link,
    GoNebula go,
    JavaNebula java,
    InetSocketAddress goEndpoint) {
  static final String GO_NAME = "prod1-postgresql-0";
  static final String GO_CIDR = "10.10.10.2/24";
  static final String JAVA_NAME = "java-node";
  static final String JAVA_CIDR = "10.10.10.5/24";
  static final InetAddress GO_IP = IpNetwork.parse(GO_CIDR).address();
  static final InetAddress JAVA_IP = IpNetwork.parse(JAVA_CIDR).address();
  /** The UDP port of the echo server in the Go node's namespace, admitted by its firewall. */
  static final int UDP_ECHO_PORT = 7;

  /** The Go node's firewall: the tutorial's node rules plus UDP {@value #UDP_ECHO_PORT} in. */
  static FirewallPolicy goFirewall() {
    return TutorialConfigs.nodeFirewall().toBuilder()
        .inbound(FirewallRule.builder().port(UDP_ECHO_PORT).proto(Protocol.UDP).host("any").build())
        .build();
  }

  /** Starts both nodes with {@code cipher}; {@code javaConfig} adjusts the Java node's config. */
  static JavaGoPair start(
      InteropLab lab, CertificateIssuer issuer, Cipher cipher, Consumer<NebulaConfig.Builder> javaConfig) {
    return start(lab, issuer, cipher, javaConfig, c -> {});
  }

  /** Like {@link #start(InteropLab, CertificateIssuer, Cipher, Consumer)}, adjusting Go's config too. */
  static JavaGoPair start(
      InteropLab lab,
      CertificateIssuer issuer,
      Cipher cipher,
      Consumer<NebulaConfig.Builder> javaConfig,
      Consumer<NebulaConfig.Builder> goConfig) {
    return start(lab, issuer, cipher, false, javaConfig, goConfig);
  }

  /**
   * The pair over an IPv6 underlay: Java on the JVM link's {@code fd18:<k>::1}, Go listening on
   * {@code ::}, each other's IPv6 endpoint in {@code static_host_map}.
   */
  static JavaGoPair startOverIpv6(
      InteropLab lab,
      CertificateIssuer issuer,
      Cipher cipher,
      Consumer<NebulaConfig.Builder> goConfig) {
    return start(lab, issuer, cipher, true, c -> {}, goConfig);
  }

  private static JavaGoPair start(
      InteropLab lab,
      CertificateIssuer issuer,
      Cipher cipher,
      boolean ipv6,
      Consumer<NebulaConfig.Builder> javaConfig,
      Consumer<NebulaConfig.Builder> goConfig) {
    Underlay net = ipv6 ? lab.newDualStackUnderlay() : lab.newUnderlay();
    Netns goNs = net.addHost("go node " + GO_NAME);
    JvmLink link = net.attachJvm();
    InetSocketAddress goEndpoint = new InetSocketAddress(
        ipv6 ? goNs.underlayAddress6() : goNs.underlayAddress(), TutorialConfigs.PORT);

    NebulaConfig.Builder jc =
        NebulaConfig.builder()
            .staticHost(GO_IP.getHostAddress(), TutorialConfigs.hostPort(goEndpoint))
            .cipher(cipher)
            .firewallPolicy(TutorialConfigs.nodeFirewall());
    javaConfig.accept(jc);
    JavaNebula.Builder jb = lab.javaNebula("java", link);
    if (ipv6) {
      jb.ipv6();
    }
    JavaNebula java = jb.config(jc).credentials(issuer.issue(JAVA_NAME, JAVA_CIDR)).start();

    NebulaConfig.Builder gc =
        TutorialConfigs.nodeWithStaticPeer(JAVA_IP.getHostAddress(), java.underlayEndpoint())
            .cipher(cipher)
            .firewallPolicy(goFirewall());
    if (ipv6) {
      gc.listen(l -> l.host("::"));
    }
    goConfig.accept(gc);
    GoNebula go =
        lab.goNebula("go", goNs).config(gc).credentials(issuer.issue(GO_NAME, GO_CIDR)).start();
    return new JavaGoPair(net, goNs, link, go, java, goEndpoint);
  }

  static JavaGoPair start(InteropLab lab, CertificateIssuer issuer, Cipher cipher) {
    return start(lab, issuer, cipher, c -> {});
  }
}
