package dev.nebula4j.internal.header;

/**
 * The recv_error packet (spec §2.7): a cleartext 16-byte header and nothing else, type 2,
 * subtype 0, counter 0, remote index = the remote-index value of the packet that matched no
 * tunnel. For example {@code 12 00 0000 deadbeef 0000000000000000}.
 *
 * <p>It is unauthenticated: receivers must only act on it when it arrives from the tunnel's current
 * remote address (and, in newer Go, when {@code listen.accept_recv_error} allows the source).
 */
public final class RecvErrorPacket {
  /** A recv_error is exactly one header. */
  public static final int LENGTH = HeaderCodec.LENGTH;

  private RecvErrorPacket() {}

  /**
   * Writes a recv_error answering a packet that carried {@code unmatchedIndex}.
   *
   * @return {@link #LENGTH}
   */
  public static int write(byte[] buf, int off, int unmatchedIndex) {
    return HeaderCodec.write(
        buf, off, MessageType.RECV_ERROR, MessageType.SUBTYPE_NONE, unmatchedIndex, 0L);
  }

  /**
   * Whether {@code buf[off, off + len)} is a recv_error: at least a header with type 2. Trailing
   * bytes are tolerated as Go does (it only looks at the header).
   */
  public static boolean isRecvError(byte[] buf, int off, int len) {
    return len >= LENGTH && HeaderCodec.type(buf, off) == MessageType.RECV_ERROR;
  }

  /**
   * The index a recv_error names: one of our tunnels' <em>remote</em> indexes (the peer had no
   * tunnel for it).
   */
  public static int unmatchedIndex(byte[] buf, int off) {
    return HeaderCodec.remoteIndex(buf, off);
  }
}
