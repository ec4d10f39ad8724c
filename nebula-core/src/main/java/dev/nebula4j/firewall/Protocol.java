package dev.nebula4j.firewall;

import java.util.Locale;

/** The {@code proto} selector of a firewall rule. {@code ICMP} also covers ICMPv6. */
public enum Protocol {
  ANY(0),
  TCP(6),
  UDP(17),
  ICMP(1);

  private final int number;

  Protocol(int number) {
    this.number = number;
  }

  /** IANA protocol number (0 for {@code ANY}). */
  public int number() {
    return number;
  }

  /** The config spelling: {@code any}, {@code tcp}, {@code udp}, {@code icmp}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a config value. Go nebula accepts exactly these four words.
   *
   * @throws IllegalArgumentException naming the bad value
   */
  public static Protocol parse(String value) {
    if (value != null) {
      switch (value) {
        case "any":
          return ANY;
        case "tcp":
          return TCP;
        case "udp":
          return UDP;
        case "icmp":
          return ICMP;
        default:
          break;
      }
    }
    throw new IllegalArgumentException(
        "unknown protocol '" + value + "' (expected any, tcp, udp or icmp)");
  }
}
