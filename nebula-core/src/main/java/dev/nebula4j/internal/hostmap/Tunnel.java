package dev.nebula4j.internal.hostmap;

import dev.nebula4j.cert.VerifiedCertificate;
import dev.nebula4j.firewall.FirewallPeer;
import dev.nebula4j.internal.crypto.AeadAlgorithm;
import dev.nebula4j.internal.crypto.InsecureCounterNonceAead;
import dev.nebula4j.internal.header.ReplayWindow;
import dev.nebula4j.net.IpNetwork;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One established tunnel (Go's {@code HostInfo} once its handshake is complete): the peer's
 * verified certificate, both indexes, the keys of both directions with the send counter and the
 * receive replay window, and the peer's current underlay address.
 *
 * <h2>Thread-safety</h2>
 *
 * Everything the packet path reads is final or volatile, so any number of threads may send and
 * receive through one tunnel without locks:
 *
 * <ul>
 *   <li>sending: {@link #nextCounter()} (one atomic increment; counters are unique per packet, so
 *       a nonce is never reused even with concurrent senders), {@link #sendAead()}, {@link
 *       #remote()};
 *   <li>receiving: {@link #window()} (internally synchronised, uncontended with one reader),
 *       {@link #receiveAead()}, then {@link #roamTo} when the source changed.
 * </ul>
 *
 * The remote address is volatile; roaming updates it under the tunnel's monitor so that the
 * "don't roam back within 2 s" rule (spec §8.3) sees a consistent previous address.
 */
public final class Tunnel {
  /** Go's RoamingSuppressSeconds: no roaming back to the previous remote within this time. */
  public static final long ROAMING_SUPPRESS_NANOS = 2_000_000_000L;

  private final int localIndex;
  private final int remoteIndex;
  private final int vpnAddress;
  private final VerifiedCertificate peer;
  private final FirewallPeer firewallPeer;
  private final InsecureCounterNonceAead sendAead;
  private final InsecureCounterNonceAead receiveAead;
  private final AtomicLong sendCounter = new AtomicLong(2); // §2.4: the first packet carries 3
  private final ReplayWindow window = new ReplayWindow();
  private final boolean initiator;
  private final long peerHandshakeTime;
  private final byte[] handshakeMessage1;
  private final byte[] handshakeMessage2;
  private final Instant establishedAt;

  private volatile InetSocketAddress remote;
  private InetSocketAddress previousRemote; // guarded by this
  private long lastRoamNanos; // guarded by this
  private boolean roamed; // guarded by this

  private final AtomicLong packetsSent = new AtomicLong();
  private final AtomicLong bytesSent = new AtomicLong();
  private final AtomicLong packetsReceived = new AtomicLong();
  private final AtomicLong bytesReceived = new AtomicLong();

  // liveness (spec §8.1, Go 1.6.1's connection manager)
  private volatile boolean inboundSeen;
  private final AtomicBoolean watched = new AtomicBoolean();
  private volatile boolean closed;
  private volatile boolean announced;

  private Tunnel(Builder b) {
    this.localIndex = b.localIndex;
    this.remoteIndex = b.remoteIndex;
    this.peer = b.peer;
    this.firewallPeer = b.firewallPeer;
    this.vpnAddress = b.vpnAddress;
    this.sendAead = b.sendAead;
    this.receiveAead = b.receiveAead;
    this.initiator = b.initiator;
    this.peerHandshakeTime = b.peerHandshakeTime;
    this.handshakeMessage1 = b.handshakeMessage1;
    this.handshakeMessage2 = b.handshakeMessage2;
    this.establishedAt = b.establishedAt;
    this.remote = b.remote;
    // Handshake messages 1 and 2 used counters 1 and 2 of this tunnel: mark them seen (§2.4).
    window.update(1);
    window.update(2);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Our index: the remote index of every packet the peer sends through this tunnel. */
  public int localIndex() {
    return localIndex;
  }

  /** The peer's index, written into every packet we send. */
  public int remoteIndex() {
    return remoteIndex;
  }

  /** The peer's VPN address (big-endian IPv4). */
  public int vpnAddress() {
    return vpnAddress;
  }

  /** The peer's VPN address as text, for logs. */
  public String vpnAddressText() {
    return IpNetwork.formatIpv4(vpnAddress);
  }

  public VerifiedCertificate peer() {
    return peer;
  }

  /** The peer's certificate name. */
  public String peerName() {
    return peer.certificate().name();
  }

  /** What the firewall matches this peer's packets against. */
  public FirewallPeer firewallPeer() {
    return firewallPeer;
  }

  /** The AEAD of both directions (the send and receive keys differ, the algorithm does not). */
  public AeadAlgorithm cipher() {
    return sendAead.algorithm();
  }

  public InsecureCounterNonceAead sendAead() {
    return sendAead;
  }

  public InsecureCounterNonceAead receiveAead() {
    return receiveAead;
  }

  /** The receive replay window (§2.5). */
  public ReplayWindow window() {
    return window;
  }

  /** Reserves the counter for the next packet we send (3 for the first, §2.4). */
  public long nextCounter() {
    return sendCounter.incrementAndGet();
  }

  /** The last counter reserved for sending. */
  public long sendCounter() {
    return sendCounter.get();
  }

  public boolean initiator() {
    return initiator;
  }

  /**
   * The {@code Time} the peer put in its handshake message (msg 1 when we responded, msg 2 when
   * we initiated), Unix nanoseconds on the peer's clock: the "too old" rule compares these (§3.6).
   */
  public long peerHandshakeTime() {
    return peerHandshakeTime;
  }

  /**
   * The Noise part of the peer's msg 1 (without header) when we responded, else {@code null}: a
   * byte-identical msg 1 is a retransmission and gets {@link #handshakeMessage2()} again.
   */
  public byte[] handshakeMessage1() {
    return handshakeMessage1;
  }

  /** The msg 2 (with header) we answered with when we responded, else {@code null}. */
  public byte[] handshakeMessage2() {
    return handshakeMessage2;
  }

  public Instant establishedAt() {
    return establishedAt;
  }

  /** Where packets for this tunnel go now. */
  public InetSocketAddress remote() {
    return remote;
  }

  /**
   * Moves the tunnel to {@code source} after an authenticated packet came from there (§8.3),
   * unless that would roam back to the previous address within {@link #ROAMING_SUPPRESS_NANOS}.
   *
   * @return the previous remote if the tunnel moved, else {@code null}
   */
  public synchronized InetSocketAddress roamTo(InetSocketAddress source, long nowNanos) {
    if (source.equals(remote)
        || (roamed && source.equals(previousRemote)
            && nowNanos - lastRoamNanos < ROAMING_SUPPRESS_NANOS)) {
      return null;
    }
    return setRemote(source, nowNanos);
  }

  /** Sets the remote without the roaming rules (preferred-range switch); returns the old one. */
  public synchronized InetSocketAddress setRemote(InetSocketAddress newRemote, long nowNanos) {
    InetSocketAddress current = remote;
    if (newRemote.equals(current)) {
      return null;
    }
    roamed = true;
    lastRoamNanos = nowNanos;
    previousRemote = current;
    remote = newRemote;
    return current;
  }

  /** Counts a packet sent with {@code payloadBytes} of plaintext. */
  public void countSent(int payloadBytes) {
    packetsSent.incrementAndGet();
    bytesSent.addAndGet(payloadBytes);
  }

  /** Counts an authenticated packet received with {@code payloadBytes} of plaintext. */
  public void countReceived(int payloadBytes) {
    packetsReceived.incrementAndGet();
    bytesReceived.addAndGet(payloadBytes);
  }

  public long packetsSent() {
    return packetsSent.get();
  }

  public long bytesSent() {
    return bytesSent.get();
  }

  public long packetsReceived() {
    return packetsReceived.get();
  }

  public long bytesReceived() {
    return bytesReceived.get();
  }

  // ------------------------------------------------------------------ liveness

  /** Notes authenticated inbound traffic (cheap: one volatile read, rarely a write). */
  public void markInbound() {
    if (!inboundSeen) {
      inboundSeen = true;
    }
  }

  /** Whether inbound traffic was seen since the last {@link #clearLiveness()}. */
  public boolean inboundSeen() {
    return inboundSeen;
  }

  /**
   * Arms the outbound watch: returns {@code true} exactly once until {@link #clearLiveness()},
   * so the caller schedules one liveness check per quiet period.
   */
  public boolean startWatch() {
    return !watched.get() && watched.compareAndSet(false, true);
  }

  /** Forgets inbound traffic and disarms the watch (Go's {@code ClearIP}). */
  public void clearLiveness() {
    inboundSeen = false;
    watched.set(false);
  }

  /** Marks the tunnel closed; returns {@code false} if it already was. */
  public synchronized boolean markClosed() {
    if (closed) {
      return false;
    }
    closed = true;
    return true;
  }

  public boolean isClosed() {
    return closed;
  }

  /**
   * Marks the tunnel announced: the node told its listener the tunnel is up. Until then the
   * tunnel may already carry packets, but {@code connect()} callers wait, so that they never see a
   * tunnel before the listener has.
   */
  public void markAnnounced() {
    announced = true;
  }

  public boolean isAnnounced() {
    return announced;
  }

  @Override
  public String toString() {
    return "Tunnel[" + peerName() + " " + vpnAddressText() + " via " + remote + ", local "
        + Integer.toUnsignedString(localIndex) + ", remote " + Integer.toUnsignedString(remoteIndex)
        + (closed ? ", closed]" : "]");
  }

  /** Assembles a tunnel at the end of a handshake; every field is required except the messages. */
  public static final class Builder {
    private int localIndex;
    private int remoteIndex;
    private int vpnAddress;
    private VerifiedCertificate peer;
    private FirewallPeer firewallPeer;
    private InsecureCounterNonceAead sendAead;
    private InsecureCounterNonceAead receiveAead;
    private boolean initiator;
    private long peerHandshakeTime;
    private byte[] handshakeMessage1;
    private byte[] handshakeMessage2;
    private Instant establishedAt;
    private InetSocketAddress remote;

    private Builder() {}

    public Builder indexes(int localIndex, int remoteIndex) {
      if (localIndex == 0 || remoteIndex == 0) {
        throw new IllegalArgumentException("tunnel indexes must be non-zero");
      }
      this.localIndex = localIndex;
      this.remoteIndex = remoteIndex;
      return this;
    }

    public Builder peer(VerifiedCertificate peer, int vpnAddress, FirewallPeer firewallPeer) {
      this.peer = Objects.requireNonNull(peer, "peer");
      this.firewallPeer = Objects.requireNonNull(firewallPeer, "firewallPeer");
      this.vpnAddress = vpnAddress;
      return this;
    }

    /** The data-path AEADs of both directions, from one handshake (so of one algorithm). */
    public Builder keys(InsecureCounterNonceAead send, InsecureCounterNonceAead receive) {
      this.sendAead = Objects.requireNonNull(send, "send");
      this.receiveAead = Objects.requireNonNull(receive, "receive");
      return this;
    }

    public Builder initiator(boolean initiator) {
      this.initiator = initiator;
      return this;
    }

    public Builder peerHandshakeTime(long unixNanos) {
      this.peerHandshakeTime = unixNanos;
      return this;
    }

    /** The responder's record of the exchange: received msg 1 (Noise part), sent msg 2. */
    public Builder handshakeMessages(byte[] message1, byte[] message2) {
      this.handshakeMessage1 = message1;
      this.handshakeMessage2 = message2;
      return this;
    }

    public Builder established(Instant at) {
      this.establishedAt = Objects.requireNonNull(at, "at");
      return this;
    }

    public Builder remote(InetSocketAddress remote) {
      this.remote = Objects.requireNonNull(remote, "remote");
      return this;
    }

    public Tunnel build() {
      if (localIndex == 0 || peer == null || sendAead == null || establishedAt == null
          || remote == null) {
        throw new IllegalStateException("tunnel needs indexes, peer, keys, time and remote");
      }
      return new Tunnel(this);
    }
  }
}
