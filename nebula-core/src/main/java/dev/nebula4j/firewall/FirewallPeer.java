package dev.nebula4j.firewall;

import dev.nebula4j.internal.packet.Ipv4Networks;
import dev.nebula4j.net.IpNetwork;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What the firewall knows about the host at the other end of a tunnel: the facts of its verified
 * certificate that rules select on. The node builds one when a tunnel comes up (from the peer's
 * certificate and the CA that signed it) and passes it with every packet of that tunnel; the
 * firewall itself never looks at certificates.
 *
 * <p>Immutable and thread-safe. Building one precomputes the IPv4 address tables the per-packet
 * checks use, so it should be built once per tunnel, not per packet.
 *
 * <pre>{@code
 * FirewallPeer peer = FirewallPeer.builder()
 *     .name("prod1-postgres-1")
 *     .vpnNetwork(IpNetwork.parse("10.10.10.6/24"))
 *     .groups("db", "prod")
 *     .issuerFingerprint("4f1c...")   // hex SHA-256 of the signing CA certificate
 *     .caName("Prod CA")
 *     .build();
 * }</pre>
 */
public final class FirewallPeer {
  private final String name;
  private final Set<String> groups;
  private final List<IpNetwork> vpnNetworks;
  private final List<IpNetwork> unsafeNetworks;
  private final String issuerFingerprint;
  private final String caName;

  // precomputed for the packet path
  private final Ipv4Networks vpnIpv4;
  private final Ipv4Networks unsafeIpv4;

  private FirewallPeer(Builder b) {
    this.name = b.name;
    this.groups = Set.copyOf(b.groups);
    this.vpnNetworks = List.copyOf(b.vpnNetworks);
    this.unsafeNetworks = List.copyOf(b.unsafeNetworks);
    this.issuerFingerprint = b.issuerFingerprint;
    this.caName = b.caName;

    this.vpnIpv4 = Ipv4Networks.of(vpnNetworks);
    this.unsafeIpv4 = Ipv4Networks.of(unsafeNetworks);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The certificate's name (matched by {@code host}). */
  public String name() {
    return name;
  }

  /** The certificate's groups (matched by {@code group}/{@code groups}). */
  public Set<String> groups() {
    return groups;
  }

  /**
   * The certificate's VPN networks; the firewall uses their addresses only: the peer may send from
   * exactly these addresses.
   */
  public List<IpNetwork> vpnNetworks() {
    return vpnNetworks;
  }

  /** The certificate's unsafe networks: the peer may also send from any address inside them. */
  public List<IpNetwork> unsafeNetworks() {
    return unsafeNetworks;
  }

  /**
   * Lower-case hex fingerprint of the CA certificate that signed the peer's certificate (matched
   * by {@code ca_sha}); empty when unknown.
   */
  public String issuerFingerprint() {
    return issuerFingerprint;
  }

  /** Name of the CA that signed the peer's certificate (matched by {@code ca_name}); may be empty. */
  public String caName() {
    return caName;
  }

  /** Whether the certificate holds the group. */
  public boolean hasGroup(String group) {
    return groups.contains(group);
  }

  /** Whether {@code address} (big-endian IPv4) is one of the peer's VPN addresses, exactly. */
  public boolean isVpnAddressIpv4(int address) {
    return vpnIpv4.isAddress(address);
  }

  /** Whether {@code address} (big-endian IPv4) lies in one of the peer's unsafe networks. */
  public boolean inUnsafeNetworkIpv4(int address) {
    return unsafeIpv4.contains(address);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FirewallPeer p
        && p.name.equals(name)
        && p.groups.equals(groups)
        && p.vpnNetworks.equals(vpnNetworks)
        && p.unsafeNetworks.equals(unsafeNetworks)
        && p.issuerFingerprint.equals(issuerFingerprint)
        && p.caName.equals(caName);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, groups, vpnNetworks, unsafeNetworks, issuerFingerprint, caName);
  }

  @Override
  public String toString() {
    return "FirewallPeer{name=" + name + ", vpn=" + vpnNetworks + ", unsafe=" + unsafeNetworks
        + ", groups=" + groups + ", ca=" + caName + ", issuer=" + issuerFingerprint + "}";
  }

  /** Builder; setters validate, {@link #build()} requires a name and at least one VPN network. */
  public static final class Builder {
    private String name;
    private final Set<String> groups = new LinkedHashSet<>();
    private final List<IpNetwork> vpnNetworks = new ArrayList<>();
    private final List<IpNetwork> unsafeNetworks = new ArrayList<>();
    private String issuerFingerprint = "";
    private String caName = "";

    private Builder() {}

    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    public Builder group(String group) {
      if (group == null || group.isEmpty()) {
        throw new IllegalArgumentException("peer group must not be empty");
      }
      groups.add(group);
      return this;
    }

    public Builder groups(String... groups) {
      Arrays.stream(groups).forEach(this::group);
      return this;
    }

    public Builder groups(Iterable<String> groups) {
      groups.forEach(this::group);
      return this;
    }

    public Builder vpnNetwork(IpNetwork network) {
      vpnNetworks.add(Objects.requireNonNull(network, "vpnNetwork"));
      return this;
    }

    public Builder vpnNetworks(Iterable<IpNetwork> networks) {
      networks.forEach(this::vpnNetwork);
      return this;
    }

    public Builder unsafeNetwork(IpNetwork network) {
      unsafeNetworks.add(Objects.requireNonNull(network, "unsafeNetwork"));
      return this;
    }

    public Builder unsafeNetworks(Iterable<IpNetwork> networks) {
      networks.forEach(this::unsafeNetwork);
      return this;
    }

    /** Hex fingerprint of the issuing CA; stored lower-case. */
    public Builder issuerFingerprint(String hex) {
      Objects.requireNonNull(hex, "issuerFingerprint");
      for (int i = 0; i < hex.length(); i++) {
        if (Character.digit(hex.charAt(i), 16) < 0) {
          throw new IllegalArgumentException(
              "issuer fingerprint '" + hex + "' is not hex (bad character at " + i + ")");
        }
      }
      this.issuerFingerprint = hex.toLowerCase(Locale.ROOT);
      return this;
    }

    public Builder caName(String caName) {
      this.caName = Objects.requireNonNull(caName, "caName");
      return this;
    }

    public FirewallPeer build() {
      if (name == null) {
        throw new IllegalStateException("firewall peer needs the certificate name");
      }
      if (vpnNetworks.isEmpty()) {
        throw new IllegalStateException("firewall peer '" + name + "' needs at least one VPN network");
      }
      return new FirewallPeer(this);
    }
  }
}
