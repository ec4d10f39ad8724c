package dev.nebula4j.interop.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Whether interop tests can run here, and JUnit assumptions that skip them cleanly (with the
 * reason) when they cannot: not Linux, not root, no {@code ip netns}, no Debian {@code nebula},
 * {@code socat} or {@code ping}, no {@code /dev/net/tun}, or {@code -Dnebula4j.interop.skip=true}.
 * CI runs as root with all of it installed, so there the tests run.
 *
 * <p>Like Netty's {@code Epoll.unavailabilityCause()}: the first failing check is the reason.
 */
public final class InteropAssumptions {
  /** System property that skips every interop test when {@code true}. */
  public static final String SKIP_PROPERTY = "nebula4j.interop.skip";

  private static volatile Optional<String> cause;

  private InteropAssumptions() {}

  /** Skips the calling test (or class, from {@code @BeforeAll}) unless interop tests can run. */
  public static void assumeInteropAvailable() {
    Optional<String> c = unavailabilityCause();
    Assumptions.assumeTrue(c.isEmpty(), () -> "interop test skipped: " + c.orElse(""));
  }

  /** Whether interop tests can run on this machine. */
  public static boolean isAvailable() {
    return unavailabilityCause().isEmpty();
  }

  /** Why interop tests cannot run here, or empty when they can. Checked once per JVM. */
  public static Optional<String> unavailabilityCause() {
    Optional<String> c = cause;
    if (c == null) {
      synchronized (InteropAssumptions.class) {
        c = cause;
        if (c == null) {
          c = Optional.ofNullable(check());
          cause = c;
        }
      }
    }
    return c;
  }

  private static String check() {
    if (Boolean.getBoolean(SKIP_PROPERTY)) {
      return "disabled with -D" + SKIP_PROPERTY + "=true";
    }
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (!os.contains("linux")) {
      return "network namespaces need Linux, this is " + System.getProperty("os.name");
    }
    if (!isRoot()) {
      return "not running as root (network namespaces, veths and tun devices need root; CI runs as root)";
    }
    for (String tool : new String[] {"ip", "socat", "ping"}) {
      if (Commands.findTool(tool).isEmpty()) {
        return tool + " is not installed (apt-get install iproute2 socat iputils-ping)";
      }
    }
    if (!GoNebula.isInstalled() || !Files.isExecutable(NebulaCertIssuer.NEBULA_CERT)) {
      return GoNebula.NEBULA + " or " + NebulaCertIssuer.NEBULA_CERT
          + " is missing (apt-get install nebula)";
    }
    if (!Files.exists(Path.of("/dev/net/tun"))) {
      return "/dev/net/tun does not exist (Go nebula needs it for its tun device)";
    }
    return probeNetns();
  }

  private static String probeNetns() {
    String name = ResourceNames.next();
    try {
      CommandResult add = Commands.run(Commands.ip(), "netns", "add", name);
      if (!add.succeeded()) {
        return "ip netns add does not work here: " + add.stderr().strip();
      }
      CommandResult exec = Commands.run(Commands.ip(), "netns", "exec", name, Commands.ip(), "link", "show", "lo");
      if (!exec.succeeded()) {
        return "ip netns exec does not work here: " + exec.stderr().strip();
      }
      return null;
    } catch (HarnessException e) {
      return "ip netns does not work here: " + e.getMessage();
    } finally {
      Commands.run(Commands.ip(), "netns", "del", name);
    }
  }

  private static boolean isRoot() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
        if (line.startsWith("Uid:")) {
          String[] f = line.substring(4).trim().split("\\s+");
          return f.length >= 2 && f[1].equals("0");
        }
      }
    } catch (IOException e) {
      return false;
    }
    return false;
  }
}
