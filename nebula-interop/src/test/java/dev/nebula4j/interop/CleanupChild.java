package dev.nebula4j.interop;

import dev.nebula4j.interop.harness.GoNebula;
import dev.nebula4j.interop.harness.InteropLab;
import dev.nebula4j.interop.harness.JvmLink;
import dev.nebula4j.interop.harness.NebulaCertIssuer;
import dev.nebula4j.interop.harness.Netns;
import dev.nebula4j.interop.harness.TcpListener;
import dev.nebula4j.interop.harness.TutorialConfigs;
import dev.nebula4j.interop.harness.Underlay;

/**
 * A separate JVM for {@link HarnessCleanupTest}: builds an underlay with a JVM link, a Go node and
 * a socat listener, prints what it made, then either exits without closing anything ({@code exit}:
 * the shutdown hook must clean up) or waits to be killed ({@code hang}: the sweeper must).
 */
public final class CleanupChild {
  private CleanupChild() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "exit";
    InteropLab lab = InteropLab.create("cleanup child");
    Underlay net = lab.newUnderlay();
    Netns host = net.addHost("host");
    JvmLink link = net.attachJvm();
    NebulaCertIssuer ca = lab.nebulaCertCa("child CA");
    GoNebula node =
        lab.goNebula("lighthouse", host)
            .config(TutorialConfigs.lighthouse())
            .credentials(ca.issue("leuchtturm1", "10.10.10.1/24"))
            .start();
    TcpListener listener = lab.tcpListener(host, 5432);
    System.out.println("NS " + net.switchNamespace().name());
    System.out.println("NS " + host.name());
    System.out.println("LINK " + link.interfaceName());
    System.out.println("PID " + node.pid());
    System.out.println("PID " + listener.pid());
    System.out.println("DIR " + lab.tempDir());
    System.out.println("READY");
    System.out.flush();
    if (mode.equals("exit")) {
      System.exit(0);
    }
    Thread.sleep(Long.MAX_VALUE);
  }
}
