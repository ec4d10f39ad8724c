package dev.nebula4j.internal.header;

/**
 * Nebula message types and subtypes (spec §2.2) as {@code int} constants, so the packet loop can
 * switch on them without boxing or enum lookups.
 *
 * <pre>
 * type  byte0  name         subtypes
 *  0    0x10   handshake    0 = ix_psk0 (Noise IX, the only one used)
 *  1    0x11   message      0 = none (an IP packet), 1 = relay frame
 *  2    0x12   recvError    0              (cleartext, header only)
 *  3    0x13   lightHouse   0
 *  4    0x14   test         0 = request, 1 = reply
 *  5    0x15   closeTunnel  0              (empty payload)
 *  6    0x16   control      0
 * </pre>
 */
public final class MessageType {
  /** Header version; byte 0 of every header is {@code VERSION << 4 | type}. */
  public static final int VERSION = 1;

  public static final int HANDSHAKE = 0;
  public static final int MESSAGE = 1;
  public static final int RECV_ERROR = 2;
  public static final int LIGHTHOUSE = 3;
  public static final int TEST = 4;
  public static final int CLOSE_TUNNEL = 5;
  public static final int CONTROL = 6;

  /** Handshake subtype: Noise IX. The "psk0" in Go's name is historical; no PSK is used. */
  public static final int SUBTYPE_HANDSHAKE_IX_PSK0 = 0;
  /** Message subtype: the payload is one IP packet. */
  public static final int SUBTYPE_MESSAGE_NONE = 0;
  /** Message subtype: a relay frame (outer header, inner packet, auth-only tag; spec §5.3). */
  public static final int SUBTYPE_MESSAGE_RELAY = 1;
  /** Test subtype: liveness request. */
  public static final int SUBTYPE_TEST_REQUEST = 0;
  /** Test subtype: liveness reply (1.6.1 fills its payload with garbage: ignore it). */
  public static final int SUBTYPE_TEST_REPLY = 1;
  /** The only subtype of recvError, lightHouse, closeTunnel and control. */
  public static final int SUBTYPE_NONE = 0;

  private MessageType() {}

  /**
   * Whether {@code (type, subtype)} is one Nebula defines. 1.11 drops other pairs; 1.6.1 only
   * logs them.
   */
  public static boolean isKnown(int type, int subtype) {
    return switch (type) {
      case HANDSHAKE -> subtype == SUBTYPE_HANDSHAKE_IX_PSK0;
      case MESSAGE -> subtype == SUBTYPE_MESSAGE_NONE || subtype == SUBTYPE_MESSAGE_RELAY;
      case TEST -> subtype == SUBTYPE_TEST_REQUEST || subtype == SUBTYPE_TEST_REPLY;
      case RECV_ERROR, LIGHTHOUSE, CLOSE_TUNNEL, CONTROL -> subtype == SUBTYPE_NONE;
      default -> false;
    };
  }

  /**
   * Whether packets of this type carry an AEAD payload keyed by the tunnel (everything except
   * handshake and recvError). Relay frames are authenticated but not encrypted.
   */
  public static boolean isTunnelAuthenticated(int type) {
    return type != HANDSHAKE && type != RECV_ERROR && type >= 0 && type <= CONTROL;
  }

  /** Go's name of a type, for logs; {@code "unknown(9)"} for types Nebula does not define. */
  public static String name(int type) {
    return switch (type) {
      case HANDSHAKE -> "handshake";
      case MESSAGE -> "message";
      case RECV_ERROR -> "recvError";
      case LIGHTHOUSE -> "lightHouse";
      case TEST -> "test";
      case CLOSE_TUNNEL -> "closeTunnel";
      case CONTROL -> "control";
      default -> "unknown(" + type + ")";
    };
  }

  /** Go's name of a subtype of {@code type}, for logs. */
  public static String subtypeName(int type, int subtype) {
    if (type == HANDSHAKE && subtype == SUBTYPE_HANDSHAKE_IX_PSK0) {
      return "ix_psk0";
    }
    if (type == MESSAGE && subtype == SUBTYPE_MESSAGE_RELAY) {
      return "relay";
    }
    if (type == TEST) {
      if (subtype == SUBTYPE_TEST_REQUEST) {
        return "testRequest";
      }
      if (subtype == SUBTYPE_TEST_REPLY) {
        return "testReply";
      }
    }
    if (subtype == SUBTYPE_NONE && isKnown(type, subtype)) {
      return "none";
    }
    return "unknown(" + subtype + ")";
  }
}
