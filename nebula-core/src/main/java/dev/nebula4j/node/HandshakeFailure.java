package dev.nebula4j.node;

/**
 * Why a handshake did not produce a tunnel: one of ours gave up ({@link
 * NodeEventListener#handshakeFailed}) or a peer's was refused ({@link
 * NodeEventListener#handshakeRefused}). Each value is also a counter in {@link NodeStats}.
 */
public enum HandshakeFailure {
  /** No answer after {@code handshakes.retries} attempts (spec §3.5). */
  TIMED_OUT("no reply after all retries"),
  /** The Noise message did not decrypt or authenticate, or had a bad key (§3.1). */
  NOISE_FAILED("Noise message failed to decrypt or authenticate"),
  /** The handshake payload protobuf was malformed or lacked a required field (§3.3). */
  MALFORMED_PAYLOAD("handshake payload is malformed"),
  /** The peer's certificate could not be decoded or rebuilt with its Noise static key. */
  CERT_MALFORMED("certificate could not be decoded"),
  /** The peer's certificate is signed by a CA we do not trust, or its signature is wrong. */
  CERT_UNTRUSTED("certificate is not signed by a trusted CA"),
  /** The peer's certificate, or its CA, is expired or not yet valid. */
  CERT_EXPIRED("certificate or its CA is expired"),
  /** The peer's certificate fingerprint is in {@code pki.blocklist}. */
  CERT_BLOCKLISTED("certificate is blocklisted"),
  /** A certificate version this node cannot read (v2 certificates, nebula 1.10+). */
  CERT_VERSION_UNSUPPORTED("certificate version is not supported"),
  /** The peer's certificate claims one of our own VPN addresses (§3.5, §3.6). */
  OWN_ADDRESS("certificate claims our own VPN address"),
  /** A host other than the intended one answered our handshake (§3.5). */
  WRONG_HOST("a different host answered the handshake"),
  /**
   * Both sides initiated at once and ours wins (Go 1.6.1: the higher VPN address's handshake wins,
   * §3.6); the peer's handshake was ignored.
   */
  RACE_LOST_BY_PEER("simultaneous handshake: ours wins, theirs ignored"),
  /** A tunnel from a newer handshake with this peer already exists ("Handshake too old", §3.6). */
  TOO_OLD("an existing tunnel is based on a newer handshake"),
  /** The local index chosen for the tunnel collided with another one; the peer will retry. */
  INDEX_COLLISION("local index collision"),
  /** The node closed while the handshake was pending. */
  NODE_CLOSED("node closed");

  private final String description;

  HandshakeFailure(String description) {
    this.description = description;
  }

  /** A short human-readable explanation, used in log lines. */
  public String description() {
    return description;
  }
}
