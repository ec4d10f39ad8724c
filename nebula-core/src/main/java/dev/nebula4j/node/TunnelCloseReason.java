package dev.nebula4j.node;

/** Why a tunnel went down ({@link NodeEventListener#tunnelDown}). */
public enum TunnelCloseReason {
  /** The peer sent closeTunnel (spec §2.7). */
  PEER_CLOSED,
  /** The peer answered with recv_error from the tunnel's remote: it lost the tunnel (§2.7). */
  RECV_ERROR,
  /** No traffic came back after a test probe (liveness, §8.1). */
  DEAD,
  /** A newer handshake with the same peer replaced it. */
  REPLACED,
  /** The peer's certificate stopped verifying ({@code pki.disconnect_invalid}, §8.1). */
  CERT_INVALID,
  /** Closed through {@link NebulaNode#closeTunnel}. */
  LOCAL_CLOSE,
  /** The node closed. */
  NODE_CLOSED
}
