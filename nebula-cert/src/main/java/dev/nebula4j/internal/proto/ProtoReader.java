package dev.nebula4j.internal.proto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads protobuf fields from a byte range. Every length is checked against the remaining input
 * before anything is allocated; every problem is a {@link ProtoException} carrying the offset.
 *
 * <p>Usage: {@code while (r.next()) { switch (r.field()) { case 1 -> r.readBytes(); default ->
 * r.skip(); } }}
 */
public final class ProtoReader {
  private final byte[] buf;
  private final int limit;
  private int pos;
  private int field;
  private int wireType;

  public ProtoReader(byte[] buf) {
    this(buf, 0, buf.length);
  }

  public ProtoReader(byte[] buf, int offset, int length) {
    if (offset < 0 || length < 0 || offset > buf.length - length) {
      throw new IllegalArgumentException("range outside the buffer");
    }
    this.buf = buf;
    this.pos = offset;
    this.limit = offset + length;
  }

  /** Advances to the next field; false at the end of input. */
  public boolean next() {
    if (pos >= limit) {
      return false;
    }
    int start = pos;
    long key = readRawVarint();
    if (key > 0xFFFF_FFFFL) {
      throw new ProtoException("field key too large", start);
    }
    field = (int) (key >>> 3);
    wireType = (int) (key & 7);
    if (field == 0) {
      throw new ProtoException("field number 0 is invalid", start);
    }
    return true;
  }

  /** Number of the current field. */
  public int field() {
    return field;
  }

  /** Wire type of the current field (0 varint, 1 fixed64, 2 length-delimited, 5 fixed32). */
  public int wireType() {
    return wireType;
  }

  public long readVarint() {
    expect(ProtoWriter.WIRE_VARINT);
    return readRawVarint();
  }

  /** A uint32 field; larger varints are truncated to 32 bits as Go does. */
  public int readUint32() {
    return (int) readVarint();
  }

  /** The current length-delimited field's bytes, copied. */
  public byte[] readBytes() {
    int len = readLength();
    byte[] out = Arrays.copyOfRange(buf, pos, pos + len);
    pos += len;
    return out;
  }

  /** The current length-delimited field as UTF-8 text. */
  public String readString() {
    int len = readLength();
    String s = new String(buf, pos, len, StandardCharsets.UTF_8);
    pos += len;
    return s;
  }

  /** A reader over the current length-delimited field (an embedded message), without copying. */
  public ProtoReader readMessage() {
    int len = readLength();
    ProtoReader nested = new ProtoReader(buf, pos, len);
    pos += len;
    return nested;
  }

  /**
   * A repeated uint32 field: {@link #readRepeatedVarint} with each value cut to its low 32 bits,
   * as protobuf decodes uint32. Callers append the result to what they have.
   */
  public int[] readRepeatedUint32() {
    long[] values = readRepeatedVarint();
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (int) values[i];
    }
    return out;
  }

  /**
   * A repeated varint field without truncation: all values of the packed form, or the single
   * value of an unpacked occurrence. Callers that need narrower types check the range.
   */
  public long[] readRepeatedVarint() {
    if (wireType == ProtoWriter.WIRE_VARINT) {
      return new long[] {readRawVarint()};
    }
    int len = readLength();
    int end = pos + len;
    int count = 0;
    for (int i = pos; i < end; i++) {
      if ((buf[i] & 0x80) == 0) {
        count++;
      }
    }
    long[] out = new long[count];
    ProtoReader packed = new ProtoReader(buf, pos, len);
    int n = 0;
    while (packed.pos < packed.limit) {
      if (n == count) {
        throw new ProtoException("truncated packed varint", packed.pos);
      }
      out[n++] = packed.readRawVarint();
    }
    pos = end;
    return out;
  }

  /** Skips the current field, whatever its wire type. Groups (3, 4) are refused. */
  public void skip() {
    switch (wireType) {
      case ProtoWriter.WIRE_VARINT -> readRawVarint();
      case ProtoWriter.WIRE_FIXED64 -> advance(8);
      case ProtoWriter.WIRE_LEN -> advance(readRawLength());
      case ProtoWriter.WIRE_FIXED32 -> advance(4);
      default -> throw new ProtoException("unsupported wire type " + wireType, pos);
    }
  }

  private void expect(int type) {
    if (wireType != type) {
      throw new ProtoException(
          "field " + field + " has wire type " + wireType + ", expected " + type, pos);
    }
  }

  private int readLength() {
    expect(ProtoWriter.WIRE_LEN);
    return readRawLength();
  }

  private int readRawLength() {
    int start = pos;
    long len = readRawVarint();
    if (len < 0 || len > limit - pos) {
      throw new ProtoException(
          "length " + Long.toUnsignedString(len) + " exceeds the " + (limit - pos)
              + " bytes left", start);
    }
    return (int) len;
  }

  private void advance(int n) {
    if (n > limit - pos) {
      throw new ProtoException("field runs past the end of the input", pos);
    }
    pos += n;
  }

  private long readRawVarint() {
    int start = pos;
    long result = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      if (pos >= limit) {
        throw new ProtoException("truncated varint", start);
      }
      byte b = buf[pos++];
      if (shift == 63 && (b & 0xFE) != 0) {
        throw new ProtoException("varint overflows 64 bits", start);
      }
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new ProtoException("varint longer than 10 bytes", start);
  }
}
