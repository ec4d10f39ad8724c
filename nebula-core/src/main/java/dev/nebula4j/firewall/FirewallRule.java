package dev.nebula4j.firewall;

import dev.nebula4j.net.IpNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of {@code firewall.inbound} or {@code firewall.outbound}, with every selector of Go
 * nebula. A packet matches when {@code proto AND port AND (ca_sha OR ca_name OR no CA filter) AND
 * (host OR groups OR cidr) AND local_cidr} hold; {@code host: any}, {@code group: any} and a rule
 * without host/groups/cidr match every peer. {@code groups} are ANDed: the peer's certificate must
 * hold all of them.
 *
 * @param port destination port selector
 * @param proto protocol selector
 * @param host peer certificate name, or {@code any}
 * @param groups groups the peer certificate must all hold ({@code group: x} is a one-element list;
 *     {@code group: any} is {@code ["any"]})
 * @param cidr the peer's overlay (or unsafe) address must lie in it; a prefix length of 0 ({@code
 *     any}, {@code 0.0.0.0/0}, {@code ::/0}) matches every peer
 * @param localCidr our side's address must lie in it (1.7+); a prefix length of 0 ({@code any})
 *     matches every local address, while an absent one means Go's default (see {@link
 *     FirewallPolicy#defaultLocalCidrAny()})
 * @param caName name of the CA that issued the peer certificate
 * @param caSha hex fingerprint of the CA that issued the peer certificate
 */
public record FirewallRule(
    PortSelector port,
    Protocol proto,
    Optional<String> host,
    List<String> groups,
    Optional<IpNetwork> cidr,
    Optional<IpNetwork> localCidr,
    Optional<String> caName,
    Optional<String> caSha) {

  public FirewallRule {
    Objects.requireNonNull(port, "port");
    Objects.requireNonNull(proto, "proto");
    Objects.requireNonNull(host, "host");
    groups = List.copyOf(groups);
    Objects.requireNonNull(cidr, "cidr");
    Objects.requireNonNull(localCidr, "localCidr");
    Objects.requireNonNull(caName, "caName");
    Objects.requireNonNull(caSha, "caSha");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A rule admitting everything from every peer: {@code port: any, proto: any, host: any}. */
  public static FirewallRule anyAny() {
    return builder().port(PortSelector.ANY).proto(Protocol.ANY).host("any").build();
  }

  /**
   * Whether the rule matches every peer: {@code host: any}, {@code group: any}, {@code cidr} of
   * length 0, or no host/groups/cidr at all.
   */
  public boolean matchesAnyPeer() {
    return host.map("any"::equals).orElse(false)
        || groups.contains("any")
        || cidr.map(c -> c.prefixLength() == 0).orElse(false)
        || (host.isEmpty() && groups.isEmpty() && cidr.isEmpty());
  }

  /** Builder; every setter validates its argument, {@code build()} requires port and proto. */
  public static final class Builder {
    private PortSelector port;
    private Protocol proto;
    private String host;
    private final List<String> groups = new ArrayList<>();
    private IpNetwork cidr;
    private IpNetwork localCidr;
    private String caName;
    private String caSha;

    private Builder() {}

    public Builder port(PortSelector port) {
      this.port = Objects.requireNonNull(port, "port");
      return this;
    }

    /** {@code any}, {@code fragment}, {@code 80}, {@code 1000-2000}. */
    public Builder port(String port) {
      return port(PortSelector.parse(port));
    }

    public Builder port(int port) {
      return port(PortSelector.single(port));
    }

    public Builder proto(Protocol proto) {
      this.proto = Objects.requireNonNull(proto, "proto");
      return this;
    }

    public Builder proto(String proto) {
      return proto(Protocol.parse(proto));
    }

    public Builder host(String host) {
      if (host == null || host.isEmpty()) {
        throw new IllegalArgumentException("host must not be empty");
      }
      this.host = host;
      return this;
    }

    public Builder group(String group) {
      if (group == null || group.isEmpty()) {
        throw new IllegalArgumentException("group must not be empty");
      }
      groups.add(group);
      return this;
    }

    public Builder groups(String... groups) {
      for (String g : groups) {
        group(g);
      }
      return this;
    }

    public Builder groups(List<String> groups) {
      groups.forEach(this::group);
      return this;
    }

    public Builder cidr(IpNetwork cidr) {
      this.cidr = Objects.requireNonNull(cidr, "cidr");
      return this;
    }

    /** A CIDR, or {@code any} (stored as {@code 0.0.0.0/0}, which matches every peer). */
    public Builder cidr(String cidr) {
      return cidr(parseCidrOrAny(cidr));
    }

    public Builder localCidr(IpNetwork localCidr) {
      this.localCidr = Objects.requireNonNull(localCidr, "localCidr");
      return this;
    }

    /** A CIDR, or {@code any} (stored as {@code 0.0.0.0/0}, which matches every local address). */
    public Builder localCidr(String localCidr) {
      return localCidr(parseCidrOrAny(localCidr));
    }

    private static IpNetwork parseCidrOrAny(String cidr) {
      return "any".equals(cidr) ? IpNetwork.ofIpv4(0, 0) : IpNetwork.parse(cidr);
    }

    public Builder caName(String caName) {
      if (caName == null || caName.isEmpty()) {
        throw new IllegalArgumentException("ca_name must not be empty");
      }
      this.caName = caName;
      return this;
    }

    public Builder caSha(String caSha) {
      if (caSha == null || caSha.isEmpty()) {
        throw new IllegalArgumentException("ca_sha must not be empty");
      }
      this.caSha = caSha;
      return this;
    }

    public FirewallRule build() {
      if (port == null) {
        throw new IllegalStateException("firewall rule needs a port (any, fragment, N or N-M)");
      }
      if (proto == null) {
        throw new IllegalStateException("firewall rule needs a proto (any, tcp, udp or icmp)");
      }
      return new FirewallRule(
          port,
          proto,
          Optional.ofNullable(host),
          groups,
          Optional.ofNullable(cidr),
          Optional.ofNullable(localCidr),
          Optional.ofNullable(caName),
          Optional.ofNullable(caSha));
    }
  }
}
