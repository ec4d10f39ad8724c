package dev.nebula4j.internal.handshake;

import dev.nebula4j.internal.header.MalformedPacketException;
import dev.nebula4j.internal.proto.ProtoException;
import dev.nebula4j.internal.proto.ProtoReader;
import dev.nebula4j.internal.proto.ProtoWriter;

/**
 * Encodes and decodes the Noise payload of Nebula handshake messages (spec §3.3):
 *
 * <pre>
 * message NebulaHandshake        { NebulaHandshakeDetails Details = 1; bytes Hmac = 2; }
 * message NebulaHandshakeDetails { bytes Cert = 1; uint32 InitiatorIndex = 2;
 *                                  uint32 ResponderIndex = 3; uint64 Cookie = 4;
 *                                  uint64 Time = 5; uint32 CertVersion = 8; }
 * </pre>
 *
 * <p>Encoding is Go's canonical form: ascending field order, zero/empty fields omitted, {@code
 * Details} always present, {@code Hmac} (never used by Nebula) never written. Decoding follows
 * protobuf rules — unknown fields are skipped, a repeated scalar keeps its last value, a repeated
 * {@code Details} is merged — but a known field with the wrong wire type is an error, as in Go
 * 1.11's decoder. Every problem is a {@link MalformedPacketException} naming the field.
 */
public final class HandshakePayloadCodec {
  static final String OUTER = "NebulaHandshake";
  static final String DETAILS = "NebulaHandshakeDetails";

  private HandshakePayloadCodec() {}

  /** The encoded {@code NebulaHandshake} carrying {@code details}. */
  public static byte[] encode(HandshakeDetails details) {
    ProtoWriter inner = new ProtoWriter(details.certLength() + 40);
    inner.optionalBytes(1, details.certUnsafe());
    inner.optionalUint32(2, details.initiatorIndex());
    inner.optionalUint32(3, details.responderIndex());
    inner.optionalVarint(4, details.cookie());
    inner.optionalVarint(5, details.timeNanos());
    inner.optionalUint32(8, details.certVersion());
    ProtoWriter outer = new ProtoWriter(inner.size() + 4);
    outer.message(1, inner);
    return outer.toByteArray();
  }

  /**
   * Decodes a {@code NebulaHandshake} from {@code buf[off, off + len)}.
   *
   * @throws MalformedPacketException if the protobuf is malformed, a known field has the wrong
   *     wire type, or {@code Details} is missing
   */
  public static HandshakeDetails decode(byte[] buf, int off, int len)
      throws MalformedPacketException {
    Fields f = new Fields();
    boolean sawDetails = false;
    ProtoReader outer;
    try {
      outer = new ProtoReader(buf, off, len);
    } catch (IllegalArgumentException e) {
      throw new MalformedPacketException(OUTER, "range outside the buffer");
    }
    String field = OUTER;
    try {
      while (outer.next()) {
        switch (outer.field()) {
          case 1 -> {
            field = OUTER + ".Details";
            requireWireType(outer, ProtoWriter.WIRE_LEN, field);
            decodeDetails(outer.readMessage(), f);
            sawDetails = true;
          }
          case 2 -> {
            field = OUTER + ".Hmac";
            requireWireType(outer, ProtoWriter.WIRE_LEN, field);
            outer.skip(); // Hmac is never used by any Nebula version
          }
          default -> {
            field = OUTER + " unknown field " + outer.field();
            outer.skip();
          }
        }
        field = OUTER;
      }
    } catch (ProtoException e) {
      throw new MalformedPacketException(f.where != null ? f.where : field, e.getMessage(), e);
    }
    if (!sawDetails) {
      throw new MalformedPacketException(OUTER, "no Details (field 1)");
    }
    return new HandshakeDetails(
        f.cert, f.initiatorIndex, f.responderIndex, f.cookie, f.time, f.certVersion);
  }

  /**
   * Decodes the payload of a handshake's first message and checks what a responder needs: a
   * certificate and a non-zero initiator index.
   */
  public static HandshakeDetails decodeInitiatorPayload(byte[] buf, int off, int len)
      throws MalformedPacketException {
    HandshakeDetails d = decode(buf, off, len);
    requireCert(d);
    if (d.initiatorIndex() == 0) {
      throw new MalformedPacketException(
          DETAILS + ".InitiatorIndex", "missing or zero in the first handshake message");
    }
    return d;
  }

  /**
   * Decodes the payload of a handshake's second message and checks what an initiator needs: a
   * certificate and a non-zero responder index. Whether {@code initiatorIndex} echoes ours is the
   * caller's check.
   */
  public static HandshakeDetails decodeResponderPayload(byte[] buf, int off, int len)
      throws MalformedPacketException {
    HandshakeDetails d = decode(buf, off, len);
    requireCert(d);
    if (d.responderIndex() == 0) {
      throw new MalformedPacketException(
          DETAILS + ".ResponderIndex", "missing or zero in the second handshake message");
    }
    return d;
  }

  private static void requireCert(HandshakeDetails d) throws MalformedPacketException {
    if (d.certLength() == 0) {
      throw new MalformedPacketException(DETAILS + ".Cert", "missing certificate");
    }
  }

  private static void decodeDetails(ProtoReader r, Fields f) throws MalformedPacketException {
    while (r.next()) {
      switch (r.field()) {
        case 1 -> {
          f.where = DETAILS + ".Cert";
          requireWireType(r, ProtoWriter.WIRE_LEN, f.where);
          f.cert = r.readBytes();
        }
        case 2 -> {
          f.where = DETAILS + ".InitiatorIndex";
          requireWireType(r, ProtoWriter.WIRE_VARINT, f.where);
          f.initiatorIndex = r.readUint32();
        }
        case 3 -> {
          f.where = DETAILS + ".ResponderIndex";
          requireWireType(r, ProtoWriter.WIRE_VARINT, f.where);
          f.responderIndex = r.readUint32();
        }
        case 4 -> {
          f.where = DETAILS + ".Cookie";
          requireWireType(r, ProtoWriter.WIRE_VARINT, f.where);
          f.cookie = r.readVarint();
        }
        case 5 -> {
          f.where = DETAILS + ".Time";
          requireWireType(r, ProtoWriter.WIRE_VARINT, f.where);
          f.time = r.readVarint();
        }
        case 8 -> {
          f.where = DETAILS + ".CertVersion";
          requireWireType(r, ProtoWriter.WIRE_VARINT, f.where);
          f.certVersion = r.readUint32();
        }
        default -> {
          f.where = DETAILS + " unknown field " + r.field();
          r.skip();
        }
      }
      f.where = null;
    }
  }

  private static void requireWireType(ProtoReader r, int expected, String field)
      throws MalformedPacketException {
    if (r.wireType() != expected) {
      throw new MalformedPacketException(
          field,
          "wire type " + r.wireType() + " where " + wireTypeName(expected) + " ("
              + expected + ") is required");
    }
  }

  private static String wireTypeName(int wireType) {
    return switch (wireType) {
      case ProtoWriter.WIRE_VARINT -> "varint";
      case ProtoWriter.WIRE_LEN -> "length-delimited";
      default -> "wire type " + wireType;
    };
  }

  /** Mutable accumulator, so that repeated Details occurrences merge as protobuf requires. */
  private static final class Fields {
    byte[] cert = new byte[0];
    int initiatorIndex;
    int responderIndex;
    long cookie;
    long time;
    int certVersion;
    String where;
  }
}
