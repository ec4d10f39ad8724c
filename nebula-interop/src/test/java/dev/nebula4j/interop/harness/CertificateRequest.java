package dev.nebula4j.interop.harness;

import dev.nebula4j.net.IpNetwork;
import java.util.List;
import java.util.Objects;

/**
 * What a host certificate should say, independent of who signs it ({@link CertificateIssuer}).
 *
 * @param name the certificate name, e.g. {@code prod1-postgresql-0}
 * @param overlay the overlay address with its network, e.g. {@code 10.10.10.2/24}
 * @param groups the certificate's groups (may be empty)
 * @param subnets unsafe networks the host may route for (may be empty)
 */
public record CertificateRequest(
    String name, IpNetwork overlay, List<String> groups, List<IpNetwork> subnets) {

  public CertificateRequest {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("certificate name must not be blank");
    }
    Objects.requireNonNull(overlay, "overlay");
    if (!overlay.isIpv4()) {
      throw new IllegalArgumentException("overlay " + overlay + " must be IPv4 (certificate v1)");
    }
    groups = List.copyOf(groups);
    subnets = List.copyOf(subnets);
    for (String g : groups) {
      if (g.isBlank() || g.contains(",")) {
        throw new IllegalArgumentException("group '" + g + "' must be non-blank without commas");
      }
    }
  }

  /** A request with groups and no subnets: {@code of("leuchtturm1", "10.10.10.1/24")}. */
  public static CertificateRequest of(String name, String overlayCidr, String... groups) {
    return new CertificateRequest(name, IpNetwork.parse(overlayCidr), List.of(groups), List.of());
  }
}
