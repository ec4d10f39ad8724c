package dev.nebula4j.internal.node;

import dev.nebula4j.cert.CaPool;
import dev.nebula4j.cert.CertVerificationException;
import dev.nebula4j.config.HostPort;
import dev.nebula4j.internal.hostmap.Tunnel;
import dev.nebula4j.node.NodeClock;
import dev.nebula4j.node.NodeScheduler;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Liveness as Go 1.6.1 does it (spec §8.1): only tunnels we send on are watched. The first
 * outbound packet after a quiet period schedules a check {@code connection_alive_interval} later;
 * if inbound traffic arrived meanwhile the tunnel is alive and the watch is cleared (the next
 * outbound packet re-arms it). Otherwise a test request is sent and a second check runs {@code
 * pending_deletion_interval} later: still nothing inbound, and the tunnel is deleted locally
 * (without closeTunnel). With {@code pki.disconnect_invalid} each check also re-verifies the
 * peer's certificate and closes the tunnel (with closeTunnel) once it stopped verifying.
 *
 * <p>The packet path costs one volatile read per packet ({@link #onOutbound}); checks run on the
 * scheduler thread and never block.
 */
final class ConnectionManager {
  private static final Logger log = LoggerFactory.getLogger(ConnectionManager.class);

  /** What the manager does to tunnels. */
  interface Actions {
    void sendTest(Tunnel tunnel);

    /** Delete locally, no closeTunnel: the peer is gone. */
    void closeDead(Tunnel tunnel);

    /** Send closeTunnel and delete: the certificate is no longer valid. */
    void closeInvalid(Tunnel tunnel, String why);
  }

  private final NodeScheduler scheduler;
  private final NodeClock clock;
  private final long aliveNanos;
  private final long deletionNanos;
  private final boolean disconnectInvalid;
  private final Supplier<CaPool> caPool;
  private Actions actions;
  private volatile boolean closed;

  ConnectionManager(NodeScheduler scheduler, NodeClock clock, long aliveNanos, long deletionNanos,
      boolean disconnectInvalid, Supplier<CaPool> caPool) {
    this.scheduler = scheduler;
    this.clock = clock;
    this.aliveNanos = aliveNanos;
    this.deletionNanos = deletionNanos;
    this.disconnectInvalid = disconnectInvalid;
    this.caPool = caPool;
  }

  void setActions(Actions actions) {
    this.actions = Objects.requireNonNull(actions, "actions");
  }

  /** A packet went out through {@code tunnel}: arm the watch if it is not armed. */
  void onOutbound(Tunnel tunnel) {
    if (tunnel.startWatch() && !closed) {
      scheduler.schedule(() -> aliveCheck(tunnel), aliveNanos, TimeUnit.NANOSECONDS);
    }
  }

  private void aliveCheck(Tunnel t) {
    if (closed || t.isClosed() || invalid(t)) {
      return;
    }
    if (t.inboundSeen()) {
      t.clearLiveness();
      return;
    }
    log.debug("Tunnel status: testing {} ({}), no inbound traffic for a while", t.peerName(),
        t.vpnAddressText());
    actions.sendTest(t);
    scheduler.schedule(() -> deletionCheck(t), deletionNanos, TimeUnit.NANOSECONDS);
  }

  private void deletionCheck(Tunnel t) {
    if (closed || t.isClosed() || invalid(t)) {
      return;
    }
    if (t.inboundSeen()) {
      t.clearLiveness();
      return;
    }
    log.info("Tunnel status: dead, no answer to the test: vpnIp={} certName={} udpAddr={}",
        t.vpnAddressText(), t.peerName(), HostPort.of(t.remote()));
    t.clearLiveness();
    actions.closeDead(t);
  }

  /** Re-verifies the peer certificate when {@code pki.disconnect_invalid}; closes if invalid. */
  private boolean invalid(Tunnel t) {
    if (!disconnectInvalid) {
      return false;
    }
    try {
      caPool.get().reverify(t.peer(), clock.now());
      return false;
    } catch (CertVerificationException e) {
      log.info("Remote certificate is no longer valid, tearing down the tunnel: vpnIp={} "
          + "certName={} fingerprint={} ({})", t.vpnAddressText(), t.peerName(),
          t.peer().fingerprint().hex(), e.getMessage());
      actions.closeInvalid(t, e.getMessage());
      return true;
    }
  }

  /** Stops scheduling; checks already scheduled do nothing. */
  void close() {
    closed = true;
  }
}
