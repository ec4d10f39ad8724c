package dev.nebula4j.internal.packet;

import java.util.HexFormat;

/**
 * Packets produced by the Linux kernel (and iputils {@code ping}), captured once on this project's
 * build machine: ICMP on {@code lo} with an {@code AF_PACKET} socket; UDP read from a TUN device
 * inside a throwaway network namespace (a TUN gets fully computed checksums, {@code lo} only
 * partial ones because of checksum offload). They are the independent reference our builders
 * must reproduce byte for byte.
 */
final class KernelPackets {
  private KernelPackets() {}

  /** {@code ping -c 1 -s 24 -p 4e6562756c61 127.0.0.1}: echo request, id 0x26de, seq 1. */
  static final byte[] PING_REQUEST =
      hex("45000034e57940004001574d7f0000017f000001080005e826de00011d2b076b000000001c05010000000000"
          + "6c614e6562756c61");

  /** The kernel's echo reply to {@link #PING_REQUEST}. */
  static final byte[] PING_REPLY =
      hex("45000034e57a00004001974c7f0000017f00000100000de826de00011d2b076b000000001c05010000000000"
          + "6c614e6562756c61");

  /** UDP 10.99.0.1:40001 → 10.99.0.2:40002, IP id 0x0d77, payload "nebula4j udp fixture!". */
  static final byte[] UDP_EVEN =
      hex("450000310d7740004011187d0a6300010a6300029c419c42001d2a226e6562756c61346a2075647020666978"
          + "7475726521");

  /** UDP 10.99.0.1:40001 → 10.99.0.2:40002, IP id 0x0d78, odd payload "odd". */
  static final byte[] UDP_ODD = hex("4500001f0d7840004011188e0a6300010a6300029c419c42000bdf266f6464");

  /** RFC 1071 style example header (Wikipedia "IPv4 header checksum"), checksum 0xb861. */
  static final byte[] WIKIPEDIA_HEADER = hex("45000073000040004011b861c0a80001c0a800c7");

  static final int ADDR_10_99_0_1 = 0x0A630001;
  static final int ADDR_10_99_0_2 = 0x0A630002;
  static final int LOOPBACK = 0x7F000001;

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  /**
   * An independent ones'-complement checksum: sums 16-bit words into a long and reduces modulo
   * 0xFFFF, instead of folding carries like {@link InternetChecksum}.
   */
  static int referenceChecksum(byte[]... parts) {
    int total = 0;
    for (byte[] p : parts) {
      total += p.length;
    }
    byte[] all = new byte[total + 1];
    int pos = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, all, pos, p.length);
      pos += p.length;
    }
    long s = 0;
    for (int i = 0; i < total; i += 2) {
      s += ((all[i] & 0xFF) << 8) | (all[i + 1] & 0xFF);
    }
    if (s == 0) {
      return 0xFFFF;
    }
    long r = s % 0xFFFF;
    long folded = r == 0 ? 0xFFFF : r;
    return (int) (0xFFFF - folded);
  }
}
