package dev.nebula4j.internal.packet;

/**
 * IANA protocol numbers as they appear in the IPv4 {@code protocol} and IPv6 {@code next header}
 * fields. Plain {@code int} constants so the data path never boxes or switches on enums.
 */
public final class IpProtocol {
  private IpProtocol() {}

  public static final int ICMP = 1;
  public static final int TCP = 6;
  public static final int UDP = 17;
  public static final int ICMPV6 = 58;
}
