package dev.nebula4j.cert;

import dev.nebula4j.cert.ConstraintViolationException.Constraint;
import dev.nebula4j.net.IpNetwork;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Go's {@code CheckRootConstrains}: the limits a CA puts on what it signs, checked when signing
 * and again when verifying, in Go's order, with Go 1.6.1's messages.
 */
final class CaConstraints {
  private CaConstraints() {}

  static void check(Certificate ca, Instant notBefore, Instant notAfter, List<String> groups,
      List<IpNetwork> networks, List<IpNetwork> unsafeNetworks) {
    if (notAfter.isAfter(ca.notAfter())) {
      throw new ConstraintViolationException(Constraint.NOT_AFTER, notAfter.toString(),
          "certificate expires after signing certificate");
    }
    if (notBefore.isBefore(ca.notBefore())) {
      throw new ConstraintViolationException(Constraint.NOT_BEFORE, notBefore.toString(),
          "certificate is valid before the signing certificate");
    }
    if (!ca.groups().isEmpty()) {
      Set<String> allowed = new HashSet<>(ca.groups());
      for (String g : groups) {
        if (!allowed.contains(g)) {
          throw new ConstraintViolationException(Constraint.GROUPS, g,
              "certificate contained a group not present on the signing ca: " + g);
        }
      }
    }
    if (!ca.networks().isEmpty()) {
      for (IpNetwork n : networks) {
        if (!inside(n, ca.networks())) {
          throw new ConstraintViolationException(Constraint.NETWORKS, n.toString(),
              "certificate contained an ip assignment outside the limitations of the signing ca: "
                  + n);
        }
      }
    }
    if (!ca.unsafeNetworks().isEmpty()) {
      for (IpNetwork n : unsafeNetworks) {
        if (!inside(n, ca.unsafeNetworks())) {
          throw new ConstraintViolationException(Constraint.UNSAFE_NETWORKS, n.toString(),
              "certificate contained a subnet assignment outside the limitations of the signing"
                  + " ca: " + n);
        }
      }
    }
  }

  private static boolean inside(IpNetwork n, List<IpNetwork> allowed) {
    for (IpNetwork a : allowed) {
      if (a.contains(n)) {
        return true;
      }
    }
    return false;
  }
}
