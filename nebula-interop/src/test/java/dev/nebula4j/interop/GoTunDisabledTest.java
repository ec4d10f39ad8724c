package dev.nebula4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nebula4j.interop.harness.GoNebula;
import dev.nebula4j.interop.harness.InteropLab;
import dev.nebula4j.interop.harness.InteropTest;
import dev.nebula4j.interop.harness.PingResult;
import dev.nebula4j.interop.harness.TutorialMesh;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code tun.disabled: true}: Go nebula runs without a device and answers ICMP echo to its own
 * overlay address itself (spec §7). The behaviour a Java node with {@code tun.disabled} must copy.
 */
@InteropTest
class GoTunDisabledTest {

  @Test
  void nodeWithoutTunAnswersPingsToItsOverlayAddress(InteropLab lab) {
    TutorialMesh mesh = TutorialMesh.builder().node3(cfg -> cfg.tun(t -> t.disabled(true))).start(lab);
    GoNebula n3 = mesh.node3();

    // no device and no overlay route in node3's namespace: nothing but nebula can answer
    assertThat(n3.netns().exec("ip", "link", "show", "nebula1").succeeded()).isFalse();
    assertThat(n3.netns().routes()).noneMatch(r -> r.contains("10.10.10."));

    mesh.node2().netns().awaitPingReply(n3.overlayAddress(), Duration.ofSeconds(10));
    PingResult fromNode2 = mesh.node2().netns().ping(n3.overlayAddress(), 5);
    assertThat(fromNode2.allReplied()).as(fromNode2.output()).isTrue();
    assertThat(fromNode2.duplicates()).isZero();
    assertThat(n3.hasLog("msg=\"Handshake message (sent|received)\".*vpnIp=10.10.10.2")).isTrue();
  }
}
