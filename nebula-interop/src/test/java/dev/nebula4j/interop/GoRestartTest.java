package dev.nebula4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nebula4j.interop.harness.GoNebula;
import dev.nebula4j.interop.harness.InteropLab;
import dev.nebula4j.interop.harness.InteropTest;
import dev.nebula4j.interop.harness.Netns;
import dev.nebula4j.interop.harness.PingResult;
import dev.nebula4j.interop.harness.TutorialMesh;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A Go node restarted in the middle of a test: the harness restarts it, the mesh recovers. */
@InteropTest
class GoRestartTest {
  private static final Duration RECOVERY = Duration.ofSeconds(30);

  @Test
  void gracefulRestartTellsThePeerAndTrafficRecovers(InteropLab lab) {
    TutorialMesh mesh = TutorialMesh.start(lab);
    Netns n2 = mesh.node2().netns();
    GoNebula n3 = mesh.node3();
    n2.awaitPingReply(n3.overlayAddress(), Duration.ofSeconds(10));
    long firstPid = n3.pid();
    GoNebula.LogMark mark = mesh.node2().mark();

    n3.restart();

    assertThat(n3.pid()).isNotEqualTo(firstPid);
    // SIGTERM makes Go nebula close its tunnels and tell the peers
    mesh.node2()
        .waitForLogAfter(
            mark, Pattern.compile("msg=\"Close tunnel received, tearing down.\".*vpnIp=10.10.10.3"),
            Duration.ofSeconds(10));
    n2.awaitPingReply(n3.overlayAddress(), RECOVERY);
    PingResult after = n2.ping(n3.overlayAddress(), 3);
    assertThat(after.allReplied()).as(after.output()).isTrue();
    // the new process has its own tunnel to node2
    n3.waitForLog("msg=\"Handshake message (sent|received)\".*vpnIp=10.10.10.2", Duration.ofSeconds(5));
  }

  @Test
  void crashedNodeIsUnreachableUntilRestartedThenTrafficRecovers(InteropLab lab) {
    TutorialMesh mesh = TutorialMesh.start(lab);
    Netns n2 = mesh.node2().netns();
    GoNebula n3 = mesh.node3();
    n2.awaitPingReply(n3.overlayAddress(), Duration.ofSeconds(10));

    n3.kill();
    assertThat(n3.isRunning()).isFalse();
    // the replies really came from node3's nebula: without it, none
    PingResult whileDown = n2.ping(n3.overlayAddress(), 2);
    assertThat(whileDown.received()).as(whileDown.output()).isZero();

    n3.start();
    // node2 still holds the dead tunnel; recv_error from the new process or a new handshake fix it
    n2.awaitPingReply(n3.overlayAddress(), RECOVERY);
    PingResult after = n2.ping(n3.overlayAddress(), 3);
    assertThat(after.allReplied()).as(after.output()).isTrue();
  }
}
