package dev.nebula4j.internal.packet;

/**
 * A reusable byte array with a fill length, handed between a {@link PacketBufferPool} and {@link
 * PacketQueue}s. Not thread-safe: exactly one owner at a time (whoever took it from the pool or a
 * queue), who gives it back with {@link PacketBufferPool#release}.
 */
public final class PacketBuffer {
  private final byte[] data;
  private int length;
  private Object attachment;

  PacketBuffer(int capacity) {
    this.data = new byte[capacity];
  }

  /** The backing array; bytes {@code [0, length())} are the packet. */
  public byte[] data() {
    return data;
  }

  public int length() {
    return length;
  }

  public int capacity() {
    return data.length;
  }

  public void setLength(int length) {
    if (length < 0 || length > data.length) {
      throw new IllegalArgumentException(
          "length " + length + " outside buffer capacity " + data.length);
    }
    this.length = length;
  }

  /** Copies {@code len} bytes from {@code src} into this buffer and sets the length. */
  public void fill(byte[] src, int off, int len) {
    setLength(len);
    System.arraycopy(src, off, data, 0, len);
  }

  /**
   * Something that travels with the packet, e.g. the sender's address in an in-memory network;
   * {@code null} unless set.
   */
  public Object attachment() {
    return attachment;
  }

  public void setAttachment(Object attachment) {
    this.attachment = attachment;
  }

  /** A fresh array holding a copy of the packet bytes. */
  public byte[] copyOfPacket() {
    return java.util.Arrays.copyOf(data, length);
  }

  @Override
  public String toString() {
    return "PacketBuffer{" + length + "/" + data.length + " bytes}";
  }
}
