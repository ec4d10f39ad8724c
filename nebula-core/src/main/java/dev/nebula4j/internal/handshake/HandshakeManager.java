package dev.nebula4j.internal.handshake;

import dev.nebula4j.cert.CaPool;
import dev.nebula4j.config.HandshakesConfig;
import dev.nebula4j.config.HostPort;
import dev.nebula4j.internal.handshake.PeerVerifier.VerifiedPeer;
import dev.nebula4j.internal.header.HeaderCodec;
import dev.nebula4j.internal.header.MalformedPacketException;
import dev.nebula4j.internal.header.MessageType;
import dev.nebula4j.internal.hostmap.HostMap;
import dev.nebula4j.internal.hostmap.Tunnel;
import dev.nebula4j.internal.noise.HandshakeState;
import dev.nebula4j.internal.noise.NoiseException;
import dev.nebula4j.internal.noise.TransportKeys;
import dev.nebula4j.net.IpNetwork;
import dev.nebula4j.node.HandshakeFailure;
import dev.nebula4j.node.NodeClock;
import dev.nebula4j.node.NodeScheduler;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Nebula's Noise IX handshakes (spec §3.4–3.7) with Go 1.6.1's semantics.
 *
 * <h2>As initiator</h2>
 *
 * {@link #sendOrCache} is called for a packet whose destination has no tunnel. The first call
 * creates a pending handshake: a random, unique, non-zero local index (§3.4) and msg 1, built once;
 * every attempt resends those exact bytes to every known remote of the peer ({@link
 * RemoteResolver}). Attempts: immediately when the peer is in {@code static_host_map}, then on a
 * timer that is re-armed for {@code k × try_interval} after the k-th attempt (linear back-off);
 * once {@code retries} attempts were made, the next timer tick gives up ({@link
 * HandshakeFailure#TIMED_OUT}). With the defaults (100 ms, 10) msg 1 goes out at 0, 0.1, 0.3, 0.6,
 * … 4.5 s and the handshake fails at 5.5 s. Up to {@link #MAX_CACHED_PACKETS} packets wait for the
 * tunnel and are handed to the host for flushing when it is up.
 *
 * <p>Msg 2 is looked up by its remote index. A Noise failure leaves the handshake waiting (it may be
 * an attacker's); after Noise succeeded, a bad payload or certificate ends it. If a different host
 * answered (its certificate names another VPN address) its address is blocked for this peer, the
 * cached packets move to a fresh handshake, and the wrong host gets a closeTunnel made with the
 * keys just derived (Go 1.11; 1.6.1 sends nothing). Otherwise the tunnel is installed with the
 * answer's source as remote, replacing any older tunnel to the peer.
 *
 * <h2>As responder</h2>
 *
 * {@link #onHandshakePacket} with counter 1: read msg 1, verify the certificate rebuilt with the
 * Noise static key (§3.3), refuse our own VPN address, write msg 2, then resolve conflicts as Go's
 * {@code CheckAndComplete} does: a byte-identical msg 1 of the existing tunnel gets its stored msg
 * 2 again; a msg 1 whose {@code Time} is not newer than the existing tunnel's is "too old" (we send
 * a test over the existing tunnel instead); a collision of our new index drops the message; and
 * when we are handshaking with the same peer at the same time, the handshake initiated by the
 * higher VPN address wins (1.6.1's rule: if the peer's address is higher we take its handshake
 * and move our cached packets over, else we ignore its msg 1 and let ours finish).
 *
 * <h2>Threads</h2>
 *
 * Handshake packets are processed on the UDP reader thread (so a tunnel is in the host map before
 * the peer's first data packet is read), attempts on the scheduler thread, {@link #sendOrCache} on
 * packet threads. State is guarded by this object's monitor; the host's callbacks are always made
 * after releasing it. Responder crypto runs outside the lock; msg 2 processing runs under it
 * (handshakes are rare next to packets).
 */
public final class HandshakeManager {
  /** Packets cached per pending handshake (Go: 100). */
  public static final int MAX_CACHED_PACKETS = 100;

  private static final Logger log = LoggerFactory.getLogger(HandshakeManager.class);
  private static final int INDEX_ATTEMPTS = 32;

  private final HandshakeIdentity identity;
  private final Supplier<CaPool> caPool;
  private final HostMap hostMap;
  private final RemoteResolver remotes;
  private final HandshakeHost host;
  private final NodeClock clock;
  private final NodeScheduler scheduler;
  private final SecureRandom random;
  private final long tryIntervalNanos;
  private final int retries;
  private final List<IpNetwork> preferredRanges;

  private static final long REFUSAL_LOG_INTERVAL_NANOS = 10_000_000_000L;
  private final long[] refusalLog = new long[HandshakeFailure.values().length];
  private final long[] refusals = new long[HandshakeFailure.values().length]; // guarded by refusalLog
  private final Map<Integer, PendingHandshake> pendingByVpn = new HashMap<>();
  private final Map<Integer, PendingHandshake> pendingByIndex = new HashMap<>();
  private long initiated;
  private boolean closed;

  private HandshakeManager(Builder b) {
    this.identity = b.identity;
    this.caPool = b.caPool;
    this.hostMap = b.hostMap;
    this.remotes = b.remotes;
    this.host = b.host;
    this.clock = b.clock;
    this.scheduler = b.scheduler;
    this.random = b.random;
    this.tryIntervalNanos = b.handshakes.tryInterval().toNanos();
    this.retries = b.handshakes.retries();
    this.preferredRanges = List.copyOf(b.preferredRanges);
  }

  public static Builder builder() {
    return new Builder();
  }

  // ================================================================== initiator

  /**
   * For a packet to {@code vpnAddress}: returns the tunnel if one is established (the caller
   * sends through it), otherwise copies the packet into the pending handshake's cache, starting
   * the handshake if needed, and returns {@code null}. A full cache drops the packet ({@link
   * HandshakeHost#cacheFull}).
   */
  public Tunnel sendOrCache(
      int vpnAddress, int type, int subtype, byte[] buf, int off, int len) {
    Tunnel t = hostMap.byVpnAddress(vpnAddress);
    if (t != null) {
      return t;
    }
    Attempt attempt;
    boolean full;
    synchronized (this) {
      t = hostMap.byVpnAddress(vpnAddress);
      if (t != null) {
        return t;
      }
      if (closed) {
        return null;
      }
      PendingHandshake p = pendingByVpn.get(vpnAddress);
      attempt = null;
      if (p == null) {
        p = createPending(vpnAddress, List.of(), List.of());
        if (p == null) {
          return null;
        }
        attempt = firstAttemptLocked(p);
      }
      full = p.cached.size() >= MAX_CACHED_PACKETS;
      if (!full) {
        p.cached.add(new CachedPacket(type, subtype, Arrays.copyOfRange(buf, off, off + len)));
      }
    }
    if (attempt != null) {
      attempt.run(this);
    }
    if (full) {
      host.cacheFull(vpnAddress);
    }
    return null;
  }

  /**
   * Starts a handshake towards {@code vpnAddress} unless a tunnel or a pending handshake exists
   * (Go's {@code Handshake(vpnIp)}).
   *
   * @return {@code true} if a handshake was started
   */
  public boolean startHandshake(int vpnAddress) {
    Attempt attempt;
    synchronized (this) {
      if (closed || hostMap.byVpnAddress(vpnAddress) != null
          || pendingByVpn.containsKey(vpnAddress)) {
        return false;
      }
      PendingHandshake p = createPending(vpnAddress, List.of(), List.of());
      if (p == null) {
        return false;
      }
      attempt = firstAttemptLocked(p);
    }
    attempt.run(this);
    return true;
  }

  /**
   * New remotes for {@code vpnAddress} are known (a lighthouse answered): like Go 1.6.1, this
   * short-cuts only the first attempt of a pending handshake.
   */
  public void remotesChanged(int vpnAddress) {
    Attempt attempt;
    synchronized (this) {
      PendingHandshake p = pendingByVpn.get(vpnAddress);
      if (closed || p == null || p.attempts > 0) {
        return;
      }
      attempt = attemptLocked(p, false);
    }
    attempt.run(this);
  }

  /** Creates and registers a pending handshake; caller holds the lock. */
  private PendingHandshake createPending(
      int vpnAddress, List<CachedPacket> cached, Iterable<InetSocketAddress> blocked) {
    int index = allocateIndexLocked();
    if (index == 0) {
      log.error("Failed to generate a unique local index for a handshake with {}",
          IpNetwork.formatIpv4(vpnAddress));
      return null;
    }
    HandshakeState hs = HandshakeState.builder(identity.protocol(), true)
        .localStatic(identity.staticKey())
        .random(random)
        .build();
    byte[] payload = HandshakePayloadCodec.encode(
        HandshakeDetails.forInitiator(identity.handshakeCertificate(), index, unixNanos()));
    byte[] message1;
    try {
      message1 = HandshakeMessageCodec.write(hs, 0, payload);
    } catch (NoiseException e) {
      // msg 1 (e, s) performs no DH, so Noise cannot refuse it
      throw new IllegalStateException("Noise refused to write msg 1", e);
    }
    PendingHandshake p = new PendingHandshake(vpnAddress, index, hs, message1, clock.nanoTime());
    p.cached.addAll(cached);
    for (InetSocketAddress a : blocked) {
      p.blocked.add(a);
    }
    pendingByVpn.put(vpnAddress, p);
    pendingByIndex.put(index, p);
    p.timer = scheduler.schedule(() -> onTimer(p), tryIntervalNanos, TimeUnit.NANOSECONDS);
    initiated++;
    return p;
  }

  /** A random non-zero index used by no tunnel and no pending handshake (§3.4); 0 on failure. */
  private int allocateIndexLocked() {
    for (int i = 0; i < INDEX_ATTEMPTS; i++) {
      int candidate = random.nextInt();
      if (candidate != 0 && !hostMap.isLocalIndexUsed(candidate)
          && !pendingByIndex.containsKey(candidate)) {
        return candidate;
      }
    }
    return 0;
  }

  private void onTimer(PendingHandshake p) {
    Attempt attempt;
    int dropped = 0;
    boolean timedOut = false;
    synchronized (this) {
      if (closed || pendingByVpn.get(p.vpnAddress()) != p) {
        return;
      }
      if (p.attempts >= retries) {
        dropped = abandonLocked(p);
        timedOut = true;
        attempt = null;
      } else {
        attempt = attemptLocked(p, true);
      }
    }
    if (timedOut) {
      long ms = (clock.nanoTime() - p.startNanos()) / 1_000_000;
      log.info("Handshake timed out: vpnIp={} initiatorIndex={} attempts={} durationMs={}",
          IpNetwork.formatIpv4(p.vpnAddress()), Integer.toUnsignedString(p.localIndex()),
          p.attempts, ms);
      host.handshakeFailed(p.vpnAddress(), HandshakeFailure.TIMED_OUT,
          "no reply after " + p.attempts + " attempts in " + ms + " ms", dropped);
      return;
    }
    attempt.run(this);
  }

  /**
   * The start of a new handshake: announced, and sent at once only when the peer is in {@code
   * static_host_map}; otherwise the first timer tick or a lighthouse answer ({@link
   * #remotesChanged}) sends it.
   */
  private Attempt firstAttemptLocked(PendingHandshake p) {
    return remotes.isStatic(p.vpnAddress()) ? attemptLocked(p, false).announced()
        : Attempt.started(p);
  }

  /**
   * Counts an attempt and picks its targets; with {@code rearm} the timer is set for {@code
   * attempts × try_interval} (a timer tick), without it (immediate or lighthouse-triggered
   * attempt) the existing timer stays.
   */
  private Attempt attemptLocked(PendingHandshake p, boolean rearm) {
    List<InetSocketAddress> targets = new ArrayList<>();
    for (InetSocketAddress a : remotes.remotes(p.vpnAddress())) {
      if (!p.blocked.contains(a)) {
        targets.add(a);
      }
    }
    p.attempts++;
    if (rearm) {
      p.timer = scheduler.schedule(
          () -> onTimer(p), tryIntervalNanos * p.attempts, TimeUnit.NANOSECONDS);
    }
    return new Attempt(p, targets, false);
  }

  /**
   * An attempt decided under the lock and carried out after it: announces a new handshake (once,
   * right after it was created) and sends msg 1 to the targets.
   */
  private record Attempt(PendingHandshake pending, List<InetSocketAddress> targets,
      boolean announce) {
    static Attempt started(PendingHandshake p) {
      return new Attempt(p, List.of(), true);
    }

    Attempt announced() {
      return new Attempt(pending, targets, true);
    }

    void run(HandshakeManager m) {
      if (announce) {
        m.host.handshakeStarted(pending.vpnAddress());
      }
      byte[] msg = pending.message1();
      for (InetSocketAddress target : targets) {
        m.host.sendDatagram(msg, 0, msg.length, target);
      }
      if (log.isDebugEnabled() && !targets.isEmpty()) {
        log.debug("Handshake message sent: vpnIp={} initiatorIndex={} attempt={} udpAddrs={}",
            IpNetwork.formatIpv4(pending.vpnAddress()),
            Integer.toUnsignedString(pending.localIndex()), pending.attempts, targets);
      }
    }
  }

  /** Ends {@code p} without a tunnel: unregisters it, drops its cached packets, returns how many. */
  private int abandonLocked(PendingHandshake p) {
    removePendingLocked(p);
    int dropped = p.cached.size();
    p.cached.clear();
    return dropped;
  }

  private void removePendingLocked(PendingHandshake p) {
    pendingByVpn.remove(p.vpnAddress(), p);
    pendingByIndex.remove(p.localIndex(), p);
    if (p.timer != null) {
      p.timer.cancel();
    }
  }

  // ================================================================== receive

  /**
   * A handshake datagram (type 0) from {@code source}: counter 1 is a peer's msg 1, counter 2 the
   * answer to one of ours. Never throws for any bytes.
   */
  public void onHandshakePacket(byte[] buf, int off, int len, InetSocketAddress source) {
    if (len < HeaderCodec.LENGTH
        || HeaderCodec.subtype(buf, off) != MessageType.SUBTYPE_HANDSHAKE_IX_PSK0) {
      host.handshakeUnmatched(source);
      return;
    }
    long counter = HeaderCodec.counter(buf, off);
    if (counter == 1) {
      onMessage1(buf, off, len, source);
    } else if (counter == 2) {
      onMessage2(buf, off, len, source);
    } else {
      host.handshakeUnmatched(source);
    }
  }

  private void onMessage1(byte[] buf, int off, int len, InetSocketAddress source) {
    synchronized (this) {
      if (closed) {
        return;
      }
    }
    HandshakeState hs = HandshakeState.builder(identity.protocol(), false)
        .localStatic(identity.staticKey())
        .random(random)
        .build();
    HandshakeDetails details;
    VerifiedPeer peer;
    try {
      byte[] payload = HandshakeMessageCodec.read(hs, buf, off, len);
      details = decode(payload, true);
      peer = verifyPeer(details, hs);
    } catch (HandshakeRefusal r) {
      refuse(source, r.reason(), r.detail());
      return;
    } catch (NoiseException e) {
      refuse(source, HandshakeFailure.NOISE_FAILED, "msg 1: " + e.getMessage());
      return;
    } catch (MalformedPacketException e) {
      refuse(source, HandshakeFailure.MALFORMED_PAYLOAD, "msg 1: " + e.getMessage());
      return;
    }

    int myIndex;
    synchronized (this) {
      myIndex = allocateIndexLocked();
    }
    if (myIndex == 0) {
      refuse(source, HandshakeFailure.INDEX_COLLISION, "no free local index");
      return;
    }
    HandshakeDetails reply = new HandshakeDetails(identity.handshakeCertificate(),
        details.initiatorIndex(), myIndex, details.cookie(), unixNanos(), 0);
    byte[] message2;
    try {
      message2 = HandshakeMessageCodec.write(hs, details.initiatorIndex(),
          HandshakePayloadCodec.encode(reply));
    } catch (NoiseException e) {
      refuse(source, HandshakeFailure.NOISE_FAILED, "msg 2: " + e.getMessage());
      return;
    }
    byte[] message1 = Arrays.copyOfRange(buf, off + HeaderCodec.LENGTH, off + len);
    Tunnel tunnel = newTunnel(hs, myIndex, details, peer, source)
        .handshakeMessages(message1, message2)
        .build();

    // Go's CheckAndComplete
    Tunnel existing;
    Tunnel replaced = null;
    PendingHandshake lostRace = null;
    HandshakeFailure conflict = null;
    synchronized (this) {
      if (closed) {
        return;
      }
      existing = hostMap.byVpnAddress(peer.vpnAddress());
      if (existing != null && existing.handshakeMessage1() != null
          && Arrays.equals(existing.handshakeMessage1(), message1)) {
        conflict = null;
      } else if (existing != null
          && Long.compareUnsigned(existing.peerHandshakeTime(), details.timeNanos()) >= 0) {
        conflict = HandshakeFailure.TOO_OLD;
      } else if (hostMap.isLocalIndexUsed(myIndex) || pendingByIndex.containsKey(myIndex)) {
        conflict = HandshakeFailure.INDEX_COLLISION;
      } else {
        PendingHandshake ours = pendingByVpn.get(peer.vpnAddress());
        if (ours != null
            && Integer.compareUnsigned(peer.vpnAddress(), identity.primaryVpnAddress()) <= 0) {
          conflict = HandshakeFailure.RACE_LOST_BY_PEER;
        } else {
          if (ours != null) {
            removePendingLocked(ours);
            lostRace = ours;
          }
          replaced = hostMap.install(tunnel);
          existing = null;
        }
      }
    }

    String vpn = IpNetwork.formatIpv4(peer.vpnAddress());
    String name = peer.certificate().certificate().name();
    if (existing != null && conflict == null) {
      // Already seen: a retransmitted msg 1 gets the msg 2 the initiator is committed to.
      switchIfPreferred(existing, source);
      byte[] stored = existing.handshakeMessage2();
      host.sendDatagram(stored, 0, stored.length, source);
      log.debug("Handshake message already seen, resent stored msg 2: vpnIp={} certName={} "
          + "udpAddr={}", vpn, name, HostPort.of(source));
      return;
    }
    if (conflict != null) {
      String detail = switch (conflict) {
        case TOO_OLD -> "Handshake too old: '" + name + "' " + vpn + " time "
            + Long.toUnsignedString(details.timeNanos()) + " is not newer than the tunnel's "
            + Long.toUnsignedString(existing.peerHandshakeTime());
        case RACE_LOST_BY_PEER -> "Prevented a pending handshake race with '" + name + "' " + vpn
            + ": our handshake wins (our VPN address is higher)";
        default -> "Failed to add tunnel for '" + name + "' " + vpn + ": local index "
            + Integer.toUnsignedString(myIndex) + " collides";
      };
      refuse(source, conflict, detail);
      if (conflict == HandshakeFailure.TOO_OLD) {
        host.sendTestRequest(existing);
      }
      return;
    }
    host.sendDatagram(message2, 0, message2.length, source);
    log.info("Handshake completed as responder: vpnIp={} certName={} udpAddr={} "
        + "initiatorIndex={} responderIndex={}{}", vpn, name, HostPort.of(source),
        Integer.toUnsignedString(details.initiatorIndex()), Integer.toUnsignedString(myIndex),
        lostRace != null ? " (simultaneous handshake: theirs wins)" : "");
    List<CachedPacket> cached = lostRace == null ? List.of() : drain(lostRace);
    host.tunnelEstablished(tunnel, replaced, lostRace, cached);
  }

  private void onMessage2(byte[] buf, int off, int len, InetSocketAddress source) {
    int index = HeaderCodec.remoteIndex(buf, off);
    PendingHandshake p;
    Tunnel tunnel = null;
    Tunnel replaced = null;
    Tunnel wrongHost = null;
    PendingHandshake redo = null;
    Attempt redoAttempt = null;
    HandshakeFailure failure = null;
    String detail = null;
    boolean keepWaiting = false;
    int dropped = 0;
    synchronized (this) {
      p = closed ? null : pendingByIndex.get(index);
      if (p == null) {
        keepWaiting = true; // unmatched: reported below
      } else {
        try {
          byte[] payload = HandshakeMessageCodec.read(p.noise, buf, off, len);
          HandshakeDetails details;
          VerifiedPeer peer;
          try {
            details = decode(payload, false);
            peer = verifyPeer(details, p.noise);
          } catch (HandshakeRefusal r) {
            failure = r.reason();
            detail = r.detail();
            details = null;
            peer = null;
          }
          if (failure != null) {
            dropped = abandonLocked(p);
          } else if (peer.vpnAddress() != p.vpnAddress()) {
            // The wrong host answered: block it, move the packets to a fresh handshake.
            failure = HandshakeFailure.WRONG_HOST;
            detail = "Incorrect host responded to handshake: intended "
                + IpNetwork.formatIpv4(p.vpnAddress()) + ", got '"
                + peer.certificate().certificate().name() + "' "
                + IpNetwork.formatIpv4(peer.vpnAddress()) + " at " + source;
            removePendingLocked(p);
            List<InetSocketAddress> blocked = new ArrayList<>(p.blocked);
            blocked.add(source);
            List<CachedPacket> moved = drain(p);
            wrongHost = newTunnel(p.noise, p.localIndex(), details, peer, source).build();
            redo = createPending(p.vpnAddress(), moved, blocked);
            if (redo == null) {
              dropped = moved.size();
            } else {
              redoAttempt = firstAttemptLocked(redo);
            }
          } else {
            tunnel = newTunnel(p.noise, p.localIndex(), details, peer, source).build();
            removePendingLocked(p);
            replaced = hostMap.install(tunnel);
          }
        } catch (NoiseException e) {
          failure = HandshakeFailure.NOISE_FAILED;
          detail = "msg 2 from " + source + " for " + IpNetwork.formatIpv4(p.vpnAddress())
              + ": " + e.getMessage();
          keepWaiting = true; // may be an attacker: the genuine answer can still come
        } catch (MalformedPacketException e) {
          failure = HandshakeFailure.MALFORMED_PAYLOAD;
          detail = "msg 2: " + e.getMessage();
          dropped = abandonLocked(p);
        }
      }
    }

    if (p == null) {
      host.handshakeUnmatched(source);
      return;
    }
    if (keepWaiting) {
      refuse(source, failure, detail);
      return;
    }
    if (tunnel != null) {
      long ms = (clock.nanoTime() - p.startNanos()) / 1_000_000;
      log.info("Handshake completed as initiator: vpnIp={} certName={} udpAddr={} "
          + "initiatorIndex={} responderIndex={} attempts={} durationMs={} cachedPackets={}",
          tunnel.vpnAddressText(), tunnel.peerName(), HostPort.of(source),
          Integer.toUnsignedString(p.localIndex()), Integer.toUnsignedString(tunnel.remoteIndex()),
          p.attempts, ms, p.cached.size());
      host.tunnelEstablished(tunnel, replaced, p, drain(p));
      return;
    }
    log.info("Handshake with {} failed ({}): {}", IpNetwork.formatIpv4(p.vpnAddress()),
        failure, detail);
    if (wrongHost != null) {
      host.sendCloseTunnel(wrongHost);
    }
    host.handshakeFailed(p.vpnAddress(), failure, detail, dropped);
    if (redoAttempt != null) {
      redoAttempt.run(this);
    }
  }

  /**
   * The tunnel that the completed handshake {@code hs} yields, with the answer's or the msg 1's
   * {@code source} as remote; the peer's index is the one its payload names for its role.
   */
  private Tunnel.Builder newTunnel(HandshakeState hs, int localIndex, HandshakeDetails details,
      VerifiedPeer peer, InetSocketAddress source) {
    TransportKeys keys = hs.transportKeys();
    return Tunnel.builder()
        .indexes(localIndex,
            hs.isInitiator() ? details.responderIndex() : details.initiatorIndex())
        .peer(peer.certificate(), peer.vpnAddress(), peer.firewallPeer())
        .keys(keys.newSendAead(), keys.newReceiveAead())
        .initiator(hs.isInitiator())
        .peerHandshakeTime(details.timeNanos())
        .established(clock.now())
        .remote(source);
  }

  private static List<CachedPacket> drain(PendingHandshake p) {
    List<CachedPacket> out = List.copyOf(p.cached);
    p.cached.clear();
    return out;
  }

  private static HandshakeDetails decode(byte[] payload, boolean message1)
      throws HandshakeRefusal {
    try {
      return message1
          ? HandshakePayloadCodec.decodeInitiatorPayload(payload, 0, payload.length)
          : HandshakePayloadCodec.decodeResponderPayload(payload, 0, payload.length);
    } catch (MalformedPacketException e) {
      throw new HandshakeRefusal(HandshakeFailure.MALFORMED_PAYLOAD,
          (message1 ? "msg 1 payload: " : "msg 2 payload: ") + e.getMessage(), e);
    }
  }

  /**
   * Verifies the certificate of a handshake payload with the static key {@code hs} authenticated
   * (§3.3), refusing one that claims our own VPN address.
   */
  private VerifiedPeer verifyPeer(HandshakeDetails details, HandshakeState hs)
      throws HandshakeRefusal {
    VerifiedPeer peer = PeerVerifier.verify(details.cert(), details.certVersion(),
        hs.remoteStaticPublicKey(), identity.curve(), caPool.get(), clock.now());
    if (identity.isOwnAddress(peer.vpnAddress())) {
      throw new HandshakeRefusal(HandshakeFailure.OWN_ADDRESS,
          "Refusing to handshake with myself: certificate '"
              + peer.certificate().certificate().name() + "' claims our VPN address "
              + IpNetwork.formatIpv4(peer.vpnAddress()));
    }
    return peer;
  }

  /** Go's {@code SetRemoteIfPreferred}: move to a preferred-range source and probe it. */
  private void switchIfPreferred(Tunnel tunnel, InetSocketAddress source) {
    if (preferredRanges.isEmpty()) {
      return;
    }
    InetSocketAddress current = tunnel.remote();
    boolean newPreferred = false;
    for (IpNetwork range : preferredRanges) {
      if (range.contains(current.getAddress())) {
        return;
      }
      newPreferred |= range.contains(source.getAddress());
    }
    if (newPreferred && tunnel.setRemote(source, clock.nanoTime()) != null) {
      host.sendTestRequest(tunnel);
    }
  }

  /**
   * Reports a refused handshake message: always to the host (counters, events); to the log the
   * first time for each reason and then at most once per {@link #REFUSAL_LOG_INTERVAL_NANOS}, so
   * that a flood of junk handshakes cannot flood the log.
   */
  private void refuse(InetSocketAddress source, HandshakeFailure reason, String detail) {
    int i = reason.ordinal();
    long count;
    boolean due;
    long now = clock.nanoTime();
    synchronized (refusalLog) {
      count = ++refusals[i];
      due = count == 1 || now - refusalLog[i] >= 0;
      if (due) {
        refusalLog[i] = now + REFUSAL_LOG_INTERVAL_NANOS;
      }
    }
    if (due) {
      log.info("Handshake refused from {}: {} ({}); {} refused for this reason so far, logged at"
          + " most every 10 s", source, reason.description(), detail, count);
    }
    host.handshakeRefused(source, reason, detail);
  }

  private long unixNanos() {
    Instant now = clock.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  // ================================================================== management

  /** Handshakes of ours in progress. */
  public synchronized int pendingCount() {
    return pendingByVpn.size();
  }

  /** Whether a handshake towards {@code vpnAddress} is in progress. */
  public synchronized boolean isPending(int vpnAddress) {
    return pendingByVpn.containsKey(vpnAddress);
  }

  /** The pending handshake towards {@code vpnAddress}, or {@code null} (tests, diagnostics). */
  public synchronized PendingHandshake pending(int vpnAddress) {
    return pendingByVpn.get(vpnAddress);
  }

  /** Handshakes we started since creation. */
  public synchronized long initiatedCount() {
    return initiated;
  }

  /**
   * Stops: cancels every timer and fails every pending handshake with {@link
   * HandshakeFailure#NODE_CLOSED} (their cached packets are dropped). Idempotent.
   */
  public void close() {
    List<PendingHandshake> failed;
    int[] dropped;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      failed = new ArrayList<>(pendingByVpn.values());
      dropped = new int[failed.size()];
      for (int i = 0; i < dropped.length; i++) {
        dropped[i] = abandonLocked(failed.get(i));
      }
    }
    for (int i = 0; i < dropped.length; i++) {
      host.handshakeFailed(failed.get(i).vpnAddress(), HandshakeFailure.NODE_CLOSED, "node closed",
          dropped[i]);
    }
  }

  @Override
  public synchronized String toString() {
    return "HandshakeManager[" + identity.certificate().name() + ", pending "
        + pendingByVpn.size() + "]";
  }

  /** Wires a {@link HandshakeManager}; every dependency is required except where noted. */
  public static final class Builder {
    private HandshakeIdentity identity;
    private Supplier<CaPool> caPool;
    private HostMap hostMap;
    private RemoteResolver remotes = RemoteResolver.NONE;
    private HandshakeHost host;
    private NodeClock clock = NodeClock.system();
    private NodeScheduler scheduler;
    private SecureRandom random;
    private HandshakesConfig handshakes = HandshakesConfig.defaults();
    private List<IpNetwork> preferredRanges = List.of();

    private Builder() {}

    public Builder identity(HandshakeIdentity identity) {
      this.identity = Objects.requireNonNull(identity, "identity");
      return this;
    }

    /** The CA pool, read for every handshake (a reload may swap it). */
    public Builder caPool(Supplier<CaPool> caPool) {
      this.caPool = Objects.requireNonNull(caPool, "caPool");
      return this;
    }

    public Builder hostMap(HostMap hostMap) {
      this.hostMap = Objects.requireNonNull(hostMap, "hostMap");
      return this;
    }

    /** Where peers are; default: nowhere. */
    public Builder remotes(RemoteResolver remotes) {
      this.remotes = Objects.requireNonNull(remotes, "remotes");
      return this;
    }

    public Builder host(HandshakeHost host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    public Builder clock(NodeClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder scheduler(NodeScheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** Source of indexes and ephemeral keys (a CSPRNG). */
    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** The {@code handshakes} section (try_interval, retries); default: Go's. */
    public Builder handshakes(HandshakesConfig handshakes) {
      this.handshakes = Objects.requireNonNull(handshakes, "handshakes");
      return this;
    }

    /** {@code preferred_ranges}. */
    public Builder preferredRanges(List<IpNetwork> preferredRanges) {
      this.preferredRanges = List.copyOf(preferredRanges);
      return this;
    }

    public HandshakeManager build() {
      if (identity == null || caPool == null || hostMap == null || host == null
          || scheduler == null || random == null) {
        throw new IllegalStateException(
            "handshake manager needs identity, caPool, hostMap, host, scheduler and random");
      }
      return new HandshakeManager(this);
    }
  }
}
