package dev.nebula4j.cert;

import dev.nebula4j.cert.CaSpec.SpecChecks;
import dev.nebula4j.net.IpNetwork;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * What a host certificate should say: name, overlay address with its network size, groups,
 * unsafe networks, validity. Immutable; each method returns a changed copy and rejects a bad
 * value at once with {@link IllegalArgumentException}.
 *
 * <pre>{@code
 * HostSpec spec = HostSpec.named("leuchtturm1").network("10.10.10.1/24").groups("lighthouse");
 * }</pre>
 *
 * <p>Defaults as {@code nebula-cert sign}: valid from now until one second before the CA
 * expires, no groups, no unsafe networks.
 */
public final class HostSpec {
  private final String name;
  private final List<IpNetwork> networks;
  private final List<IpNetwork> unsafeNetworks;
  private final List<String> groups;
  private final Duration validity;
  private final Instant notBefore;

  private HostSpec(String name, List<IpNetwork> networks, List<IpNetwork> unsafeNetworks,
      List<String> groups, Duration validity, Instant notBefore) {
    this.name = name;
    this.networks = networks;
    this.unsafeNetworks = unsafeNetworks;
    this.groups = groups;
    this.validity = validity;
    this.notBefore = notBefore;
  }

  /** A spec with this (non-empty) name; a network must still be set. */
  public static HostSpec named(String name) {
    return new HostSpec(SpecChecks.name(name), List.of(), List.of(), List.of(), null, null);
  }

  /** The overlay address and network, host bits kept: {@code "10.10.10.1/24"} (Go's {@code -ip}). */
  public HostSpec network(String cidr) {
    return networks(SpecChecks.parse(new String[] {cidr}, "network"));
  }

  /**
   * The overlay networks; the first is the host's address. Nebula 1.6.1 uses only the first.
   */
  public HostSpec networks(Collection<IpNetwork> networks) {
    return new HostSpec(name, SpecChecks.ipv4(networks, "network"), unsafeNetworks, groups,
        validity, notBefore);
  }

  /** Networks this host routes for (Go's {@code -subnets}), e.g. {@code "192.168.1.0/24"}. */
  public HostSpec unsafeNetworks(String... cidrs) {
    return unsafeNetworks(SpecChecks.parse(cidrs, "unsafe network"));
  }

  public HostSpec unsafeNetworks(Collection<IpNetwork> networks) {
    return new HostSpec(name, this.networks, SpecChecks.ipv4(networks, "unsafe network"), groups,
        validity, notBefore);
  }

  public HostSpec groups(String... groups) {
    return groups(Arrays.asList(groups));
  }

  public HostSpec groups(Collection<String> groups) {
    return new HostSpec(name, networks, unsafeNetworks, SpecChecks.groups(groups), validity,
        notBefore);
  }

  /** How long the certificate is valid (default: until one second before the CA expires). */
  public HostSpec validFor(Duration validity) {
    return new HostSpec(name, networks, unsafeNetworks, groups, SpecChecks.positive(validity),
        notBefore);
  }

  /** Start of validity (default: the moment of signing). Stored with second precision. */
  public HostSpec notBefore(Instant notBefore) {
    return new HostSpec(name, networks, unsafeNetworks, groups, validity,
        Objects.requireNonNull(notBefore, "notBefore"));
  }

  public String name() {
    return name;
  }

  public List<IpNetwork> networks() {
    return networks;
  }

  public List<IpNetwork> unsafeNetworks() {
    return unsafeNetworks;
  }

  public List<String> groups() {
    return groups;
  }

  /** The explicit validity, or null for "until one second before the CA expires". */
  public Duration validity() {
    return validity;
  }

  /** The explicit start of validity, or null for "at signing". */
  public Instant notBefore() {
    return notBefore;
  }

  @Override
  public String toString() {
    return "HostSpec[name=" + name + ", networks=" + networks + ", unsafeNetworks="
        + unsafeNetworks + ", groups=" + groups + ", validity=" + validity + "]";
  }
}
