package dev.nebula4j.internal.handshake;

import dev.nebula4j.internal.header.HeaderCodec;
import dev.nebula4j.internal.header.MalformedPacketException;
import dev.nebula4j.internal.header.MessageType;
import dev.nebula4j.internal.noise.HandshakeState;
import dev.nebula4j.internal.noise.NoiseException;

/**
 * The wire form of Nebula handshake messages (spec §3.2): a cleartext 16-byte header followed by
 * the Noise message, with nothing else and no length prefix. The header is neither authenticated
 * nor mixed into the Noise hash.
 *
 * <pre>
 * msg1: hdr{type 0, subtype 0, remoteIndex 0, counter 1}  ‖ e ‖ s (clear) ‖ payload (clear)
 * msg2: hdr{type 0, subtype 0, remoteIndex = initiator's index, counter 2}
 *                                                         ‖ e ‖ Enc(s) ‖ Enc(payload)
 * </pre>
 *
 * With Curve25519 msg1 is {@code 16 + 32 + 32 + payload} bytes and msg2 {@code 16 + 32 + 48 +
 * payload + 16}; with P-256 the keys are 65 bytes (81 encrypted). The header counter is the Noise
 * message number (1, 2), as Go derives it.
 */
public final class HandshakeMessageCodec {
  private HandshakeMessageCodec() {}

  /**
   * Writes the next handshake message of {@code hs} with {@code payload} behind a handshake header.
   * Keep the result: a retransmitted msg1 must be byte-identical (spec §3.5).
   *
   * @param remoteIndex 0 for msg1; the initiator's index (from its payload) for msg2
   */
  public static byte[] write(HandshakeState hs, int remoteIndex, byte[] payload)
      throws NoiseException {
    long counter = hs.messageIndex() + 1L;
    byte[] packet = new byte[HeaderCodec.LENGTH + hs.nextMessageLength(payload.length)];
    HeaderCodec.write(
        packet,
        0,
        MessageType.HANDSHAKE,
        MessageType.SUBTYPE_HANDSHAKE_IX_PSK0,
        remoteIndex,
        counter);
    hs.writeMessage(payload, 0, payload.length, packet, HeaderCodec.LENGTH);
    return packet;
  }

  /**
   * Reads a handshake packet {@code packet[off, off + len)}: checks its header is a handshake of
   * subtype {@code ix_psk0}, feeds the rest to {@code hs} and returns the Noise payload.
   *
   * @throws MalformedPacketException if the packet is shorter than a header or is not an IX
   *     handshake packet
   * @throws NoiseException if Noise refuses the message (the state is then unchanged)
   */
  public static byte[] read(HandshakeState hs, byte[] packet, int off, int len)
      throws MalformedPacketException, NoiseException {
    if (off < 0 || len < 0 || off > packet.length - len) {
      throw new IllegalArgumentException("range outside the buffer");
    }
    if (len < HeaderCodec.LENGTH) {
      throw new MalformedPacketException(
          "header", "handshake packet of " + len + " bytes is shorter than the 16-byte header");
    }
    int type = HeaderCodec.type(packet, off);
    int subtype = HeaderCodec.subtype(packet, off);
    if (type != MessageType.HANDSHAKE || subtype != MessageType.SUBTYPE_HANDSHAKE_IX_PSK0) {
      throw new MalformedPacketException(
          "header",
          "not an IX handshake packet: type " + MessageType.name(type) + ", subtype " + subtype);
    }
    return hs.readMessage(packet, off + HeaderCodec.LENGTH, len - HeaderCodec.LENGTH);
  }
}
