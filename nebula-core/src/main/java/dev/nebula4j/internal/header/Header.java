package dev.nebula4j.internal.header;

/**
 * A decoded Nebula header (spec §2.1) as a value, for tests, logs and the handshake path. The data
 * path reads fields in place with {@link HeaderCodec} instead.
 *
 * @param version header version (1 on the wire)
 * @param type message type, see {@link MessageType}
 * @param subtype message subtype
 * @param reserved bytes 2–3, sent as 0
 * @param remoteIndex the receiver's local index, unsigned 32-bit
 * @param counter message counter, unsigned 64-bit
 */
public record Header(
    int version, int type, int subtype, int reserved, int remoteIndex, long counter) {

  public Header {
    if ((version & ~0x0F) != 0) {
      throw new IllegalArgumentException("header version must fit in 4 bits: " + version);
    }
    if ((type & ~0x0F) != 0) {
      throw new IllegalArgumentException("header type must fit in 4 bits: " + type);
    }
    if ((subtype & ~0xFF) != 0) {
      throw new IllegalArgumentException("header subtype must fit in 8 bits: " + subtype);
    }
    if ((reserved & ~0xFFFF) != 0) {
      throw new IllegalArgumentException("header reserved field must fit in 16 bits: " + reserved);
    }
  }

  /** A version-1 header with zero reserved bytes. */
  public static Header of(int type, int subtype, int remoteIndex, long counter) {
    return new Header(MessageType.VERSION, type, subtype, 0, remoteIndex, counter);
  }

  /**
   * Decodes the header at the start of {@code buf[off, off + len)}.
   *
   * @throws MalformedPacketException if fewer than 16 bytes are given
   */
  public static Header parse(byte[] buf, int off, int len) throws MalformedPacketException {
    if (off < 0 || len < 0 || off > buf.length - len) {
      throw new IllegalArgumentException("range outside the buffer");
    }
    if (len < HeaderCodec.LENGTH) {
      throw new MalformedPacketException(
          "header", "packet of " + len + " bytes is shorter than the 16-byte header");
    }
    return new Header(
        HeaderCodec.version(buf, off),
        HeaderCodec.type(buf, off),
        HeaderCodec.subtype(buf, off),
        HeaderCodec.reserved(buf, off),
        HeaderCodec.remoteIndex(buf, off),
        HeaderCodec.counter(buf, off));
  }

  /** Writes this header at {@code buf[off]}; returns 16. */
  public int writeTo(byte[] buf, int off) {
    return HeaderCodec.write(buf, off, version, type, subtype, reserved, remoteIndex, counter);
  }

  /** The 16 encoded bytes. */
  public byte[] toBytes() {
    byte[] out = new byte[HeaderCodec.LENGTH];
    writeTo(out, 0);
    return out;
  }

  /** Like Go's header String(): version, type and subtype names, index and counter. */
  @Override
  public String toString() {
    return "Header[ver=" + version
        + " type=" + MessageType.name(type)
        + " subtype=" + MessageType.subtypeName(type, subtype)
        + " reserved=" + reserved
        + " remoteIndex=" + Integer.toUnsignedString(remoteIndex)
        + " counter=" + Long.toUnsignedString(counter) + "]";
  }
}
