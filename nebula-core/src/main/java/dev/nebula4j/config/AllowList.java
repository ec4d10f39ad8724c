package dev.nebula4j.config;

import dev.nebula4j.net.IpNetwork;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Map;
import java.util.Objects;

/**
 * A CIDR → allow/deny map over underlay addresses ({@code lighthouse.remote_allow_list} and the CIDR
 * part of {@code local_allow_list}). The most specific matching CIDR decides. When every rule of an
 * address family has the same value, the family's default ({@code 0.0.0.0/0} or {@code ::/0}) is
 * the opposite; a family with both values must set its default explicitly (Go refuses the config
 * otherwise, and so does the constructor).
 *
 * @param cidrs the rules as written
 */
public record AllowList(Map<IpNetwork, Boolean> cidrs) {

  public AllowList {
    cidrs = Checks.copyOrdered(cidrs, "allow list");
    check(cidrs, true);
    check(cidrs, false);
  }

  private static void check(Map<IpNetwork, Boolean> cidrs, boolean v4) {
    Boolean first = null;
    boolean mixed = false;
    boolean hasDefault = false;
    for (Map.Entry<IpNetwork, Boolean> e : cidrs.entrySet()) {
      if (e.getKey().isIpv4() != v4) {
        continue;
      }
      if (first == null) {
        first = e.getValue();
      } else if (!first.equals(e.getValue())) {
        mixed = true;
      }
      if (e.getKey().prefixLength() == 0) {
        hasDefault = true;
      }
    }
    if (mixed && !hasDefault) {
      throw new IllegalArgumentException(
          "allow list has both true and false rules but no default for "
              + (v4 ? "0.0.0.0/0" : "::/0"));
    }
  }

  /** Whether {@code address} is allowed, by the most specific rule or the implicit default. */
  public boolean allows(InetAddress address) {
    Objects.requireNonNull(address, "address");
    boolean v4 = address instanceof Inet4Address;
    int best = -1;
    boolean result = true;
    Boolean first = null;
    for (Map.Entry<IpNetwork, Boolean> e : cidrs.entrySet()) {
      IpNetwork n = e.getKey();
      if (n.isIpv4() != v4) {
        continue;
      }
      if (first == null) {
        first = e.getValue();
      }
      if (n.contains(address) && n.prefixLength() > best) {
        best = n.prefixLength();
        result = e.getValue();
      }
    }
    if (best >= 0) {
      return result;
    }
    // no rule matched: implicit default is the opposite of the (uniform) rules, or allow if none
    return first == null || !first;
  }
}
