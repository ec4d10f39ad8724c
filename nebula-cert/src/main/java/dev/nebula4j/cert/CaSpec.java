package dev.nebula4j.cert;

import dev.nebula4j.net.IpNetwork;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * What a new CA should look like: name, validity, optional limits on what it may sign (groups,
 * networks, unsafe networks) and curve. Immutable; each method returns a changed copy and
 * rejects a bad value at once with {@link IllegalArgumentException}.
 *
 * <pre>{@code
 * CaSpec spec = CaSpec.named("My New CA").validFor(Duration.ofDays(365)).groups("servers", "db");
 * }</pre>
 *
 * <p>Defaults as {@code nebula-cert ca}: valid 8760h (one year) from now, no limits, Curve25519.
 */
public final class CaSpec {
  /** {@code nebula-cert ca -duration} default: 8760h. */
  public static final Duration DEFAULT_VALIDITY = Duration.ofHours(8760);

  private final String name;
  private final Duration validity;
  private final Instant notBefore;
  private final List<String> groups;
  private final List<IpNetwork> networks;
  private final List<IpNetwork> unsafeNetworks;
  private final Curve curve;

  private CaSpec(String name, Duration validity, Instant notBefore, List<String> groups,
      List<IpNetwork> networks, List<IpNetwork> unsafeNetworks, Curve curve) {
    this.name = name;
    this.validity = validity;
    this.notBefore = notBefore;
    this.groups = groups;
    this.networks = networks;
    this.unsafeNetworks = unsafeNetworks;
    this.curve = curve;
  }

  /** A spec with Go's defaults and this (non-empty) name. */
  public static CaSpec named(String name) {
    return new CaSpec(SpecChecks.name(name), DEFAULT_VALIDITY, null, List.of(), List.of(),
        List.of(), Curve.CURVE25519);
  }

  /** How long the CA is valid, from {@link #notBefore()}; must be positive. */
  public CaSpec validFor(Duration validity) {
    return new CaSpec(name, SpecChecks.positive(validity), notBefore, groups, networks,
        unsafeNetworks, curve);
  }

  /** Start of validity (default: the moment of creation). Stored with second precision. */
  public CaSpec notBefore(Instant notBefore) {
    return new CaSpec(name, validity, Objects.requireNonNull(notBefore, "notBefore"), groups,
        networks, unsafeNetworks, curve);
  }

  /** Groups that certificates signed by this CA may use (none: any group). */
  public CaSpec groups(String... groups) {
    return groups(Arrays.asList(groups));
  }

  public CaSpec groups(Collection<String> groups) {
    return new CaSpec(name, validity, notBefore, SpecChecks.groups(groups), networks,
        unsafeNetworks, curve);
  }

  /** Networks that signed certificates' addresses must lie in, e.g. {@code "10.10.10.0/24"}. */
  public CaSpec networks(String... cidrs) {
    return networks(SpecChecks.parse(cidrs, "network"));
  }

  public CaSpec networks(Collection<IpNetwork> networks) {
    return new CaSpec(name, validity, notBefore, groups, SpecChecks.ipv4(networks, "network"),
        unsafeNetworks, curve);
  }

  /** Networks that signed certificates' unsafe networks must lie in (Go's {@code -subnets}). */
  public CaSpec unsafeNetworks(String... cidrs) {
    return unsafeNetworks(SpecChecks.parse(cidrs, "unsafe network"));
  }

  public CaSpec unsafeNetworks(Collection<IpNetwork> networks) {
    return new CaSpec(name, validity, notBefore, groups, this.networks,
        SpecChecks.ipv4(networks, "unsafe network"), curve);
  }

  public CaSpec curve(Curve curve) {
    return new CaSpec(name, validity, notBefore, groups, networks, unsafeNetworks,
        Objects.requireNonNull(curve, "curve"));
  }

  public String name() {
    return name;
  }

  public Duration validity() {
    return validity;
  }

  /** The explicit start of validity, or null for "at creation". */
  public Instant notBefore() {
    return notBefore;
  }

  public List<String> groups() {
    return groups;
  }

  public List<IpNetwork> networks() {
    return networks;
  }

  public List<IpNetwork> unsafeNetworks() {
    return unsafeNetworks;
  }

  public Curve curve() {
    return curve;
  }

  @Override
  public String toString() {
    return "CaSpec[name=" + name + ", validity=" + validity + ", groups=" + groups
        + ", networks=" + networks + ", unsafeNetworks=" + unsafeNetworks + ", curve=" + curve + "]";
  }

  /** Setter checks shared with {@link HostSpec}. */
  static final class SpecChecks {
    private SpecChecks() {}

    static String name(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("name must not be empty");
      }
      return name;
    }

    static Duration positive(Duration d) {
      Objects.requireNonNull(d, "validity");
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException("validity must be greater than 0, got " + d);
      }
      return d;
    }

    static List<String> groups(Collection<String> groups) {
      List<String> out = new ArrayList<>(groups.size());
      for (String g : groups) {
        Objects.requireNonNull(g, "group");
        if (g.isBlank()) {
          throw new IllegalArgumentException("group names must not be blank");
        }
        out.add(g);
      }
      return List.copyOf(out);
    }

    static List<IpNetwork> parse(String[] cidrs, String what) {
      List<IpNetwork> out = new ArrayList<>(cidrs.length);
      for (String c : cidrs) {
        try {
          out.add(IpNetwork.parse(c));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("invalid " + what + ": " + e.getMessage(), e);
        }
      }
      return out;
    }

    static List<IpNetwork> ipv4(Collection<IpNetwork> networks, String what) {
      for (IpNetwork n : networks) {
        Objects.requireNonNull(n, what);
        if (!n.isIpv4()) {
          throw new IllegalArgumentException("invalid " + what + " " + n
              + ": certificate v1 can only hold IPv4 networks");
        }
      }
      return List.copyOf(networks);
    }
  }
}
