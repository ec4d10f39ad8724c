package dev.nebula4j.internal.packet;

import static dev.nebula4j.internal.packet.PacketBytes.put16;

/**
 * Answers IPv4 ICMP echo requests, as a host stack would: what a node does for its own overlay
 * address when {@code tun.disabled: true} (Go nebula 1.4+ does the same) and what {@code
 * UserspaceDevice} does for the addresses it owns.
 *
 * <p>The reply swaps source and destination, carries type 0 and the request's identifier,
 * sequence and data unchanged, has a fresh 20-byte header (request options are not echoed), TTL
 * 64 and both checksums recomputed. Unlike Go's responder (which only takes IHL 5 and trusts the
 * ICMP checksum) requests with options are answered and requests with a bad checksum are not, like
 * Linux.
 */
public final class IcmpEchoResponder {
  private IcmpEchoResponder() {}

  /**
   * If {@code in[off..off+len)} is a well-formed, unfragmented ICMP echo request addressed to
   * {@code localAddress}, writes the echo reply at {@code out[outOff]} and returns its length.
   * Otherwise writes nothing and returns a negative {@link PacketCheck} code ({@link
   * PacketCheck#NOT_FOR_US} for a request to another address, {@link PacketCheck#NO_ROOM} if
   * {@code out} is too short). The reply is never longer than the request, and {@code out} may be
   * the very same region as {@code in} (answer in place). Never allocates.
   *
   * @param localAddress the address we answer for, big-endian int
   */
  public static int reply(byte[] in, int off, int len, int localAddress, byte[] out, int outOff) {
    int icmp = IcmpEcho.checkIpv4(in, off, len, IcmpEcho.TYPE_ECHO_REQUEST);
    if (icmp < 0) {
      return icmp;
    }
    if (Ipv4Packet.destination(in, off) != localAddress) {
      return PacketCheck.NOT_FOR_US;
    }
    int icmpLength = off + Ipv4Packet.totalLength(in, off) - icmp;
    int replyLength = Ipv4Packet.MIN_HEADER_LENGTH + icmpLength;
    if (outOff < 0 || replyLength > out.length - outOff) {
      return PacketCheck.NO_ROOM;
    }
    int requester = Ipv4Packet.source(in, off);
    int identification = Ipv4Packet.identification(in, off);
    int outIcmp = outOff + Ipv4Packet.MIN_HEADER_LENGTH;
    // the ICMP message moves first (arraycopy handles overlap), then the header is rewritten
    System.arraycopy(in, icmp, out, outIcmp, icmpLength);
    out[outIcmp] = (byte) IcmpEcho.TYPE_ECHO_REPLY;
    put16(out, outIcmp + 2, 0);
    put16(out, outIcmp + 2, InternetChecksum.compute(out, outIcmp, icmpLength));
    Ipv4Packet.writeHeader(
        out,
        outOff,
        replyLength,
        identification,
        0,
        Ipv4Packet.DEFAULT_TTL,
        IpProtocol.ICMP,
        localAddress,
        requester);
    return replyLength;
  }
}
