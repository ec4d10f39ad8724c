package dev.nebula4j.internal.proto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Appends protobuf fields to a growable buffer. Methods named {@code optional*} skip proto3 default
 * values (zero, empty) exactly as Go's marshaller does; the plain ones always write.
 */
public final class ProtoWriter {
  public static final int WIRE_VARINT = 0;
  public static final int WIRE_FIXED64 = 1;
  public static final int WIRE_LEN = 2;
  public static final int WIRE_FIXED32 = 5;

  private byte[] buf;
  private int size;

  public ProtoWriter() {
    this(64);
  }

  public ProtoWriter(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  /** Number of bytes written so far. */
  public int size() {
    return size;
  }

  /** A copy of the bytes written so far. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  public ProtoWriter tag(int field, int wireType) {
    return rawVarint(((long) field << 3) | wireType);
  }

  public ProtoWriter rawVarint(long value) {
    ensure(10);
    while ((value & ~0x7FL) != 0) {
      buf[size++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    buf[size++] = (byte) value;
    return this;
  }

  public ProtoWriter rawBytes(byte[] bytes) {
    return rawBytes(bytes, 0, bytes.length);
  }

  public ProtoWriter rawBytes(byte[] bytes, int off, int len) {
    ensure(len);
    System.arraycopy(bytes, off, buf, size, len);
    size += len;
    return this;
  }

  /** A varint field, written even when zero. Negative int32/int64 use the 10-byte form as Go does. */
  public ProtoWriter varint(int field, long value) {
    return tag(field, WIRE_VARINT).rawVarint(value);
  }

  /** A varint field, skipped when zero. */
  public ProtoWriter optionalVarint(int field, long value) {
    return value == 0 ? this : varint(field, value);
  }

  /** A uint32 field (value taken as unsigned), skipped when zero. */
  public ProtoWriter optionalUint32(int field, int value) {
    return value == 0 ? this : varint(field, Integer.toUnsignedLong(value));
  }

  /** A bool field, skipped when false. */
  public ProtoWriter optionalBool(int field, boolean value) {
    return value ? varint(field, 1) : this;
  }

  /** A length-delimited field, written even when empty. */
  public ProtoWriter bytes(int field, byte[] value) {
    tag(field, WIRE_LEN).rawVarint(value.length);
    return rawBytes(value);
  }

  /** A length-delimited field, skipped when null or empty. */
  public ProtoWriter optionalBytes(int field, byte[] value) {
    return value == null || value.length == 0 ? this : bytes(field, value);
  }

  /** A string field (UTF-8), skipped when null or empty. */
  public ProtoWriter optionalString(int field, String value) {
    return value == null || value.isEmpty()
        ? this
        : bytes(field, value.getBytes(StandardCharsets.UTF_8));
  }

  /** A string field (UTF-8), written even when empty (one entry of a repeated string). */
  public ProtoWriter string(int field, String value) {
    return bytes(field, value.getBytes(StandardCharsets.UTF_8));
  }

  /** A packed repeated uint32 field, skipped when empty. */
  public ProtoWriter packedUint32(int field, int[] values) {
    if (values == null || values.length == 0) {
      return this;
    }
    int len = 0;
    for (int v : values) {
      len += varintSize(Integer.toUnsignedLong(v));
    }
    tag(field, WIRE_LEN).rawVarint(len);
    for (int v : values) {
      rawVarint(Integer.toUnsignedLong(v));
    }
    return this;
  }

  /** An embedded message field holding the bytes another writer produced (written even if empty). */
  public ProtoWriter message(int field, ProtoWriter nested) {
    tag(field, WIRE_LEN).rawVarint(nested.size);
    return rawBytes(nested.buf, 0, nested.size);
  }

  /** Number of bytes the varint encoding of {@code value} takes. */
  public static int varintSize(long value) {
    int n = 1;
    while ((value & ~0x7FL) != 0) {
      n++;
      value >>>= 7;
    }
    return n;
  }

  private void ensure(int extra) {
    if (size + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
    }
  }
}
