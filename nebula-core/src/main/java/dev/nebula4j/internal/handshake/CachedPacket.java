package dev.nebula4j.internal.handshake;

import java.util.Objects;

/**
 * A packet held back while the handshake to its destination is in progress (spec §3.5: at most
 * {@link HandshakeManager#MAX_CACHED_PACKETS} per peer). Message packets are IP packets and are
 * re-run through the outbound firewall when flushed; other types (test, lighthouse, control) are
 * sent as they are.
 *
 * @param type the Nebula message type to send it as
 * @param subtype the subtype
 * @param payload a private copy of the bytes
 */
public record CachedPacket(int type, int subtype, byte[] payload) {
  public CachedPacket {
    Objects.requireNonNull(payload, "payload");
  }
}
