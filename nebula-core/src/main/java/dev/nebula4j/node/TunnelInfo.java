package dev.nebula4j.node;

import dev.nebula4j.cert.Certificate;
import dev.nebula4j.config.Cipher;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot of one established tunnel, as listed by {@link NebulaNode#tunnels()} and passed to
 * {@link NodeEventListener} (Go nebula's {@code nebula-service} "list-hostmap" view). Values are
 * read without locking, so counters of a busy tunnel may be a few packets apart.
 *
 * @param peerName the peer certificate's name
 * @param vpnAddress the peer's VPN address (its certificate's first network)
 * @param remoteAddress where the tunnel's packets currently go (changes when the peer roams)
 * @param cipher the data cipher
 * @param localIndex our index for this tunnel (unsigned 32-bit): the remote index of every packet
 *     the peer sends us
 * @param remoteIndex the peer's index (unsigned 32-bit), put in every packet we send
 * @param initiator whether we started the handshake
 * @param establishedAt wall-clock time the handshake completed
 * @param messageCounter the last counter we sent (2 right after the handshake; the first data
 *     packet carries 3, spec §2.4)
 * @param packetsSent encrypted packets sent through the tunnel (data and control)
 * @param bytesSent their plaintext payload bytes
 * @param packetsReceived authenticated packets received
 * @param bytesReceived their plaintext payload bytes
 * @param packetsLost counters the peer sent that never arrived: each is counted once it leaves
 *     the 1024-packet replay window unseen, so reordering within the window is not loss (Go's
 *     {@code network.packets.lost})
 * @param peerCertificate the peer's verified certificate
 */
public record TunnelInfo(
    String peerName,
    InetAddress vpnAddress,
    InetSocketAddress remoteAddress,
    Cipher cipher,
    long localIndex,
    long remoteIndex,
    boolean initiator,
    Instant establishedAt,
    long messageCounter,
    long packetsSent,
    long bytesSent,
    long packetsReceived,
    long bytesReceived,
    long packetsLost,
    Certificate peerCertificate) {

  public TunnelInfo {
    Objects.requireNonNull(peerName, "peerName");
    Objects.requireNonNull(vpnAddress, "vpnAddress");
    Objects.requireNonNull(remoteAddress, "remoteAddress");
    Objects.requireNonNull(cipher, "cipher");
    Objects.requireNonNull(establishedAt, "establishedAt");
    Objects.requireNonNull(peerCertificate, "peerCertificate");
  }

  @Override
  public String toString() {
    return "TunnelInfo[" + peerName + " " + vpnAddress.getHostAddress() + " via "
        + remoteAddress + ", " + cipher.configName() + ", local index " + localIndex
        + ", remote index " + remoteIndex + (initiator ? ", initiator" : ", responder")
        + ", sent " + packetsSent + ", received " + packetsReceived + ", lost " + packetsLost + "]";
  }
}
