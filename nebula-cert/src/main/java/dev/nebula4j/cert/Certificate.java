package dev.nebula4j.cert;

import dev.nebula4j.internal.cert.PemBlock;
import dev.nebula4j.internal.cert.PemCodec;
import dev.nebula4j.net.IpNetwork;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Nebula certificate: a CA's self-signed certificate or a host certificate signed by a CA.
 * Immutable. Sealed so that every format version is known here; today that is {@link
 * CertificateV1}.
 *
 * <p>Reading:
 *
 * <pre>{@code
 * Certificate host = Certificate.fromPem(Files.readString(Path.of("leuchtturm1.crt")));
 * host.networks();        // [10.10.10.1/24]
 * host.fingerprint();     // what `nebula-cert print` shows
 * }</pre>
 *
 * <p>In handshakes the certificate travels without its public key ({@link
 * #marshalForHandshake()}); the receiver rebuilds it with the peer's Noise static key ({@link
 * #fromHandshake}) and then verifies it with {@link CaPool#verify}.
 */
public sealed interface Certificate permits CertificateV1 {
  /** PEM banner of v1 certificates. */
  String PEM_BANNER_V1 = "NEBULA CERTIFICATE";
  /** PEM banner of v2 certificates (nebula 1.10+), recognised but not yet supported. */
  String PEM_BANNER_V2 = "NEBULA CERTIFICATE V2";

  CertificateVersion version();

  /** Free-text name; a host name for host certificates. May be empty in v1. */
  String name();

  /** Overlay addresses with their network size; host certificates have at least one. */
  List<IpNetwork> networks();

  /** Networks this host may route for ("unsafe routes"); Go's {@code Subnets} in v1. */
  List<IpNetwork> unsafeNetworks();

  List<String> groups();

  Instant notBefore();

  Instant notAfter();

  boolean isCa();

  /** Fingerprint of the signing CA; empty for CA certificates. */
  Optional<Fingerprint> issuer();

  Curve curve();

  /** A CA's signing key or a host's key-agreement key. */
  PublicKey publicKey();

  /** A copy of the signature bytes. */
  byte[] signature();

  /** SHA-256 of the canonical encoding; what blocklists and issuers refer to. */
  Fingerprint fingerprint();

  /**
   * For P-256, the fingerprint of the same certificate with the ECDSA signature's s swapped for
   * n - s (both forms verify); empty for Curve25519. Blocklists must check both (nebula 1.10.3+).
   */
  Optional<Fingerprint> alternateFingerprint();

  /** Go's {@code Expired}: {@code at} before notBefore or after notAfter. */
  default boolean isExpired(Instant at) {
    return at.isBefore(notBefore()) || at.isAfter(notAfter());
  }

  /** Whether the signature verifies with {@code signingKey} (over the canonical encoding). */
  boolean checkSignature(PublicKey signingKey);

  /** Whether {@code key} is the private half of this certificate's public key (and same role). */
  boolean matches(PrivateKey key);

  /**
   * Throws {@link KeyMismatchException} unless {@code key} is the private half of this
   * certificate's public key, of the same curve and role.
   */
  void verifyPrivateKey(PrivateKey key);

  /** The canonical encoding (for v1, the protobuf that is the PEM payload). */
  byte[] marshal();

  /** The encoding sent in handshakes: without the public key. */
  byte[] marshalForHandshake();

  /** The PEM form, 64-character lines, as Go writes it. */
  String toPem();

  /**
   * Reads the first PEM block of {@code pem}, which must be a certificate; later blocks are
   * ignored (as Go does).
   */
  static Certificate fromPem(String pem) {
    return fromPem(pem.getBytes(StandardCharsets.UTF_8));
  }

  /** As {@link #fromPem(String)}, from file bytes. */
  static Certificate fromPem(byte[] pem) {
    PemBlock block = PemCodec.decodeFirst(pem);
    return fromBlock(block, "");
  }

  /**
   * Reads every PEM block of {@code pem} (a bundle); each must be a certificate, and nothing but
   * whitespace may follow the last one.
   */
  static List<Certificate> listFromPem(byte[] pem) {
    List<Certificate> out = new ArrayList<>();
    int pos = 0;
    while (true) {
      PemBlock block = PemCodec.decode(pem, pos);
      if (block == null) {
        if (out.isEmpty()) {
          throw new CertFormatException("input did not contain a valid PEM encoded block");
        }
        throw new CertFormatException("input did not contain a valid PEM encoded block"
            + " (after certificate " + out.size() + " of the bundle)");
      }
      out.add(fromBlock(block, "certificate " + (out.size() + 1) + " of the bundle"));
      pos = block.end();
      if (PemCodec.isBlank(pem, pos)) {
        return List.copyOf(out);
      }
    }
  }

  /** As {@link #listFromPem(byte[])} for PEM text. */
  static List<Certificate> listFromPem(String pem) {
    return listFromPem(pem.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Rebuilds a certificate received in a handshake: {@code raw} is the peer's certificate
   * without public key, {@code peerStaticKey} its Noise static public key, {@code expectedCurve}
   * the curve of our own credential. The result still has to be verified with a {@link CaPool}.
   */
  static Certificate fromHandshake(CertificateVersion version, byte[] raw, byte[] peerStaticKey,
      Curve expectedCurve) {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(expectedCurve, "expectedCurve");
    if (peerStaticKey == null || peerStaticKey.length == 0) {
      throw new CertFormatException("no peer static key was present");
    }
    Certificate c = CertificateV1.fromHandshakeBytes(raw, peerStaticKey);
    if (c.curve() != expectedCurve) {
      throw new CertFormatException("certificate curve " + c.curve()
          + " does not match expected " + expectedCurve);
    }
    return c;
  }

  private static Certificate fromBlock(PemBlock block, String what) {
    if (PEM_BANNER_V1.equals(block.type())) {
      return CertificateV1.fromBytes(block.bytes(), what);
    }
    String where = what.isEmpty() ? "" : ", " + what;
    if (PEM_BANNER_V2.equals(block.type())) {
      throw new CertFormatException("certificate v2 (banner " + PEM_BANNER_V2
          + ") is not supported yet; nebula 1.6.1 cannot use it either" + (what.isEmpty() ? "" : " (" + what + ")"));
    }
    throw new CertFormatException("bytes did not contain a proper nebula certificate banner"
        + " (found " + block.type() + where + ")");
  }
}
