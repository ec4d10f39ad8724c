package dev.nebula4j.interop.harness;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of what the harness creates outside the JVM: {@code n4j-<pid>-<n>} for namespaces and for
 * links in the root namespace, {@code <n>} counting in base 36 per JVM. The owner pid lets {@link
 * StaleSweeper} tell leftovers of dead test runs from resources of runs still going. Also the
 * file names the harness derives from node and certificate names ({@link #fileName}).
 */
final class ResourceNames {
  static final String PREFIX = "n4j-";
  /** Linux interface names hold at most 15 characters. */
  static final int MAX_INTERFACE_NAME = 15;

  private static final Pattern OWNED = Pattern.compile("n4j-(\\d{1,10})-[0-9a-z]{1,6}");
  private static final long PID = ProcessHandle.current().pid();
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private ResourceNames() {}

  static long ownPid() {
    return PID;
  }

  /** A fresh name, unique among the resources of this JVM and of every live JVM. */
  static String next() {
    return PREFIX + PID + "-" + Integer.toString(COUNTER.incrementAndGet(), 36);
  }

  /** A fresh name short enough for a network interface. */
  static String nextInterfaceName() {
    String name = next();
    if (name.length() > MAX_INTERFACE_NAME) {
      throw new HarnessException(
          "interface name " + name + " is longer than " + MAX_INTERFACE_NAME + " characters");
    }
    return name;
  }

  /**
   * {@code text} as a file name: letters, digits, {@code -}, {@code _} and {@code .} kept, anything
   * else (a slash, a space) replaced by {@code _}.
   */
  static String fileName(String text) {
    StringBuilder sb = new StringBuilder();
    for (char c : text.toCharArray()) {
      sb.append(Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_' ? c : '_');
    }
    return sb.toString();
  }

  /** The pid of the JVM that created {@code name}, if it is a harness name. */
  static OptionalLong ownerPid(String name) {
    Matcher m = OWNED.matcher(name);
    if (!m.matches()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Long.parseLong(m.group(1)));
  }
}
