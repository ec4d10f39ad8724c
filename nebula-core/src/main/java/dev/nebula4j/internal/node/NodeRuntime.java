package dev.nebula4j.internal.node;

import dev.nebula4j.cert.CaPool;
import dev.nebula4j.config.HostPort;
import dev.nebula4j.config.NebulaConfig;
import dev.nebula4j.config.RecvErrorPolicy;
import dev.nebula4j.device.Device;
import dev.nebula4j.firewall.FirewallPolicy;
import dev.nebula4j.firewall.LocalIdentity;
import dev.nebula4j.internal.firewall.CoarseClock;
import dev.nebula4j.internal.firewall.Firewall;
import dev.nebula4j.internal.handshake.CachedPacket;
import dev.nebula4j.internal.handshake.HandshakeHost;
import dev.nebula4j.internal.handshake.HandshakeIdentity;
import dev.nebula4j.internal.handshake.HandshakeManager;
import dev.nebula4j.internal.handshake.PendingHandshake;
import dev.nebula4j.internal.handshake.RemoteResolver;
import dev.nebula4j.internal.header.MessageType;
import dev.nebula4j.internal.packet.Ipv4Networks;
import dev.nebula4j.internal.hostmap.HostMap;
import dev.nebula4j.internal.hostmap.Tunnel;
import dev.nebula4j.node.Cancellable;
import dev.nebula4j.node.HandshakeFailedException;
import dev.nebula4j.node.HandshakeFailure;
import dev.nebula4j.node.NodeClock;
import dev.nebula4j.node.NodeEventListener;
import dev.nebula4j.node.NodeScheduler;
import dev.nebula4j.node.NodeStats;
import dev.nebula4j.node.PacketDropReason;
import dev.nebula4j.node.TunnelCloseReason;
import dev.nebula4j.node.TunnelInfo;
import dev.nebula4j.udp.Underlay;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running core of a node (Go's {@code Interface}): wires the host map, handshake manager,
 * firewall, connection manager and the two packet paths to one bound underlay and one device, and
 * carries the operations both paths share (closing a tunnel, roaming). {@code NebulaNode} builds
 * it once PKI, sockets and device are ready, and owns its lifecycle.
 *
 * <h2>Threads</h2>
 *
 * <ul>
 *   <li>UDP reader thread(s): {@link OutsidePath}, including handshakes and the flush of cached
 *       packets when a handshake completes.
 *   <li>Device threads and application threads (userspace device): {@link InsidePath}.
 *   <li>The scheduler thread: handshake retries, liveness checks, the coarse clock tick and
 *       conntrack sweeps, closeTunnel on shutdown.
 * </ul>
 *
 * Nothing blocks except the bounded UDP send; no thread is created per peer.
 */
public final class NodeRuntime {
  private static final Logger log = LoggerFactory.getLogger(NodeRuntime.class);
  private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final long SWEEP_NANOS = TimeUnit.SECONDS.toNanos(10);

  final HandshakeIdentity identity;
  /** Our VPN networks (IPv4), for both packet paths. */
  final Ipv4Networks ownNetworks;
  final HostMap hostMap = new HostMap();
  final NodeCounters counters = new NodeCounters();
  final CoarseClock coarseClock;
  final DropLog drops;
  final NodeEvents events;
  final Firewall firewall;
  final Device device;
  final Underlay underlay;
  final NodeClock clock;
  final NodeScheduler scheduler;
  final ConnectionManager connections;
  final TunnelSender sender;
  final HandshakeManager handshakes;
  final UnsafeRoutes unsafeRoutes;
  final RecvErrorPolicy sendRecvError;
  final RecvErrorPolicy acceptRecvError;
  final boolean dropLocalBroadcast;
  final boolean dropMulticast;
  private final OutsidePath outside;
  private final InsidePath inside;
  private final Map<Integer, List<CompletableFuture<TunnelInfo>>> waiters = new HashMap<>();
  private final Object timerLock = new Object();
  private Cancellable tickTimer; // guarded by timerLock
  private Cancellable sweepTimer; // guarded by timerLock
  volatile boolean running;
  private volatile boolean stopped;
  volatile TunnelMessageHandler lighthouseHandler;
  volatile TunnelMessageHandler controlHandler;

  /** Everything a runtime needs, resolved by the node (PKI loaded, socket bound, device made). */
  public record Settings(
      NebulaConfig config,
      HandshakeIdentity identity,
      Supplier<CaPool> caPool,
      FirewallPolicy firewallPolicy,
      Device device,
      Underlay underlay,
      NodeClock clock,
      NodeScheduler scheduler,
      SecureRandom random,
      RemoteResolver remotes,
      NodeEventListener listener) {
    public Settings {
      Objects.requireNonNull(config, "config");
      Objects.requireNonNull(identity, "identity");
      Objects.requireNonNull(caPool, "caPool");
      Objects.requireNonNull(firewallPolicy, "firewallPolicy");
      Objects.requireNonNull(device, "device");
      Objects.requireNonNull(underlay, "underlay");
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(scheduler, "scheduler");
      Objects.requireNonNull(random, "random");
      Objects.requireNonNull(remotes, "remotes");
      Objects.requireNonNull(listener, "listener");
    }
  }

  public NodeRuntime(Settings s) {
    NebulaConfig config = s.config();
    this.identity = s.identity();
    this.ownNetworks = Ipv4Networks.of(identity.networks());
    this.device = s.device();
    this.underlay = s.underlay();
    this.clock = s.clock();
    this.scheduler = s.scheduler();
    this.coarseClock = new CoarseClock(clock::nanoTime);
    this.drops = new DropLog(counters, coarseClock);
    this.events = new NodeEvents(s.listener());
    this.firewall = Firewall.builder()
        .policy(s.firewallPolicy())
        .local(new LocalIdentity(identity.certificate().networks(),
            identity.certificate().unsafeNetworks()))
        .clock(coarseClock)
        .build();
    this.connections = new ConnectionManager(scheduler, clock,
        config.timers().connectionAliveInterval().toNanos(),
        config.timers().pendingDeletionInterval().toNanos(),
        config.pki().disconnectInvalid(), s.caPool());
    this.sender = new TunnelSender(underlay, counters, drops, connections);
    this.unsafeRoutes = new UnsafeRoutes(config.tun().unsafeRoutes());
    this.sendRecvError = config.listen().sendRecvError();
    this.acceptRecvError = config.listen().acceptRecvError();
    this.dropLocalBroadcast = config.tun().dropLocalBroadcast();
    this.dropMulticast = config.tun().dropMulticast();
    this.handshakes = HandshakeManager.builder()
        .identity(identity)
        .caPool(s.caPool())
        .hostMap(hostMap)
        .remotes(s.remotes())
        .host(new Host())
        .clock(clock)
        .scheduler(scheduler)
        .random(s.random())
        .handshakes(config.handshakes())
        .preferredRanges(config.preferredRanges())
        .build();
    this.connections.setActions(new ConnectionManager.Actions() {
      @Override
      public void sendTest(Tunnel t) {
        sender.sendTestRequest(t);
      }

      @Override
      public void closeDead(Tunnel t) {
        closeTunnel(t, TunnelCloseReason.DEAD, false);
      }

      @Override
      public void closeInvalid(Tunnel t, String why) {
        closeTunnel(t, TunnelCloseReason.CERT_INVALID, true);
      }
    });
    this.outside = new OutsidePath(this);
    this.inside = new InsidePath(this);
    this.lighthouseHandler = (t, p, off, len, src) ->
        drops.drop(PacketDropReason.LIGHTHOUSE_UNHANDLED, src);
    this.controlHandler = (t, p, off, len, src) ->
        drops.drop(PacketDropReason.CONTROL_UNHANDLED, src);
  }

  /** Plugs in the lighthouse (type 3 messages); see {@link TunnelMessageHandler}. */
  public void setLighthouseHandler(TunnelMessageHandler handler) {
    this.lighthouseHandler = Objects.requireNonNull(handler, "handler");
  }

  /** Plugs in relay control (type 6 messages); see {@link TunnelMessageHandler}. */
  public void setControlHandler(TunnelMessageHandler handler) {
    this.controlHandler = Objects.requireNonNull(handler, "handler");
  }

  /**
   * Sends a {@code type}/{@code subtype} message to {@code vpnAddress} (Go's {@code
   * SendMessageToVpnIp}): through the tunnel if one is up, otherwise cached while a handshake is
   * started, and sent when it completes. For the lighthouse client, relays and control code; IP
   * packets take the inside path instead.
   */
  public void sendMessage(int vpnAddress, int type, int subtype, byte[] payload, int off,
      int len) {
    Tunnel t = handshakes.sendOrCache(vpnAddress, type, subtype, payload, off, len);
    if (t != null) {
      sender.send(t, type, subtype, payload, off, len);
    }
  }

  /** The handshake manager (its {@code remotesChanged} is the lighthouse's trigger). */
  public HandshakeManager handshakes() {
    return handshakes;
  }

  /**
   * Starts the device and the underlay's readers and the periodic ticks. The underlay is already
   * bound.
   *
   * @throws IOException if the device cannot start
   */
  public void start() throws IOException {
    running = true;
    device.start(inside);
    underlay.start(outside);
    scheduleTick();
    scheduleSweep();
    events.nodeStarted(underlay.localAddress());
  }

  private void scheduleTick() {
    synchronized (timerLock) {
      if (!stopped) {
        tickTimer = scheduler.schedule(() -> {
          coarseClock.tick();
          scheduleTick();
        }, TICK_NANOS, TimeUnit.NANOSECONDS);
      }
    }
  }

  private void scheduleSweep() {
    synchronized (timerLock) {
      if (!stopped) {
        sweepTimer = scheduler.schedule(() -> {
          firewall.expireFlows();
          scheduleSweep();
        }, SWEEP_NANOS, TimeUnit.NANOSECONDS);
      }
    }
  }

  // ------------------------------------------------------------------ shared operations

  /**
   * Removes {@code t} from the host map (if still there) and announces it down; with {@code
   * notifyPeer} a closeTunnel goes to the peer first (spec §2.7).
   *
   * @return whether this call closed it
   */
  boolean closeTunnel(Tunnel t, TunnelCloseReason reason, boolean notifyPeer) {
    hostMap.remove(t);
    if (!t.markClosed()) {
      return false;
    }
    if (notifyPeer) {
      sender.sendCloseTunnel(t);
    }
    log.info("Tunnel closed ({}): vpnIp={} certName={} udpAddr={}", reason, t.vpnAddressText(),
        t.peerName(), HostPort.of(t.remote()));
    events.tunnelDown(t, reason);
    return true;
  }

  /** Roaming (spec §8.3): an authenticated packet came from {@code source}. */
  void roam(Tunnel t, InetSocketAddress source) {
    InetSocketAddress previous = t.roamTo(source, clock.nanoTime());
    if (previous != null) {
      log.info("Host roamed to new udp ip/port: vpnIp={} certName={} udpAddr={} newAddr={}",
          t.vpnAddressText(), t.peerName(), HostPort.of(previous), HostPort.of(source));
      events.remoteChanged(t, previous);
    }
  }

  // ------------------------------------------------------------------ operations for NebulaNode

  /** Established tunnels as snapshots. */
  public List<TunnelInfo> tunnels() {
    List<TunnelInfo> out = new ArrayList<>();
    for (Tunnel t : hostMap.tunnels()) {
      out.add(NodeEvents.info(t));
    }
    return out;
  }

  /** The tunnel to {@code vpnAddress}, or {@code null}. */
  public TunnelInfo tunnel(int vpnAddress) {
    Tunnel t = hostMap.byVpnAddress(vpnAddress);
    return t == null ? null : NodeEvents.info(t);
  }

  /** A tunnel to {@code vpnAddress}: completed now if one exists, else when a handshake ends. */
  public CompletableFuture<TunnelInfo> connect(int vpnAddress) {
    CompletableFuture<TunnelInfo> f = new CompletableFuture<>();
    if (!running) {
      f.completeExceptionally(new HandshakeFailedException(
          NodeEvents.address(vpnAddress), HandshakeFailure.NODE_CLOSED, "node is not running"));
      return f;
    }
    synchronized (waiters) {
      // a tunnel not yet announced to the listener completes the future when it is (announce)
      Tunnel t = hostMap.byVpnAddress(vpnAddress);
      if (t != null && t.isAnnounced()) {
        f.complete(NodeEvents.info(t));
        return f;
      }
      waiters.computeIfAbsent(vpnAddress, k -> new ArrayList<>()).add(f);
    }
    handshakes.startHandshake(vpnAddress);
    return f;
  }

  /** Closes the tunnel to {@code vpnAddress}, telling the peer; {@code false} if none. */
  public boolean closeTunnel(int vpnAddress) {
    Tunnel t = hostMap.byVpnAddress(vpnAddress);
    return t != null && closeTunnel(t, TunnelCloseReason.LOCAL_CLOSE, true);
  }

  public NodeStats stats() {
    return counters.snapshot(handshakes.initiatedCount(), hostMap.size(),
        handshakes.pendingCount(), firewall);
  }

  /** The firewall (for {@code explain} and drop counters by firewall reason). */
  public Firewall firewall() {
    return firewall;
  }

  /**
   * Stops processing: fails pending handshakes, sends closeTunnel to every peer and announces
   * each tunnel down, stops the timers. The device and underlay are closed by the caller
   * afterwards. Idempotent.
   */
  public void stop() {
    synchronized (timerLock) {
      if (stopped) {
        return;
      }
      stopped = true;
      if (tickTimer != null) {
        tickTimer.cancel();
      }
      if (sweepTimer != null) {
        sweepTimer.cancel();
      }
    }
    running = false;
    handshakes.close();
    connections.close();
    for (Tunnel t : hostMap.tunnels()) {
      closeTunnel(t, TunnelCloseReason.NODE_CLOSED, true);
    }
    List<CompletableFuture<TunnelInfo>> left = new ArrayList<>();
    synchronized (waiters) {
      waiters.values().forEach(left::addAll);
      waiters.clear();
    }
    for (CompletableFuture<TunnelInfo> f : left) {
      f.completeExceptionally(new HandshakeFailedException(
          null, HandshakeFailure.NODE_CLOSED, "node closed"));
    }
  }

  /** Announces the node closed (after the device and underlay are released). */
  public void announceClosed() {
    events.nodeClosed();
  }

  /** The listener has heard of {@code t}: from now on {@code connect()} sees it; wake waiters. */
  private void announce(Tunnel t) {
    int vpnAddress = t.vpnAddress();
    List<CompletableFuture<TunnelInfo>> list;
    synchronized (waiters) {
      t.markAnnounced();
      list = waiters.remove(vpnAddress);
    }
    if (list != null) {
      TunnelInfo info = NodeEvents.info(t);
      for (CompletableFuture<TunnelInfo> f : list) {
        f.complete(info);
      }
    }
  }

  private void fail(int vpnAddress, HandshakeFailure reason, String detail) {
    List<CompletableFuture<TunnelInfo>> list;
    synchronized (waiters) {
      list = waiters.remove(vpnAddress);
    }
    if (list != null) {
      for (CompletableFuture<TunnelInfo> f : list) {
        f.completeExceptionally(
            new HandshakeFailedException(NodeEvents.address(vpnAddress), reason, detail));
      }
    }
  }

  /** The handshake manager's view of the node. */
  private final class Host implements HandshakeHost {
    @Override
    public void sendDatagram(byte[] buf, int off, int len, InetSocketAddress target) {
      if (sender.canSendTo(target)) {
        sender.sendRaw(buf, off, len, target);
      }
    }

    @Override
    public void sendTestRequest(Tunnel tunnel) {
      sender.sendTestRequest(tunnel);
    }

    @Override
    public void sendCloseTunnel(Tunnel tunnel) {
      sender.sendCloseTunnel(tunnel);
    }

    @Override
    public void handshakeStarted(int vpnAddress) {
      events.handshakeStarted(vpnAddress);
    }

    @Override
    public void tunnelEstablished(
        Tunnel tunnel, Tunnel replaced, PendingHandshake ours, List<CachedPacket> cached) {
      counters.handshakesCompleted.increment();
      if (replaced != null) {
        closeTunnel(replaced, TunnelCloseReason.REPLACED, false);
      }
      if (!running) { // completed while the node stops: never announced, just undone
        hostMap.remove(tunnel);
        if (tunnel.markClosed()) {
          sender.sendCloseTunnel(tunnel);
        }
        return;
      }
      for (CachedPacket p : cached) {
        if (p.type() == MessageType.MESSAGE) {
          inside.flushCached(tunnel, p.payload());
        } else {
          sender.send(tunnel, p.type(), p.subtype(), p.payload(), 0, p.payload().length);
        }
      }
      if (ours != null) {
        events.handshakeCompleted(tunnel, clock.nanoTime() - ours.startNanos());
      }
      events.tunnelUp(tunnel);
      announce(tunnel);
    }

    @Override
    public void handshakeFailed(int vpnAddress, HandshakeFailure reason, String detail,
        int droppedPackets) {
      counters.handshakeFailure(reason);
      counters.drop(PacketDropReason.HANDSHAKE_FAILED, droppedPackets);
      events.handshakeFailed(vpnAddress, reason);
      if (reason != HandshakeFailure.WRONG_HOST) {
        fail(vpnAddress, reason, detail);
      }
    }

    @Override
    public void handshakeRefused(InetSocketAddress source, HandshakeFailure reason,
        String detail) {
      counters.handshakeFailure(reason);
      events.handshakeRefused(source, reason, detail);
    }

    @Override
    public void handshakeUnmatched(InetSocketAddress source) {
      drops.drop(PacketDropReason.HANDSHAKE_UNMATCHED, source);
    }

    @Override
    public void cacheFull(int vpnAddress) {
      drops.drop(PacketDropReason.CACHE_FULL, null);
    }
  }
}
