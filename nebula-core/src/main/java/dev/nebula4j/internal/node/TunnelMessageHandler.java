package dev.nebula4j.internal.node;

import dev.nebula4j.internal.hostmap.Tunnel;
import java.net.InetSocketAddress;

/**
 * Receives authenticated, decrypted messages of one type that the core does not interpret itself:
 * lighthouse messages ({@code NebulaMeta}, type 3, spec §4) and control messages ({@code
 * NebulaControl}, type 6, relays, §5). The lighthouse client/server and the relay manager plug in
 * here ({@link NodeRuntime#setLighthouseHandler}, {@link NodeRuntime#setControlHandler}) and answer
 * through {@link NodeRuntime#sendMessage}; until then such messages are counted and dropped.
 *
 * <p>Called on a UDP reader thread, after the replay window, roaming and liveness bookkeeping. The
 * payload is valid only during the call (it is the thread's scratch buffer). Must not block or
 * throw.
 */
@FunctionalInterface
public interface TunnelMessageHandler {
  void onMessage(Tunnel tunnel, byte[] payload, int off, int len, InetSocketAddress source);
}
