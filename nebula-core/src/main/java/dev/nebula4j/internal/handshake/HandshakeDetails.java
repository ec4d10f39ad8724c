package dev.nebula4j.internal.handshake;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The contents of a Nebula handshake payload, {@code NebulaHandshakeDetails} (spec §3.3). Zero
 * (or an empty cert) means "absent", as in proto3.
 *
 * <ul>
 *   <li>msg 1: {@code cert}, {@code initiatorIndex} = the initiator's local index, {@code
 *       timeNanos}; 1.10+ also {@code certVersion}.
 *   <li>msg 2: the responder's {@code cert}, {@code initiatorIndex} echoed, {@code responderIndex}
 *       = the responder's local index, {@code timeNanos} = the responder's clock. 1.6.1 also echoes
 *       {@code cookie} (never populated by anyone).
 * </ul>
 *
 * @param cert the sender's certificate <em>without</em> its public key (v1: protobuf without field
 *     7; v2: the handshake form); the receiver re-inserts the Noise static key before verifying
 * @param initiatorIndex the initiator's local index (unsigned 32-bit)
 * @param responderIndex the responder's local index (unsigned 32-bit), 0 in msg 1
 * @param cookie deprecated, never populated; kept only to echo what a peer sent
 * @param timeNanos the sender's wall clock in Unix nanoseconds (unsigned 64-bit)
 * @param certVersion 1 or 2 (1.10+); 0 means absent, i.e. v1
 */
public record HandshakeDetails(
    byte[] cert,
    int initiatorIndex,
    int responderIndex,
    long cookie,
    long timeNanos,
    int certVersion) {

  /** Copies {@code cert} ({@code null} becomes empty). */
  public HandshakeDetails {
    cert = cert == null ? new byte[0] : cert.clone();
  }

  /** The payload of a handshake's first message. */
  public static HandshakeDetails forInitiator(byte[] cert, int initiatorIndex, long timeNanos) {
    return new HandshakeDetails(cert, initiatorIndex, 0, 0, timeNanos, 0);
  }

  /** The payload of a handshake's second message. */
  public static HandshakeDetails forResponder(
      byte[] cert, int initiatorIndex, int responderIndex, long timeNanos) {
    return new HandshakeDetails(cert, initiatorIndex, responderIndex, 0, timeNanos, 0);
  }

  /** A copy with {@code certVersion} set (1.10+ peers send it; 1.6.1 ignores field 8). */
  public HandshakeDetails withCertVersion(int version) {
    return new HandshakeDetails(
        cert, initiatorIndex, responderIndex, cookie, timeNanos, version);
  }

  /** A copy of the certificate bytes. */
  @Override
  public byte[] cert() {
    return cert.clone();
  }

  /** Length of the certificate bytes, without copying them. */
  public int certLength() {
    return cert.length;
  }

  byte[] certUnsafe() {
    return cert;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HandshakeDetails d
        && Arrays.equals(cert, d.cert)
        && initiatorIndex == d.initiatorIndex
        && responderIndex == d.responderIndex
        && cookie == d.cookie
        && timeNanos == d.timeNanos
        && certVersion == d.certVersion;
  }

  @Override
  public int hashCode() {
    int h = Arrays.hashCode(cert);
    h = 31 * h + initiatorIndex;
    h = 31 * h + responderIndex;
    h = 31 * h + Long.hashCode(cookie);
    h = 31 * h + Long.hashCode(timeNanos);
    return 31 * h + certVersion;
  }

  /** Shows the certificate only by length and a short prefix (it is public but long). */
  @Override
  public String toString() {
    String prefix = HexFormat.of().formatHex(cert, 0, Math.min(cert.length, 8));
    return "HandshakeDetails[cert=" + cert.length + " bytes (" + prefix
        + (cert.length > 8 ? "…" : "") + ")"
        + ", initiatorIndex=" + Integer.toUnsignedString(initiatorIndex)
        + ", responderIndex=" + Integer.toUnsignedString(responderIndex)
        + ", cookie=" + Long.toUnsignedString(cookie)
        + ", time=" + Long.toUnsignedString(timeNanos)
        + ", certVersion=" + Integer.toUnsignedString(certVersion) + "]";
  }
}
