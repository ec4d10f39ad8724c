package dev.nebula4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nebula4j.interop.harness.GoNebula;
import dev.nebula4j.interop.harness.InteropLab;
import dev.nebula4j.interop.harness.InteropTest;
import dev.nebula4j.interop.harness.JavaCertIssuer;
import dev.nebula4j.interop.harness.NebulaLogLine;
import dev.nebula4j.interop.harness.Netns;
import dev.nebula4j.interop.harness.PingResult;
import dev.nebula4j.interop.harness.TutorialMesh;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The tutorial topology with three Go nodes: the overlay works as the users' setup promises. */
@InteropTest
class GoGoTutorialTest {
  private static final Duration HANDSHAKE = Duration.ofSeconds(10);

  @Test
  void nodesReachTheLighthouseAndEachOtherThroughTheOverlay(InteropLab lab) {
    TutorialMesh mesh = TutorialMesh.start(lab);
    GoNebula lh = mesh.lighthouse();
    GoNebula n2 = mesh.node2();
    GoNebula n3 = mesh.node3();

    n2.netns().awaitPingReply(lh.overlayAddress(), HANDSHAKE);
    n2.netns().awaitPingReply(n3.overlayAddress(), HANDSHAKE);
    n3.netns().awaitPingReply(n2.overlayAddress(), HANDSHAKE);

    PingResult n2ToLh = n2.netns().ping(lh.overlayAddress(), 3);
    PingResult n2ToN3 = n2.netns().ping(n3.overlayAddress(), 5);
    PingResult n3ToN2 = n3.netns().ping(n2.overlayAddress(), 5);
    assertThat(n2ToLh.allReplied()).as(n2ToLh.output()).isTrue();
    assertThat(n2ToN3.allReplied()).as(n2ToN3.output()).isTrue();
    assertThat(n3ToN2.allReplied()).as(n3ToN2.output()).isTrue();
    assertThat(n2ToN3.rttMillis()).hasSize(5).allSatisfy(rtt -> assertThat(rtt).isPositive());

    // node2 knew only the lighthouse; it found node3's underlay address through it and handshook
    // with node3 directly, which proves the pings went through a nebula tunnel between the two
    NebulaLogLine handshake =
        n2.waitForLog(
            "msg=\"Handshake message received\".*certName=" + TutorialMesh.NODE3_NAME, HANDSHAKE);
    assertThat(handshake.field("vpnIp")).contains("10.10.10.3");
    assertThat(handshake.field("udpAddr"))
        .contains(n3.netns().underlayAddress().getHostAddress() + ":4242");
  }

  @Test
  void goNodesAcceptCertificatesMadeByNebula4j(InteropLab lab) {
    TutorialMesh mesh =
        TutorialMesh.builder().issuer(JavaCertIssuer.create("My New CA")).start(lab);

    mesh.node2().netns().awaitPingReply(mesh.node3().overlayAddress(), HANDSHAKE);
    PingResult r = mesh.node2().netns().ping(mesh.node3().overlayAddress(), 3);
    assertThat(r.allReplied()).as(r.output()).isTrue();
    // Go verified the Java-made certificate of its peer during the handshake
    NebulaLogLine handshake =
        mesh.node3().waitForLog("msg=\"Handshake message (sent|received)\".*certName=" + TutorialMesh.NODE2_NAME, HANDSHAKE);
    assertThat(handshake.field("vpnIp")).contains("10.10.10.2");
  }

  @Test
  void nodesHaveTheTutorialsTunDeviceAndOverlayRoute(InteropLab lab) {
    TutorialMesh mesh = TutorialMesh.start(lab);
    Netns n3 = mesh.node3().netns();

    String addr = n3.exec("ip", "-4", "addr", "show", "dev", "nebula1").requireSuccess().stdout();
    assertThat(addr).contains("mtu 1300").contains("inet 10.10.10.3/24");
    String route = n3.exec("ip", "route", "get", "10.10.10.2").requireSuccess().stdout();
    assertThat(route).contains("dev nebula1");
    // the namespace reaches nothing but its underlay and the overlay: no default route
    assertThat(n3.routes()).noneMatch(r -> r.startsWith("default"));
  }
}
