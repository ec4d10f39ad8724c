package dev.nebula4j.internal.handshake;

import dev.nebula4j.cert.Certificate;
import dev.nebula4j.cert.Curve;
import dev.nebula4j.cert.HostCredential;
import dev.nebula4j.internal.crypto.AeadAlgorithm;
import dev.nebula4j.internal.noise.DhFunction;
import dev.nebula4j.internal.noise.DhKeyPair;
import dev.nebula4j.internal.noise.NoiseProtocol;
import dev.nebula4j.net.IpNetwork;
import java.util.List;
import java.util.Objects;

/**
 * What this node proves in a handshake: its certificate (sent without public key, spec §3.3), the
 * matching static DH key pair, and the Noise protocol fixed by curve and {@code cipher}.
 */
public final class HandshakeIdentity {
  private final Certificate certificate;
  private final byte[] handshakeCertificate;
  private final DhKeyPair staticKey;
  private final NoiseProtocol protocol;
  private final int[] vpnAddresses;

  private HandshakeIdentity(Certificate certificate, DhKeyPair staticKey, AeadAlgorithm cipher) {
    this.certificate = certificate;
    this.handshakeCertificate = certificate.marshalForHandshake();
    this.staticKey = staticKey;
    this.protocol = NoiseProtocol.nebula(staticKey.function(), cipher);
    this.vpnAddresses = certificate.networks().stream()
        .filter(IpNetwork::isIpv4)
        .mapToInt(IpNetwork::ipv4Address)
        .toArray();
    if (vpnAddresses.length == 0) {
      throw new IllegalArgumentException(
          "certificate " + certificate.name() + " has no IPv4 VPN address");
    }
  }

  /**
   * The identity of a host credential (a host certificate and its key-agreement private key).
   *
   * @throws IllegalArgumentException if the certificate is a CA or has no IPv4 network
   */
  public static HandshakeIdentity of(HostCredential credential, AeadAlgorithm cipher) {
    Objects.requireNonNull(credential, "credential");
    Objects.requireNonNull(cipher, "cipher");
    Certificate cert = credential.certificate();
    if (cert.isCa()) {
      throw new IllegalArgumentException("certificate " + cert.name() + " is a CA, not a host");
    }
    DhFunction dh = dhFor(cert.curve());
    // The DH key pair shares the credential's SecretBytes: the raw bytes stay wrapped, and
    // nothing destroys a static key.
    DhKeyPair pair = dh.keyPairFromPrivate(credential.privateKey().secret());
    return new HandshakeIdentity(cert, pair, cipher);
  }

  /** The Noise DH function for a certificate curve. */
  private static DhFunction dhFor(Curve curve) {
    return switch (curve) {
      case CURVE25519 -> DhFunction.X25519;
      case P256 -> DhFunction.P256;
    };
  }

  public Certificate certificate() {
    return certificate;
  }

  /** Our certificate without its public key, as sent in handshakes (a shared array: do not modify). */
  byte[] handshakeCertificate() {
    return handshakeCertificate;
  }

  public DhKeyPair staticKey() {
    return staticKey;
  }

  public NoiseProtocol protocol() {
    return protocol;
  }

  public Curve curve() {
    return certificate.curve();
  }

  /** Our first VPN address (big-endian IPv4): what the 1.6.1 race rule compares. */
  public int primaryVpnAddress() {
    return vpnAddresses[0];
  }

  /** Whether {@code address} is one of our VPN addresses. */
  public boolean isOwnAddress(int address) {
    for (int a : vpnAddresses) {
      if (a == address) {
        return true;
      }
    }
    return false;
  }

  /** Our VPN networks as in the certificate. */
  public List<IpNetwork> networks() {
    return certificate.networks();
  }

  @Override
  public String toString() {
    return "HandshakeIdentity[" + certificate.name() + " " + certificate.networks() + ", "
        + protocol + "]";
  }
}
