package dev.nebula4j.cert;

import dev.nebula4j.internal.cert.CertificateV1Codec;
import dev.nebula4j.internal.cert.KeyOps;
import dev.nebula4j.internal.cert.PemCodec;
import dev.nebula4j.internal.cert.RawCertificateV1;
import dev.nebula4j.net.IpNetwork;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A version 1 certificate ({@code RawNebulaCertificate} protobuf, PEM banner {@code NEBULA
 * CERTIFICATE}), the format of every Go release.
 *
 * <p>Security note: Go never checks a signature over the bytes it received; it parses them and
 * re-encodes canonically (ascending fields, defaults omitted, unknown fields dropped). This class
 * does the same: {@link #marshal()}, {@link #fingerprint()} and {@link #checkSignature} all use the
 * canonical encoding of the parsed fields, so accept/reject decisions match Go's even for
 * non-canonical input.
 */
public final class CertificateV1 implements Certificate {
  private final RawCertificateV1 raw;
  private final List<IpNetwork> networks;
  private final List<IpNetwork> unsafeNetworks;
  private final Instant notBefore;
  private final Instant notAfter;
  private final Fingerprint issuer;
  private final Curve curve;
  private final PublicKey publicKey;
  private final byte[] encoded;
  private final Fingerprint fingerprint;

  /** Validates and interprets {@code raw}; {@code what} names the input in error messages. */
  CertificateV1(RawCertificateV1 raw, String what) {
    this.raw = raw;
    this.curve = Curve.fromProtoValue(raw.curve());
    this.networks = networks(raw.ips(), "Ips", what);
    this.unsafeNetworks = networks(raw.subnets(), "Subnets", what);
    this.notBefore = instant(raw.notBefore(), "NotBefore", what);
    this.notAfter = instant(raw.notAfter(), "NotAfter", what);
    if (raw.issuer().length == 0) {
      this.issuer = null;
    } else if (raw.issuer().length == Fingerprint.LENGTH) {
      this.issuer = Fingerprint.of(raw.issuer());
    } else {
      throw new CertFormatException("Issuer must be " + Fingerprint.LENGTH + " bytes, got "
          + raw.issuer().length + CertificateV1Codec.where(what));
    }
    if (raw.publicKey().length == 0) {
      throw new CertFormatException("invalid public key: empty" + CertificateV1Codec.where(what));
    }
    KeyType keyType = raw.isCa() ? KeyType.signing(curve) : KeyType.agreement(curve);
    try {
      this.publicKey = PublicKey.trusted(keyType, raw.publicKey());
    } catch (CertFormatException e) {
      throw new CertFormatException(e.getMessage() + CertificateV1Codec.where(what));
    }
    if (!raw.isCa()) {
      if (networks.isEmpty()) {
        throw new CertFormatException(
            "non-CA certificates must contain exactly one network" + CertificateV1Codec.where(what));
      }
      for (IpNetwork n : networks) {
        if (n.ipv4Address() == 0) {
          throw new CertFormatException("non-CA certificates must not use the zero address as a"
              + " network: " + n + CertificateV1Codec.where(what));
        }
      }
    }
    this.encoded = CertificateV1Codec.marshal(raw, true);
    this.fingerprint = Fingerprint.sha256(encoded);
  }

  /** Parses the protobuf payload of a {@code NEBULA CERTIFICATE} PEM block. */
  public static CertificateV1 fromBytes(byte[] bytes) {
    return fromBytes(bytes, "");
  }

  static CertificateV1 fromBytes(byte[] bytes, String what) {
    return new CertificateV1(CertificateV1Codec.parse(bytes, what), what);
  }

  static CertificateV1 fromHandshakeBytes(byte[] bytes, byte[] peerStaticKey) {
    RawCertificateV1 r = CertificateV1Codec.parse(bytes, "handshake certificate");
    if (r.publicKey().length != 0) {
      throw new CertFormatException("certificate has unexpected pubkey present");
    }
    return new CertificateV1(r.withPublicKey(peerStaticKey.clone()), "handshake certificate");
  }

  private static List<IpNetwork> networks(int[] pairs, String field, String what) {
    if (pairs.length % 2 != 0) {
      throw new CertFormatException("encoded " + field
          + " should be in pairs, an odd number was found" + CertificateV1Codec.where(what));
    }
    List<IpNetwork> out = new ArrayList<>(pairs.length / 2);
    for (int i = 0; i < pairs.length; i += 2) {
      try {
        out.add(IpNetwork.ofIpv4Mask(pairs[i], pairs[i + 1]));
      } catch (IllegalArgumentException e) {
        throw new CertFormatException(field + "[" + i / 2 + "]: " + e.getMessage()
            + CertificateV1Codec.where(what));
      }
    }
    return List.copyOf(out);
  }

  private static Instant instant(long seconds, String field, String what) {
    if (seconds < Instant.MIN.getEpochSecond() || seconds > Instant.MAX.getEpochSecond()) {
      throw new CertFormatException(field + " " + seconds + " is out of range"
          + CertificateV1Codec.where(what));
    }
    return Instant.ofEpochSecond(seconds);
  }

  RawCertificateV1 raw() {
    return raw;
  }

  @Override
  public CertificateVersion version() {
    return CertificateVersion.V1;
  }

  @Override
  public String name() {
    return raw.name();
  }

  @Override
  public List<IpNetwork> networks() {
    return networks;
  }

  @Override
  public List<IpNetwork> unsafeNetworks() {
    return unsafeNetworks;
  }

  @Override
  public List<String> groups() {
    return raw.groups();
  }

  @Override
  public Instant notBefore() {
    return notBefore;
  }

  @Override
  public Instant notAfter() {
    return notAfter;
  }

  @Override
  public boolean isCa() {
    return raw.isCa();
  }

  @Override
  public Optional<Fingerprint> issuer() {
    return Optional.ofNullable(issuer);
  }

  @Override
  public Curve curve() {
    return curve;
  }

  @Override
  public PublicKey publicKey() {
    return publicKey;
  }

  @Override
  public byte[] signature() {
    return raw.signature().clone();
  }

  @Override
  public Fingerprint fingerprint() {
    return fingerprint;
  }

  @Override
  public Optional<Fingerprint> alternateFingerprint() {
    if (curve != Curve.P256) {
      return Optional.empty();
    }
    byte[] swapped = KeyOps.swapS(raw.signature());
    if (swapped == null) {
      return Optional.empty();
    }
    return Optional.of(Fingerprint.sha256(
        CertificateV1Codec.marshal(raw.withSignature(swapped), true)));
  }

  /** The canonical {@code Details} bytes the signature covers. */
  byte[] detailsForSigning() {
    return CertificateV1Codec.marshalDetails(raw, true);
  }

  @Override
  public boolean checkSignature(PublicKey signingKey) {
    if (signingKey == null || signingKey.curve() != curve) {
      return false;
    }
    return KeyOps.verify(KeyType.signing(curve), signingKey.rawBytes(), detailsForSigning(),
        raw.signature());
  }

  @Override
  public boolean matches(PrivateKey key) {
    return key != null && key.type() == publicKey.type() && key.matches(publicKey);
  }

  @Override
  public void verifyPrivateKey(PrivateKey key) {
    if (key.curve() != curve) {
      throw new KeyMismatchException("curve in cert and private key supplied don't match (cert "
          + curve + ", key " + key.curve() + ")");
    }
    if (key.type() != publicKey.type()) {
      throw new KeyMismatchException("private key is a " + key.type() + " key, a "
          + (isCa() ? "CA" : "host") + " certificate needs a " + publicKey.type() + " key");
    }
    if (!key.matches(publicKey)) {
      throw new KeyMismatchException("public key in cert and private key supplied don't match");
    }
  }

  @Override
  public byte[] marshal() {
    return encoded.clone();
  }

  @Override
  public byte[] marshalForHandshake() {
    return CertificateV1Codec.marshal(raw, false);
  }

  @Override
  public String toPem() {
    return PemCodec.encode(PEM_BANNER_V1, encoded);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CertificateV1 c && Arrays.equals(c.encoded, encoded);
  }

  @Override
  public int hashCode() {
    return fingerprint.hashCode();
  }

  @Override
  public String toString() {
    return "CertificateV1[name=" + name() + ", networks=" + networks
        + (isCa() ? ", CA" : "") + ", curve=" + curve + ", fingerprint=" + fingerprint + "]";
  }
}
