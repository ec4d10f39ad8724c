package dev.nebula4j.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;

/**
 * An IP address with a prefix length, host bits kept: {@code 10.10.10.1/24} is the address
 * 10.10.10.1 in the network 10.10.10.0/24. This is what a Nebula certificate carries for its
 * networks and unsafe networks, and what firewall {@code cidr}/{@code local_cidr} selectors and
 * routes are made of.
 *
 * <p>Parsing never touches DNS: only numeric IPv4 dotted quads (no leading zeros, as Go) and IPv6
 * literals (no zones) are accepted. Invalid input raises {@link IllegalArgumentException} whose
 * message quotes the input and says what is wrong.
 */
public final class IpNetwork implements Comparable<IpNetwork> {
  private final byte[] address;
  private final int prefixLength;

  private IpNetwork(byte[] address, int prefixLength) {
    this.address = address;
    this.prefixLength = prefixLength;
  }

  /** Parses {@code "a.b.c.d/n"} or {@code "ipv6/n"}. The prefix length is required. */
  public static IpNetwork parse(String cidr) {
    Objects.requireNonNull(cidr, "cidr");
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("invalid CIDR '" + cidr + "': missing /prefix-length");
    }
    byte[] addr = parseAddressBytes(cidr.substring(0, slash), cidr);
    String bits = cidr.substring(slash + 1);
    int max = addr.length * 8;
    int prefix;
    if (bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(c -> c >= '0' && c <= '9')
        || (bits.length() > 1 && bits.charAt(0) == '0')) {
      throw new IllegalArgumentException("invalid CIDR '" + cidr + "': bad prefix length '" + bits + "'");
    }
    prefix = Integer.parseInt(bits);
    if (prefix > max) {
      throw new IllegalArgumentException(
          "invalid CIDR '" + cidr + "': prefix length " + prefix + " exceeds " + max);
    }
    return new IpNetwork(addr, prefix);
  }

  /** Parses a plain IPv4 or IPv6 address literal (no DNS, no zone). */
  public static InetAddress parseAddress(String ip) {
    Objects.requireNonNull(ip, "ip");
    return toInetAddress(parseAddressBytes(ip, ip));
  }

  /** Whether {@code s} is a numeric IPv4 or IPv6 literal. */
  public static boolean isAddressLiteral(String s) {
    try {
      parseAddressBytes(s, s);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  public static IpNetwork of(InetAddress address, int prefixLength) {
    byte[] a = address.getAddress();
    if (prefixLength < 0 || prefixLength > a.length * 8) {
      throw new IllegalArgumentException(
          "prefix length " + prefixLength + " is out of range for " + address.getHostAddress());
    }
    return new IpNetwork(a, prefixLength);
  }

  /** A single host: /32 for IPv4, /128 for IPv6. */
  public static IpNetwork host(InetAddress address) {
    byte[] a = address.getAddress();
    return new IpNetwork(a, a.length * 8);
  }

  public static IpNetwork ofIpv4(int address, int prefixLength) {
    if (prefixLength < 0 || prefixLength > 32) {
      throw new IllegalArgumentException("IPv4 prefix length " + prefixLength + " is out of range");
    }
    return new IpNetwork(intToBytes(address), prefixLength);
  }

  /**
   * From a certificate-v1 style (address, netmask) pair. The netmask must be contiguous ones
   * followed by zeros.
   */
  public static IpNetwork ofIpv4Mask(int address, int netmask) {
    int prefix = Integer.bitCount(netmask);
    if (netmask != prefixToMask(prefix)) {
      throw new IllegalArgumentException(
          "netmask " + formatIpv4(netmask) + " is not a contiguous prefix mask");
    }
    return new IpNetwork(intToBytes(address), prefix);
  }

  /** The IPv4 netmask for a prefix length (0..32). */
  public static int prefixToMask(int prefixLength) {
    return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
  }

  public static String formatIpv4(int address) {
    return (address >>> 24) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF)
        + "." + (address & 0xFF);
  }

  public InetAddress address() {
    return toInetAddress(address);
  }

  /** The raw address bytes (4 or 16), a copy. */
  public byte[] addressBytes() {
    return address.clone();
  }

  public int prefixLength() {
    return prefixLength;
  }

  public boolean isIpv4() {
    return address.length == 4;
  }

  public boolean isIpv6() {
    return address.length == 16;
  }

  /** Bit width of the address family: 32 or 128. */
  public int bits() {
    return address.length * 8;
  }

  /** The IPv4 address as a big-endian int. */
  public int ipv4Address() {
    requireIpv4();
    return bytesToInt(address, 0);
  }

  /** The IPv4 netmask as a big-endian int. */
  public int ipv4Netmask() {
    requireIpv4();
    return prefixToMask(prefixLength);
  }

  /** The network with host bits cleared: {@code 10.10.10.1/24 -> 10.10.10.0/24}. */
  public IpNetwork masked() {
    byte[] m = address.clone();
    for (int i = 0; i < m.length; i++) {
      int bitsHere = Math.max(0, Math.min(8, prefixLength - i * 8));
      m[i] &= (byte) (0xFF00 >>> bitsHere);
    }
    return Arrays.equals(m, address) ? this : new IpNetwork(m, prefixLength);
  }

  /** Whether this network is a single host (/32 or /128). */
  public boolean isHost() {
    return prefixLength == bits();
  }

  public boolean contains(InetAddress ip) {
    byte[] other = ip.getAddress();
    return other.length == address.length && prefixMatches(other);
  }

  /** Whether the IPv4 address (big-endian int) lies in this network; false for IPv6 networks. */
  public boolean containsIpv4(int ip) {
    if (!isIpv4()) {
      return false;
    }
    int mask = prefixToMask(prefixLength);
    return (ip & mask) == (bytesToInt(address, 0) & mask);
  }

  /**
   * Whether {@code inner} lies entirely in this network: same family, its address is inside and
   * its prefix is at least as long (Go nebula's CA constraint check).
   */
  public boolean contains(IpNetwork inner) {
    return inner.address.length == address.length
        && prefixLength <= inner.prefixLength
        && prefixMatches(inner.address);
  }

  /** Whether the two networks share any address. */
  public boolean overlaps(IpNetwork other) {
    return other.address.length == address.length
        && (contains(other.masked()) || other.contains(masked()));
  }

  private boolean prefixMatches(byte[] other) {
    int full = prefixLength / 8;
    for (int i = 0; i < full; i++) {
      if (address[i] != other[i]) {
        return false;
      }
    }
    int rem = prefixLength % 8;
    if (rem == 0) {
      return true;
    }
    int mask = 0xFF00 >>> rem;
    return ((address[full] ^ other[full]) & mask) == 0;
  }

  private void requireIpv4() {
    if (!isIpv4()) {
      throw new IllegalStateException(this + " is not an IPv4 network");
    }
  }

  @Override
  public int compareTo(IpNetwork o) {
    int c = Integer.compare(address.length, o.address.length);
    if (c != 0) {
      return c;
    }
    c = Arrays.compareUnsigned(address, o.address);
    return c != 0 ? c : Integer.compare(prefixLength, o.prefixLength);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpNetwork n && n.prefixLength == prefixLength
        && Arrays.equals(n.address, address);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(address) * 31 + prefixLength;
  }

  /** {@code 10.10.10.1/24} or {@code fd00::1/64} (canonical compressed IPv6). */
  @Override
  public String toString() {
    return formatAddress(address) + "/" + prefixLength;
  }

  /** Formats an address as Go does: dotted quad, or compressed lower-case IPv6. */
  public static String formatAddress(InetAddress ip) {
    return formatAddress(ip.getAddress());
  }

  private static String formatAddress(byte[] a) {
    if (a.length == 4) {
      return formatIpv4(bytesToInt(a, 0));
    }
    // RFC 5952: longest run (>= 2) of zero groups becomes "::"
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = ((a[2 * i] & 0xFF) << 8) | (a[2 * i + 1] & 0xFF);
    }
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    return sb.toString();
  }

  private static byte[] parseAddressBytes(String s, String whole) {
    if (s.indexOf(':') >= 0) {
      if (s.indexOf('%') >= 0) {
        throw new IllegalArgumentException("invalid address '" + whole + "': zones are not allowed");
      }
      if (!s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
        throw new IllegalArgumentException("invalid address '" + whole + "'");
      }
      try {
        // a literal containing ':' is never looked up in DNS
        InetAddress a = InetAddress.getByName(s.startsWith("[") ? s : "[" + s + "]");
        byte[] b = a.getAddress();
        if (b.length == 4) {
          // Java folds ::ffff:a.b.c.d to IPv4; keep it as IPv6 bytes like Go's 16-byte form
          byte[] v6 = new byte[16];
          v6[10] = (byte) 0xFF;
          v6[11] = (byte) 0xFF;
          System.arraycopy(b, 0, v6, 12, 4);
          return v6;
        }
        return b;
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("invalid address '" + whole + "'", e);
      }
    }
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("invalid address '" + whole + "': not an IPv4 address");
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
          || (p.length() > 1 && p.charAt(0) == '0')) {
        throw new IllegalArgumentException("invalid address '" + whole + "': bad octet '" + p + "'");
      }
      int v = Integer.parseInt(p);
      if (v > 255) {
        throw new IllegalArgumentException("invalid address '" + whole + "': octet " + v + " > 255");
      }
      out[i] = (byte) v;
    }
    return out;
  }

  private static InetAddress toInetAddress(byte[] a) {
    try {
      if (a.length == 16) {
        return Inet6Address.getByAddress(null, a, -1);
      }
      return Inet4Address.getByAddress(a);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] intToBytes(int v) {
    return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
  }

  private static int bytesToInt(byte[] b, int off) {
    return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8)
        | (b[off + 3] & 0xFF);
  }
}
