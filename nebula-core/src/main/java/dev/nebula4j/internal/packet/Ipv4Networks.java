package dev.nebula4j.internal.packet;

import dev.nebula4j.net.IpNetwork;
import java.util.List;

/**
 * A list of IPv4 networks (each an address with its prefix, as in a certificate) compiled into int
 * arrays for the packet path: is an address one of the addresses exactly, inside one of the
 * networks, a network's broadcast address? IPv6 entries are left out (they never match an IPv4
 * address). Immutable, allocation-free; a linear scan, as the lists hold a handful of entries.
 */
public final class Ipv4Networks {
  public static final Ipv4Networks EMPTY = new Ipv4Networks(new int[0], new int[0]);

  private final int[] addresses;
  private final int[] masks;
  private final int[] networks;

  private Ipv4Networks(int[] addresses, int[] masks) {
    this.addresses = addresses;
    this.masks = masks;
    this.networks = new int[addresses.length];
    for (int i = 0; i < addresses.length; i++) {
      networks[i] = addresses[i] & masks[i];
    }
  }

  /** The IPv4 entries of {@code list}, in order. */
  public static Ipv4Networks of(List<IpNetwork> list) {
    List<IpNetwork> v4 = list.stream().filter(IpNetwork::isIpv4).toList();
    return new Ipv4Networks(
        v4.stream().mapToInt(IpNetwork::ipv4Address).toArray(),
        v4.stream().mapToInt(IpNetwork::ipv4Netmask).toArray());
  }

  /** Whether {@code address} is one of the entries' addresses, exactly. */
  public boolean isAddress(int address) {
    int[] a = addresses;
    for (int i = 0; i < a.length; i++) {
      if (a[i] == address) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code address} lies inside one of the networks. */
  public boolean contains(int address) {
    return indexOf(address) >= 0;
  }

  /** Whether {@code address} is the broadcast address (host bits all set) of one of the networks. */
  public boolean isBroadcast(int address) {
    for (int i = 0; i < networks.length; i++) {
      if ((networks[i] | ~masks[i]) == address) {
        return true;
      }
    }
    return false;
  }

  /**
   * The entry's own address of the first network containing {@code address} (the source address
   * to use towards it), or {@code fallback} when none does.
   */
  public int addressFor(int address, int fallback) {
    int i = indexOf(address);
    return i < 0 ? fallback : addresses[i];
  }

  /** Whether there are no IPv4 entries. */
  public boolean isEmpty() {
    return addresses.length == 0;
  }

  private int indexOf(int address) {
    int[] net = networks;
    int[] mask = masks;
    for (int i = 0; i < net.length; i++) {
      if ((address & mask[i]) == net[i]) {
        return i;
      }
    }
    return -1;
  }
}
