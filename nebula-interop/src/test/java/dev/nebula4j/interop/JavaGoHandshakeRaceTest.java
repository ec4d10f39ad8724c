package dev.nebula4j.interop;

import static dev.nebula4j.interop.JavaGoPair.GO_NAME;
import static dev.nebula4j.interop.JavaGoPair.JAVA_CIDR;
import static dev.nebula4j.interop.JavaGoPair.JAVA_IP;
import static dev.nebula4j.interop.JavaGoPair.JAVA_NAME;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nebula4j.config.Cipher;
import dev.nebula4j.config.NebulaConfig;
import dev.nebula4j.config.StatsConfig;
import dev.nebula4j.interop.harness.CommandResult;
import dev.nebula4j.interop.harness.GoNebula;
import dev.nebula4j.interop.harness.HeldPing;
import dev.nebula4j.interop.harness.HostCredentials;
import dev.nebula4j.interop.harness.InteropLab;
import dev.nebula4j.interop.harness.InteropTest;
import dev.nebula4j.interop.harness.JavaCertIssuer;
import dev.nebula4j.interop.harness.JavaNebula;
import dev.nebula4j.interop.harness.JvmLink;
import dev.nebula4j.interop.harness.NebulaLogLine;
import dev.nebula4j.interop.harness.Netns;
import dev.nebula4j.interop.harness.PingResult;
import dev.nebula4j.interop.harness.TutorialConfigs;
import dev.nebula4j.interop.harness.Underlay;
import dev.nebula4j.net.IpNetwork;
import dev.nebula4j.node.PacketDropReason;
import dev.nebula4j.node.TunnelInfo;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 5, "simultaneous initiation converging to one working tunnel with a 1.6.1 peer": the Java
 * node and Go nebula 1.6.1 start sending to each other at the same moment, so both start a
 * handshake. 1.6.1's rule (spec §3.6): a node that receives msg 1 while its own handshake to the
 * sender is pending keeps its own if its VPN address is the higher one and ignores the peer's,
 * else it answers the peer's and drops its own, moving the cached packets over. The handshake
 * initiated by the higher VPN address wins; both sides end with one tunnel, the same one.
 *
 * <p>Each round uses fresh nodes (a new Java node, a new Go process: no state from the round
 * before). In the <em>natural</em> rounds Go's kernel ping (held ready in its namespace, {@link
 * HeldPing}) and the Java node's ping are let go together, the Java side after a small offset
 * that differs per round ({@link #NATURAL_OFFSETS_MICROS}): Go's first msg 1 leaves a few
 * milliseconds after its ping is let go (the shell {@code exec}s ping, the echo request crosses
 * the tun), Java's within a millisecond, so the offsets sample the window in which both
 * handshakes are pending at once. Whether they really cross depends on scheduling; each round
 * reports what happened (a line in the test's output). In the <em>forced</em> round the JVM link is
 * unplugged while both sides start, so both msg 1 are lost and both handshakes are pending for
 * sure when the link comes back: their retries race. Both orders of addresses are run (Java
 * higher, Go higher).
 *
 * <p>Afterwards, in every round: the Java node has exactly one tunnel; Go's host map (read from
 * its Prometheus stats inside its namespace) has one tunnel, one index and no pending handshake;
 * traffic flows both ways on that tunnel without loss; the racing pings lost packets only in
 * their first second; when the log shows that both handshakes met, the higher address's won.
 */
@InteropTest
class JavaGoHandshakeRaceTest {
  /** Go's Prometheus endpoint, on the loopback of its own namespace. */
  private static final String METRICS_URL = "http://127.0.0.1:8080/metrics";
  private static final int RACING_PINGS = 8;
  /** Racing pings sent after the first second: every one must be answered. */
  private static final int LATE_PINGS = RACING_PINGS - 5;
  private static final Duration WAIT = Duration.ofSeconds(15);
  /**
   * How long after letting Go's ping go the Java node pings, per natural round. Measured here:
   * with 0 µs Java's handshake mostly starts first and completes before Go's starts, from about
   * 7 ms on Go's does; both were pending at once at 2–3 ms offsets in either order of addresses
   * (and from 0 to 6 ms when Java's address is the higher one).
   */
  private static final long[] NATURAL_OFFSETS_MICROS = {0, 1_500, 3_000};

  enum Order {
    /** Java 10.10.10.5 against Go 10.10.10.2: Java's handshake must win a real race. */
    JAVA_HIGHER("10.10.10.2/24", Cipher.AES),
    /** Java 10.10.10.5 against Go 10.10.10.8: Go's handshake must win a real race. */
    GO_HIGHER("10.10.10.8/24", Cipher.CHACHAPOLY);

    final String goCidr;
    final Cipher cipher;

    Order(String goCidr, Cipher cipher) {
      this.goCidr = goCidr;
      this.cipher = cipher;
    }

    InetAddress goIp() {
      return IpNetwork.parse(goCidr).address();
    }

    boolean javaHigher() {
      return Integer.compareUnsigned(
              IpNetwork.parse(JAVA_CIDR).ipv4Address(), IpNetwork.parse(goCidr).ipv4Address())
          > 0;
    }
  }

  /** What one round looked like, for the report and the assertions. */
  record Round(
      int number,
      boolean forced,
      long offsetMicros,
      boolean javaStarted,
      boolean goStarted,
      List<String> raceEvidence,
      boolean javaWon,
      TunnelInfo tunnel,
      PingResult goPings,
      List<Boolean> javaPings) {

    /** Whether the two handshakes met: a node saw the peer's msg 1 while its own was pending. */
    boolean raced() {
      return raceEvidence.stream().anyMatch(e -> !e.startsWith("("));
    }

    String describe(Order order) {
      return "round " + number
          + (forced ? " (forced: link unplugged while both start)"
              : " (natural, Java " + offsetMicros + " µs after Go)")
          + ", " + order + ": Java started a handshake: " + javaStarted + ", Go started one: "
          + goStarted + "; " + (raced() ? "they met" : "no race")
          + (raceEvidence.isEmpty() ? "" : ": " + String.join("; ", raceEvidence))
          + "; winner: " + (javaWon ? "Java's handshake" : "Go's handshake") + " (tunnel local="
          + tunnel.localIndex() + " remote=" + tunnel.remoteIndex() + "); racing pings from Go "
          + goPings.received() + "/" + goPings.transmitted() + " answered (replies "
          + goPings.replySequences() + "), from Java " + javaPings;
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Order.class)
  void bothSidesInitiateAtOnceAndConvergeOnOneTunnel(Order order, InteropLab lab)
      throws Exception {
    JavaCertIssuer ca = JavaCertIssuer.create("My New CA");
    HostCredentials javaCreds = ca.issue(JAVA_NAME, JAVA_CIDR);
    HostCredentials goCreds = ca.issue(GO_NAME, order.goCidr);
    Underlay net = lab.newUnderlay();
    Netns goNs = net.addHost("go node " + order.goCidr);
    JvmLink link = net.attachJvm();
    InetAddress goIp = order.goIp();
    InetSocketAddress goEndpoint = new InetSocketAddress(goNs.underlayAddress(), TutorialConfigs.PORT);

    JavaNebula java =
        lab.javaNebula("java", link)
            .config(NebulaConfig.builder()
                .staticHost(goIp.getHostAddress(), TutorialConfigs.hostPort(goEndpoint))
                .cipher(order.cipher)
                .firewallPolicy(TutorialConfigs.nodeFirewall()))
            .credentials(javaCreds)
            .build();
    GoNebula go =
        lab.goNebula("go", goNs)
            .config(TutorialConfigs.nodeWithStaticPeer(JAVA_IP.getHostAddress(), java.underlayEndpoint())
                .cipher(order.cipher)
                .firewallPolicy(JavaGoPair.goFirewall())
                .stats(StatsConfig.builder()
                    .type(StatsConfig.Type.PROMETHEUS)
                    .interval(Duration.ofSeconds(1))
                    .listen("127.0.0.1:8080")
                    .path("/metrics")
                    .build()))
            .credentials(goCreds)
            .build();

    List<Round> rounds = new ArrayList<>();
    for (int i = 0; i <= NATURAL_OFFSETS_MICROS.length; i++) {
      boolean forced = i == NATURAL_OFFSETS_MICROS.length;
      long offset = forced ? 0 : NATURAL_OFFSETS_MICROS[i];
      Round r = runRound(i + 1, forced, offset, order, java, go, goNs, link);
      rounds.add(r);
      // the test's output (target/surefire-reports/*-output.txt) tells how the races went
      System.out.println("[handshake race] " + r.describe(order));
    }
    assertThat(rounds.get(rounds.size() - 1).raced())
        .as("the forced round is a real race: %s", rounds.get(rounds.size() - 1).describe(order))
        .isTrue();
  }

  private Round runRound(int number, boolean forced, long offsetMicros, Order order,
      JavaNebula java, GoNebula go, Netns goNs, JvmLink link) throws Exception {
    InetAddress goIp = order.goIp();
    String goVpn = goIp.getHostAddress();
    java.start();
    go.start();
    JavaNebula.EventMark javaMark = java.mark();
    GoNebula.LogMark goMark = go.mark();
    assertThat(java.node().tunnels()).isEmpty();

    PingResult goPings;
    List<Boolean> javaPings;
    try (HeldPing goPing = goNs.holdPing(JAVA_IP, RACING_PINGS)) {
      CountDownLatch go1 = new CountDownLatch(1);
      CompletableFuture<List<Boolean>> javaSide = CompletableFuture.supplyAsync(() -> {
        awaitQuietly(go1);
        long start = System.nanoTime();
        while (System.nanoTime() - start < TimeUnit.MICROSECONDS.toNanos(offsetMicros)) {
          Thread.onSpinWait(); // sleep() would overshoot a millisecond or two
        }
        return racingPings(java, goIp);
      });
      if (forced) {
        link.disconnect();
      }
      goPing.fire();
      go1.countDown();
      if (forced) {
        // both msg 1 went into the void: both handshakes are pending when the link returns
        java.waitForEventAfter(javaMark, "handshakeStarted " + goVpn, WAIT);
        go.waitForLogAfter(goMark, Pattern.compile("msg=\"Handshake message sent\""), WAIT);
        link.reconnect();
      }
      goPings = goPing.result(Duration.ofSeconds(30));
      javaPings = javaSide.get(30, TimeUnit.SECONDS);
    }

    // the Java node has one tunnel, to Go
    TunnelInfo t = awaitSingleJavaTunnel(java, goIp);
    // Go's log names the same tunnel: as responder it answered Java's msg 1 with these indexes
    // ("Handshake message sent", stage 2), as initiator it completed with them ("received")
    long initiatorIndex = t.initiator() ? t.localIndex() : t.remoteIndex();
    long responderIndex = t.initiator() ? t.remoteIndex() : t.localIndex();
    go.waitForLogAfter(goMark, Pattern.compile(
        "msg=\"Handshake message " + (t.initiator() ? "sent" : "received") + "\".*stage:2.*"
            + "initiatorIndex=" + initiatorIndex + " .*responderIndex=" + responderIndex + " "),
        WAIT);

    // what happened: who started, did the handshakes meet, whose won
    List<String> events = java.events().subList(javaMark.index(), java.events().size());
    List<NebulaLogLine> goLog = go.logs().subList(goMark.index(), go.logs().size());
    boolean javaStarted = events.contains("handshakeStarted " + goVpn);
    boolean goStarted = goLog.stream().anyMatch(l -> l.raw().contains("msg=\"Handshake message sent\"")
        && l.raw().contains("stage:1"));
    Set<String> evidence = new LinkedHashSet<>();
    boolean ourHandshakeEnded = false; // a handshakeCompleted event not yet followed by tunnelUp
    for (String e : events) {
      if (e.contains("RACE_LOST_BY_PEER")) {
        evidence.add("Java ignored Go's msg 1 while its own was pending");
      }
      if (e.startsWith("tunnelUp " + goVpn)) {
        // the node reports handshakeCompleted for a handshake of its own, then tunnelUp: a
        // responder tunnel right after it means our pending handshake gave way to Go's
        if (e.contains(" responder ") && ourHandshakeEnded) {
          evidence.add("Java dropped its pending handshake for Go's");
        }
        ourHandshakeEnded = false;
      }
      if (e.startsWith("handshakeCompleted " + goVpn)) {
        ourHandshakeEnded = true;
      }
      if (e.startsWith("tunnelDown " + goVpn + " REPLACED")) {
        // Go 1.6.1 can start a handshake just after answering ours (its getOrHandshake race);
        // its msg 1 is newer than the tunnel, so it replaces it: one after the other, no race
        evidence.add("(Java: a newer msg 1 of Go's replaced the tunnel Java's handshake had made)");
      }
      if (e.contains(" TOO_OLD ")) {
        evidence.add("(Java: a late msg 1 of Go's was too old for the new tunnel)");
      }
    }
    for (NebulaLogLine l : goLog) {
      if (l.raw().contains("Prevented a pending handshake race")) {
        evidence.add("Go: 'Prevented a pending handshake race'");
      }
      if (l.raw().contains("Handshake race lost, replacing pending handshake")) {
        evidence.add("Go: 'Handshake race lost, replacing pending handshake with completed tunnel'");
      }
      if (l.raw().contains("Handshake too old")) {
        evidence.add("(Go: 'Handshake too old' for a late msg 1)");
      }
    }
    Round round = new Round(number, forced, offsetMicros, javaStarted, goStarted,
        List.copyOf(evidence), t.initiator(), t, goPings, javaPings);
    if (round.raced()) {
      assertThat(round.javaWon())
          .as("the higher VPN address's handshake wins: %s", round.describe(order))
          .isEqualTo(order.javaHigher());
    }

    // Go's host map: one tunnel, one index, nothing pending
    Map<String, Double> goHostmap = awaitGoHostmap(goNs);
    assertThat(goHostmap)
        .as("Go's host map (Prometheus) after %s; Go's log:\n%s", round.describe(order), go.tail(30))
        .containsEntry("hostmap_main_hosts", 1.0)
        .containsEntry("hostmap_main_indexes", 1.0)
        .containsEntry("hostmap_pending_hosts", 0.0);

    // no lasting loss: every racing ping after the first second was answered...
    for (int seq = RACING_PINGS - LATE_PINGS + 1; seq <= RACING_PINGS; seq++) {
      assertThat(goPings.replySequences()).as("%s", round.describe(order)).contains(seq);
    }
    assertThat(javaPings.subList(RACING_PINGS - LATE_PINGS, RACING_PINGS))
        .as("%s", round.describe(order)).containsOnly(true);
    // ...and traffic keeps flowing both ways on the one tunnel
    long unknownBefore = java.stats().drops(PacketDropReason.UNKNOWN_INDEX);
    PingResult after = goNs.ping(JAVA_IP, 3);
    assertThat(after.allReplied()).as("%s\n%s", round.describe(order), after.output()).isTrue();
    for (int i = 0; i < 3; i++) {
      assertThat(java.ping(goIp, Duration.ofSeconds(5))).as("%s", round.describe(order)).isPresent();
    }
    TunnelInfo still = java.tunnel(goIp).orElseThrow();
    assertThat(still.localIndex()).isEqualTo(t.localIndex());
    assertThat(still.packetsReceived()).isGreaterThanOrEqualTo(t.packetsReceived() + 6);
    assertThat(java.node().tunnels()).hasSize(1);
    assertThat(java.stats().drops(PacketDropReason.UNKNOWN_INDEX)).isEqualTo(unknownBefore);
    assertThat(java.stats().drops(PacketDropReason.DECRYPT_FAILED)).isZero();

    go.kill();
    java.stop();
    return round;
  }

  /** Pings from the Java node, one every 0.2 s (or as soon as a lost one timed out after 1 s). */
  private static List<Boolean> racingPings(JavaNebula java, InetAddress target) {
    List<Boolean> answered = new ArrayList<>();
    for (int i = 0; i < RACING_PINGS; i++) {
      long start = System.nanoTime();
      answered.add(java.ping(target, Duration.ofSeconds(1)).isPresent());
      long rest = TimeUnit.MILLISECONDS.toNanos(200) - (System.nanoTime() - start);
      if (rest > 0) {
        try {
          TimeUnit.NANOSECONDS.sleep(rest);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    return answered;
  }

  private static TunnelInfo awaitSingleJavaTunnel(JavaNebula java, InetAddress goIp) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      List<TunnelInfo> all = java.node().tunnels();
      if (all.size() == 1 && all.get(0).vpnAddress().equals(goIp)) {
        return all.get(0);
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("Java node's tunnels: " + all + "; events:\n" + java.eventTail(30));
      }
      sleep(50);
    }
  }

  /**
   * Go's host map counters from its Prometheus stats (updated every second), once they say one
   * tunnel and nothing pending, or whatever they say after {@link #WAIT}.
   */
  private static Map<String, Double> awaitGoHostmap(Netns goNs) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    Map<String, Double> m = Map.of();
    while (System.nanoTime() - deadline < 0) {
      CommandResult r = goNs.exec("curl", "-s", "--max-time", "2", METRICS_URL);
      m = new HashMap<>();
      for (String line : r.stdout().split("\n")) {
        if (line.startsWith("hostmap_")) {
          String[] f = line.trim().split("\\s+");
          m.put(f[0], Double.parseDouble(f[1]));
        }
      }
      if (Double.valueOf(1.0).equals(m.get("hostmap_main_hosts"))
          && Double.valueOf(1.0).equals(m.get("hostmap_main_indexes"))
          && Double.valueOf(0.0).equals(m.get("hostmap_pending_hosts"))) {
        return m;
      }
      sleep(250);
    }
    return m; // the caller's assertion shows it
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
