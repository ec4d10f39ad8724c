package dev.nebula4j.internal.handshake;

import static dev.nebula4j.internal.handshake.HandshakeTestBed.udp;
import static dev.nebula4j.internal.handshake.HandshakeTestBed.vpn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nebula4j.cert.CaPool;
import dev.nebula4j.cert.CaSpec;
import dev.nebula4j.cert.CertificateAuthority;
import dev.nebula4j.cert.HostCredential;
import dev.nebula4j.cert.HostSpec;
import dev.nebula4j.internal.crypto.AeadAlgorithm;
import dev.nebula4j.internal.handshake.HandshakeTestBed.Datagram;
import dev.nebula4j.internal.handshake.HandshakeTestBed.Established;
import dev.nebula4j.internal.handshake.HandshakeTestBed.Peer;
import dev.nebula4j.internal.header.HeaderCodec;
import dev.nebula4j.internal.header.MessageType;
import dev.nebula4j.internal.hostmap.Tunnel;
import dev.nebula4j.node.HandshakeFailure;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HandshakeManagerTest {
  static final InetSocketAddress ADDR_A = udp("192.0.2.1", 4242);
  static final InetSocketAddress ADDR_B = udp("192.0.2.2", 4242);
  static final InetSocketAddress ADDR_C = udp("192.0.2.3", 4242);

  final HandshakeTestBed bed = new HandshakeTestBed();

  static byte[] packet(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** A and B know each other through static_host_map. */
  Peer[] pair() {
    bed.staticHost("10.0.0.1", ADDR_A);
    bed.staticHost("10.0.0.2", ADDR_B);
    return new Peer[] {bed.peer("a", "10.0.0.1/24", ADDR_A), bed.peer("b", "10.0.0.2/24", ADDR_B)};
  }

  static void assertPaired(Tunnel x, Tunnel y) {
    assertThat(x.localIndex()).isEqualTo(y.remoteIndex());
    assertThat(x.remoteIndex()).isEqualTo(y.localIndex());
    // x's send key is y's receive key and vice versa, and both start sending at counter 3
    byte[] header = new byte[16];
    HeaderCodec.write(header, 0, MessageType.MESSAGE, 0, x.remoteIndex(), 3);
    byte[] plain = packet("through the tunnel");
    byte[] sealed = new byte[plain.length + 16];
    long counter = x.nextCounter();
    assertThat(counter).isEqualTo(3);
    x.sendAead().seal(counter, header, 0, 16, plain, 0, plain.length, sealed, 0);
    byte[] opened = new byte[plain.length];
    assertThat(y.window().check(counter)).isTrue();
    assertThat(y.receiveAead().open(counter, header, 0, 16, sealed, 0, sealed.length, opened, 0))
        .isEqualTo(plain.length);
    assertThat(opened).isEqualTo(plain);
    assertThat(y.window().check(1)).as("msg 1 counter marked seen").isFalse();
    assertThat(y.window().check(2)).as("msg 2 counter marked seen").isFalse();
  }

  @ParameterizedTest
  @EnumSource(AeadAlgorithm.class)
  void handshakeCompletesAndHandsOverCachedPackets(AeadAlgorithm cipher) {
    bed.cipher = cipher;
    Peer[] p = pair();
    Peer a = p[0];
    Peer b = p[1];

    assertThat(a.send("10.0.0.2", packet("first"))).isNull();
    assertThat(a.send("10.0.0.2", packet("second"))).isNull();
    assertThat(a.started).containsExactly(vpn("10.0.0.2"));
    // static host: msg 1 goes out at once, without waiting for the timer
    assertThat(bed.wire.inFlight).hasSize(1);
    Datagram msg1 = bed.wire.inFlight.peek();
    assertThat(msg1.counter()).isEqualTo(1);
    assertThat(HeaderCodec.remoteIndex(msg1.bytes(), 0)).isZero();

    bed.wire.deliver();

    assertThat(b.established).hasSize(1);
    assertThat(a.established).hasSize(1);
    Established done = a.established.get(0);
    assertThat(done.ours()).isNotNull();
    assertThat(done.replaced()).isNull();
    assertThat(done.cached()).extracting(c -> new String(c.payload(), StandardCharsets.US_ASCII))
        .containsExactly("first", "second");
    Tunnel ab = a.tunnelTo("10.0.0.2");
    Tunnel ba = b.tunnelTo("10.0.0.1");
    assertThat(ab.initiator()).isTrue();
    assertThat(ba.initiator()).isFalse();
    assertThat(ab.remote()).isEqualTo(ADDR_B);
    assertThat(ba.remote()).isEqualTo(ADDR_A);
    assertThat(ab.peerName()).isEqualTo("b");
    assertThat(ba.peerName()).isEqualTo("a");
    assertThat(ab.cipher()).isEqualTo(cipher);
    assertPaired(ab, ba);
    assertPaired(ba, ab);
    assertThat(a.manager.pendingCount()).isZero();
    assertThat(bed.time.pendingTasks()).as("retry timer cancelled").isZero();
    // a packet now goes straight to the tunnel
    assertThat(a.send("10.0.0.2", packet("third"))).isSameAs(ab);
  }

  @Test
  void retriesFollowLinearBackoffWithByteIdenticalMessage1ThenTimeOut() {
    bed.staticHost("10.0.0.2", ADDR_B); // nobody listens there
    Peer a = bed.peer("a", "10.0.0.1/24", ADDR_A);
    a.send("10.0.0.2", packet("lost"));

    bed.time.advanceTimeBy(Duration.ofMillis(5499));
    List<Datagram> sent = bed.wire.sentFrom(ADDR_A);
    assertThat(sent).extracting(d -> TimeUnit.NANOSECONDS.toMillis(d.sentNanos()))
        .containsExactly(0L, 100L, 300L, 600L, 1000L, 1500L, 2100L, 2800L, 3600L, 4500L);
    for (Datagram d : sent) {
      assertThat(d.bytes()).isEqualTo(sent.get(0).bytes());
      assertThat(d.to()).isEqualTo(ADDR_B);
    }
    assertThat(a.failed).isEmpty();
    assertThat(a.manager.isPending(vpn("10.0.0.2"))).isTrue();

    bed.time.advanceTimeBy(Duration.ofMillis(1));
    assertThat(a.failed).singleElement().satisfies(f -> {
      assertThat(f.reason()).isEqualTo(HandshakeFailure.TIMED_OUT);
      assertThat(f.dropped()).isEqualTo(1);
    });
    assertThat(a.manager.pendingCount()).isZero();
    assertThat(bed.time.pendingTasks()).isZero();
    assertThat(bed.wire.sentFrom(ADDR_A)).hasSize(10);
  }

  @Test
  void retriesAndTimeoutFollowConfiguredIntervalAndCount() {
    bed.tryInterval = Duration.ofMillis(250);
    bed.retries = 3;
    bed.staticHost("10.0.0.2", ADDR_B);
    Peer a = bed.peer("a", "10.0.0.1/24", ADDR_A);
    a.send("10.0.0.2", packet("x"));
    bed.time.advanceTimeBy(Duration.ofSeconds(10));
    assertThat(bed.wire.sentFrom(ADDR_A)).extracting(d -> d.sentNanos() / 1_000_000)
        .containsExactly(0L, 250L, 750L);
    assertThat(a.failed).singleElement()
        .satisfies(f -> assertThat(f.reason()).isEqualTo(HandshakeFailure.TIMED_OUT));
  }

  @Test
  void hostWithoutStaticEntryWaitsForTheTimerAndTimesOutWithoutRemotes() {
    bed.staticHost("10.0.0.2", ADDR_B);
    Peer a = bed.peer(bed.credential("a", "10.0.0.1/24"), ADDR_A, new SecureRandom(), false);
    a.send("10.0.0.2", packet("x"));
    assertThat(bed.wire.inFlight).isEmpty();
    bed.time.advanceTimeBy(Duration.ofMillis(100));
    assertThat(bed.wire.sentFrom(ADDR_A)).extracting(Datagram::sentNanos)
        .containsExactly(TimeUnit.MILLISECONDS.toNanos(100));

    a.send("10.0.0.9", packet("nowhere")); // no remotes at all
    bed.time.advanceTimeBy(Duration.ofSeconds(6));
    assertThat(a.failed).extracting(HandshakeTestBed.Failed::vpnAddress)
        .contains(vpn("10.0.0.9"));
  }

  @Test
  void duplicateMessage1IsAnsweredWithTheStoredMessage2() {
    Peer[] p = pair();
    Peer a = p[0];
    Peer b = p[1];
    a.send("10.0.0.2", packet("x"));
    Datagram msg1 = bed.wire.inFlight.poll();
    bed.wire.inject(msg1.from(), msg1.to(), msg1.bytes());
    bed.wire.inject(msg1.from(), msg1.to(), msg1.bytes());
    bed.wire.deliver(d -> d.to().equals(ADDR_B)); // B answers twice...
    bed.wire.lose(); // ...and both answers are lost
    List<Datagram> answers = bed.wire.sentFrom(ADDR_B);
    assertThat(answers).hasSize(2);
    assertThat(answers.get(1).bytes()).isEqualTo(answers.get(0).bytes());
    assertThat(answers.get(0).counter()).isEqualTo(2);
    assertThat(b.established).hasSize(1);
    assertThat(b.hostMap.size()).isEqualTo(1);
    assertThat(b.refused).isEmpty();

    // A never heard back: its retry (the same msg 1) gets the same msg 2 once more, and completes
    bed.time.advanceTimeBy(Duration.ofMillis(100));
    assertThat(bed.wire.inFlight.peek().bytes()).isEqualTo(msg1.bytes());
    bed.wire.deliver();
    assertThat(bed.wire.sentFrom(ADDR_B)).hasSize(3)
        .allSatisfy(d -> assertThat(d.bytes()).isEqualTo(answers.get(0).bytes()));
    assertThat(a.established).hasSize(1);
    assertPaired(a.tunnelTo("10.0.0.2"), b.tunnelTo("10.0.0.1"));
    assertThat(b.established).hasSize(1);
  }

  @Test
  void simultaneousInitiationConvergesOnTheHigherAddressesHandshake() {
    Peer[] p = pair();
    Peer a = p[0]; // 10.0.0.1
    Peer b = p[1]; // 10.0.0.2: its handshake must win (Go 1.6.1)
    a.send("10.0.0.2", packet("from a"));
    b.send("10.0.0.1", packet("from b"));
    assertThat(bed.wire.inFlight).hasSize(2);

    bed.wire.deliver();
    bed.time.advanceTimeBy(Duration.ofSeconds(10)); // any retries also settle
    bed.wire.deliver();

    Tunnel ab = a.tunnelTo("10.0.0.2");
    Tunnel ba = b.tunnelTo("10.0.0.1");
    assertThat(ab).isNotNull();
    assertThat(ba).isNotNull();
    assertPaired(ab, ba);
    assertThat(ba.initiator()).as("the higher address initiated the surviving tunnel").isTrue();
    assertThat(ab.initiator()).isFalse();
    assertThat(a.hostMap.size()).isEqualTo(1);
    assertThat(b.hostMap.size()).isEqualTo(1);
    assertThat(a.manager.pendingCount()).isZero();
    assertThat(b.manager.pendingCount()).isZero();
    assertThat(a.failed).isEmpty();
    assertThat(b.failed).isEmpty();
    assertThat(b.refused).extracting(HandshakeTestBed.Refused::reason)
        .containsExactly(HandshakeFailure.RACE_LOST_BY_PEER);
    // A's own handshake lost, but its cached packet moved to the winning tunnel
    assertThat(a.established).singleElement().satisfies(e -> {
      assertThat(e.ours()).isNotNull();
      assertThat(e.cached()).extracting(c -> new String(c.payload(), StandardCharsets.US_ASCII))
          .containsExactly("from a");
    });
    assertThat(b.established).singleElement().satisfies(e ->
        assertThat(e.cached()).extracting(c -> new String(c.payload(), StandardCharsets.US_ASCII))
            .containsExactly("from b"));
  }

  @Test
  void cacheHoldsAtMostOneHundredPackets() {
    bed.staticHost("10.0.0.2", ADDR_B);
    Peer a = bed.peer("a", "10.0.0.1/24", ADDR_A);
    for (int i = 0; i < 150; i++) {
      a.send("10.0.0.2", packet("p" + i));
    }
    assertThat(a.cacheFull).isEqualTo(50);
    Peer b = bed.peer("b", "10.0.0.2/24", ADDR_B);
    bed.wire.deliver();
    assertThat(a.established).singleElement()
        .satisfies(e -> assertThat(e.cached()).hasSize(HandshakeManager.MAX_CACHED_PACKETS));
    assertThat(b.established).hasSize(1);
  }

  @Test
  void olderHandshakeIsRefusedAndNewerOneReplacesTheTunnel() {
    Peer[] p = pair();
    Peer a = p[0];
    Peer b = p[1];
    a.send("10.0.0.2", packet("x"));
    bed.wire.deliver();
    Tunnel original = b.tunnelTo("10.0.0.1");

    // A restarts (same certificate, new state) at the same instant: its msg 1 is not newer
    bed.wire.detach(a);
    Peer a2 = bed.peer(a.credential, ADDR_A, new SecureRandom(), true);
    a2.send("10.0.0.2", packet("after restart"));
    bed.wire.deliver(d -> d.to().equals(ADDR_B));
    assertThat(b.refused).extracting(HandshakeTestBed.Refused::reason)
        .containsExactly(HandshakeFailure.TOO_OLD);
    assertThat(b.tunnelMessages).singleElement().satisfies(m -> {
      assertThat(m.kind()).isEqualTo("test");
      assertThat(m.tunnel()).isSameAs(original);
    });
    assertThat(b.tunnelTo("10.0.0.1")).isSameAs(original);

    // a moment later its retry is still "not newer" (the same msg 1); a fresh restart is newer
    bed.wire.detach(a2);
    bed.time.advanceTimeBy(Duration.ofMillis(1));
    bed.wire.lose();
    Peer a3 = bed.peer(a.credential, ADDR_A, new SecureRandom(), true);
    a3.send("10.0.0.2", packet("after second restart"));
    bed.wire.deliver();
    assertThat(a3.established).hasSize(1);
    Tunnel replacement = b.tunnelTo("10.0.0.1");
    assertThat(replacement).isNotSameAs(original);
    assertThat(b.established).hasSize(2);
    assertThat(b.established.get(1).replaced()).isSameAs(original);
    assertPaired(a3.tunnelTo("10.0.0.2"), replacement);
    assertThat(b.hostMap.byLocalIndex(original.localIndex())).isNull();
  }

  @Test
  void wrongHostAnswerIsBlockedAndPacketsMoveToAFreshHandshake() {
    bed.staticHost("10.0.0.2", ADDR_C); // stale static entry: C lives there now
    Peer a = bed.peer("a", "10.0.0.1/24", ADDR_A);
    Peer c = bed.peer("c", "10.0.0.3/24", ADDR_C);
    a.send("10.0.0.2", packet("for b"));
    bed.wire.deliver();

    assertThat(c.established).hasSize(1); // C accepted A (it cannot know)
    assertThat(a.failed).singleElement().satisfies(f -> {
      assertThat(f.reason()).isEqualTo(HandshakeFailure.WRONG_HOST);
      assertThat(f.dropped()).isZero();
      assertThat(f.detail()).contains("10.0.0.3");
    });
    assertThat(a.hostMap.size()).isZero();
    // C is told to close the tunnel it made, with the keys of that handshake
    assertThat(a.tunnelMessages).singleElement().satisfies(m -> {
      assertThat(m.kind()).isEqualTo("close");
      assertThat(m.tunnel().remoteIndex()).isEqualTo(c.tunnelTo("10.0.0.1").localIndex());
      assertThat(m.tunnel().vpnAddress()).isEqualTo(vpn("10.0.0.3"));
    });
    // a fresh handshake holds the packet, and never sends to the blocked address again
    PendingHandshake redo = a.manager.pending(vpn("10.0.0.2"));
    assertThat(redo).isNotNull();
    assertThat(redo.cached).extracting(cp -> new String(cp.payload(), StandardCharsets.US_ASCII))
        .containsExactly("for b");
    assertThat(a.started).containsExactly(vpn("10.0.0.2"), vpn("10.0.0.2"));
    int sentBefore = bed.wire.sentFrom(ADDR_A).size();
    bed.time.advanceTimeBy(Duration.ofSeconds(6));
    assertThat(bed.wire.sentFrom(ADDR_A)).hasSize(sentBefore);
    assertThat(a.failed).extracting(HandshakeTestBed.Failed::reason)
        .containsExactly(HandshakeFailure.WRONG_HOST, HandshakeFailure.TIMED_OUT);
    assertThat(a.failed.get(1).dropped()).isEqualTo(1);
  }

  @Test
  void certificateClaimingOurOwnAddressIsRefused() {
    bed.staticHost("10.0.0.1", ADDR_A);
    Peer a = bed.peer("a", "10.0.0.1/24", ADDR_A);
    Peer impostor = bed.peer("impostor", "10.0.0.1/24", ADDR_C);
    impostor.manager.startHandshake(vpn("10.0.0.1"));
    bed.wire.deliver();
    assertThat(a.refused).singleElement().satisfies(r -> {
      assertThat(r.reason()).isEqualTo(HandshakeFailure.OWN_ADDRESS);
      assertThat(r.source()).isEqualTo(ADDR_C);
    });
    assertThat(a.hostMap.size()).isZero();
    assertThat(bed.wire.sentFrom(ADDR_A)).isEmpty();
  }

  @Test
  void untrustedExpiredAndBlocklistedCertificatesAreRefused() {
    bed.staticHost("10.0.0.1", ADDR_A);
    Peer a = bed.peer("a", "10.0.0.1/24", ADDR_A);

    Clock at = Clock.fixed(HandshakeTestBed.START, ZoneOffset.UTC);
    CertificateAuthority otherCa = CertificateAuthority.create(
        CaSpec.named("other-ca").notBefore(HandshakeTestBed.START.minus(Duration.ofDays(1))), at);
    HostCredential foreign = otherCa.withClock(at).sign(HostSpec.named("foreign")
        .network("10.0.0.5/24"));
    HostCredential expired = bed.ca.withClock(at).sign(HostSpec.named("expired")
        .network("10.0.0.6/24")
        .notBefore(HandshakeTestBed.START.minus(Duration.ofHours(2)))
        .validFor(Duration.ofHours(1)));
    HostCredential banned = bed.credential("banned", "10.0.0.7/24");
    bed.pool = CaPool.of(bed.ca.certificate())
        .withBlocklist(List.of(banned.certificate().fingerprint()));

    InetSocketAddress[] from = {udp("198.51.100.5", 1), udp("198.51.100.6", 1),
        udp("198.51.100.7", 1)};
    HostCredential[] creds = {foreign, expired, banned};
    for (int i = 0; i < 3; i++) {
      Peer hostile = bed.peer(creds[i], from[i], new SecureRandom(), true);
      hostile.manager.startHandshake(vpn("10.0.0.1"));
      bed.wire.deliver();
    }
    assertThat(a.refused).extracting(HandshakeTestBed.Refused::reason).containsExactly(
        HandshakeFailure.CERT_UNTRUSTED, HandshakeFailure.CERT_EXPIRED,
        HandshakeFailure.CERT_BLOCKLISTED);
    assertThat(a.refused.get(0).detail()).contains("foreign");
    assertThat(a.hostMap.size()).isZero();
    assertThat(bed.wire.sentFrom(ADDR_A)).isEmpty();
  }

  @Test
  void garbledMessage2IsRefusedButTheGenuineAnswerStillCompletes() {
    Peer[] p = pair();
    Peer a = p[0];
    a.send("10.0.0.2", packet("x"));
    bed.wire.deliver(d -> d.to().equals(ADDR_B));
    Datagram msg2 = bed.wire.inFlight.poll();
    byte[] garbled = msg2.bytes().clone();
    garbled[garbled.length - 1] ^= 1;
    bed.wire.inject(msg2.from(), msg2.to(), garbled);
    bed.wire.inject(msg2.from(), msg2.to(), Arrays.copyOf(msg2.bytes(), 40)); // truncated
    bed.wire.inject(msg2.from(), msg2.to(), msg2.bytes());
    bed.wire.deliver();

    assertThat(a.refused).extracting(HandshakeTestBed.Refused::reason)
        .containsExactly(HandshakeFailure.NOISE_FAILED, HandshakeFailure.NOISE_FAILED);
    assertThat(a.established).hasSize(1);
    assertThat(a.failed).isEmpty();
    assertPaired(a.tunnelTo("10.0.0.2"), p[1].tunnelTo("10.0.0.1"));
  }

  @Test
  void handshakePacketsMatchingNothingAreCounted() {
    Peer[] p = pair();
    Peer a = p[0];
    a.send("10.0.0.2", packet("x"));
    bed.wire.deliver();
    Datagram msg2 = bed.wire.sentFrom(ADDR_B).get(0);
    bed.wire.inject(ADDR_B, ADDR_A, msg2.bytes()); // late duplicate of msg 2: nothing pending
    byte[] counter3 = msg2.bytes().clone();
    HeaderCodec.writeCounter(counter3, 0, 3);
    bed.wire.inject(ADDR_B, ADDR_A, counter3);
    bed.wire.inject(ADDR_B, ADDR_A, new byte[] {0x10, 0, 0, 0});
    bed.wire.deliver();
    assertThat(a.unmatched).isEqualTo(3);
    assertThat(a.established).hasSize(1);
  }

  @Test
  void closeFailsPendingHandshakesAndStopsTheirTimers() {
    bed.staticHost("10.0.0.2", ADDR_B);
    Peer a = bed.peer("a", "10.0.0.1/24", ADDR_A);
    a.send("10.0.0.2", packet("x"));
    a.send("10.0.0.2", packet("y"));
    a.manager.close();
    a.manager.close();
    assertThat(a.failed).singleElement().satisfies(f -> {
      assertThat(f.reason()).isEqualTo(HandshakeFailure.NODE_CLOSED);
      assertThat(f.dropped()).isEqualTo(2);
    });
    assertThat(bed.time.pendingTasks()).isZero();
    assertThat(a.send("10.0.0.2", packet("z"))).isNull();
    assertThat(a.manager.pendingCount()).isZero();
  }

  @Test
  void indexesAreRandomNonZeroAndUnique() {
    // a random source that yields 0, then a duplicate, before usable values
    Deque<Integer> script = new ArrayDeque<>(List.of(0, 7, 7, 7, 9));
    SecureRandom scripted = new SecureRandom() {
      @Override
      public void nextBytes(byte[] bytes) {
        if (bytes.length == 4 && !script.isEmpty()) {
          int v = script.poll();
          bytes[0] = (byte) (v >>> 24);
          bytes[1] = (byte) (v >>> 16);
          bytes[2] = (byte) (v >>> 8);
          bytes[3] = (byte) v;
        } else {
          super.nextBytes(bytes);
        }
      }
    };
    Peer a = bed.peer(bed.credential("a", "10.0.0.1/24"), ADDR_A, scripted, true);
    a.send("10.0.0.2", packet("x"));
    a.send("10.0.0.3", packet("y"));
    assertThat(a.manager.pending(vpn("10.0.0.2")).localIndex()).isEqualTo(7);
    assertThat(a.manager.pending(vpn("10.0.0.3")).localIndex()).isEqualTo(9);
  }
}
