package dev.nebula4j.cert;

import dev.nebula4j.cert.CertVerificationException.Reason;
import dev.nebula4j.internal.cert.CertificateV1Codec;
import dev.nebula4j.internal.cert.RawCertificateV1;
import dev.nebula4j.internal.cert.SecureFiles;
import dev.nebula4j.net.IpNetwork;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A CA: its self-signed certificate and signing key. Creates host certificates exactly as
 * {@code nebula-cert sign} does, refusing what the CA's limits forbid.
 *
 * <pre>{@code
 * CertificateAuthority ca = CertificateAuthority.create(CaSpec.named("My New CA"));
 * HostCredential host = ca.sign(HostSpec.named("leuchtturm1").network("10.10.10.1/24"));
 * ca.writeTo(dir);      // ca.crt + ca.key, mode 0600, never overwriting
 * host.writeTo(dir);    // leuchtturm1.crt + leuchtturm1.key
 * }</pre>
 *
 * <p>Keep {@code ca.key} off the hosts, ideally encrypted ({@link #writeEncryptedTo}).
 */
public final class CertificateAuthority {
  private final Certificate certificate;
  private final PrivateKey key;
  private final Clock clock;

  private CertificateAuthority(Certificate certificate, PrivateKey key, Clock clock) {
    this.certificate = certificate;
    this.key = key;
    this.clock = clock;
  }

  /** Creates a new CA with a fresh key, as {@code nebula-cert ca}. */
  public static CertificateAuthority create(CaSpec spec) {
    return create(spec, Clock.systemUTC());
  }

  /** Creates a new CA; {@code clock} gives "now" when the spec has no start time. */
  public static CertificateAuthority create(CaSpec spec, Clock clock) {
    Objects.requireNonNull(spec, "spec");
    Instant start = spec.notBefore() != null ? spec.notBefore() : clock.instant();
    Instant end = start.plus(spec.validity());
    PrivateKey key = PrivateKey.generate(KeyType.signing(spec.curve()));
    RawCertificateV1 unsigned = new RawCertificateV1(spec.name(), pairs(spec.networks()),
        pairs(spec.unsafeNetworks()), spec.groups(), start.getEpochSecond(),
        end.getEpochSecond(), key.publicKey().bytes(), true, new byte[0],
        spec.curve().protoValue(), new byte[0]);
    return new CertificateAuthority(signed(unsigned, key), key, clock);
  }

  /**
   * An existing CA from its certificate and key. The certificate must be a CA and the key its
   * signing key.
   */
  public static CertificateAuthority of(Certificate certificate, PrivateKey key) {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(key, "key");
    if (!certificate.isCa()) {
      throw new CertVerificationException(Reason.NOT_CA,
          certificate.name() + ": certificate is not a CA");
    }
    certificate.verifyPrivateKey(key);
    return new CertificateAuthority(certificate, key, Clock.systemUTC());
  }

  /** An existing CA from PEM text of its certificate and (unencrypted) key. */
  public static CertificateAuthority fromPem(String certificatePem, String keyPem) {
    return of(Certificate.fromPem(certificatePem), PrivateKey.fromPem(keyPem));
  }

  /**
   * Reads {@code ca.crt} and {@code ca.key}; an encrypted key is decrypted with {@code
   * passphrase} (which may be null for unencrypted keys). Errors name the file.
   */
  public static CertificateAuthority read(Path certificateFile, Path keyFile, byte[] passphrase)
      throws IOException {
    byte[] keyBytes = Files.readAllBytes(keyFile);
    PrivateKey key;
    try {
      key = passphrase != null && PrivateKey.isEncryptedPem(keyBytes)
          ? PrivateKey.decryptPem(keyBytes, passphrase)
          : PrivateKey.fromPem(keyBytes);
    } catch (CertFormatException e) {
      throw new CertFormatException(keyFile + ": " + e.getMessage(), e);
    } finally {
      java.util.Arrays.fill(keyBytes, (byte) 0);
    }
    Certificate cert;
    try {
      cert = Certificate.fromPem(Files.readAllBytes(certificateFile));
    } catch (CertFormatException e) {
      throw new CertFormatException(certificateFile + ": " + e.getMessage(), e);
    }
    return of(cert, key);
  }

  /** This CA with another clock for "now" (signing time, expiry check). */
  public CertificateAuthority withClock(Clock clock) {
    return new CertificateAuthority(certificate, key, Objects.requireNonNull(clock, "clock"));
  }

  public Certificate certificate() {
    return certificate;
  }

  public PrivateKey privateKey() {
    return key;
  }

  public Curve curve() {
    return certificate.curve();
  }

  /** Signs a host certificate for a fresh key pair of the CA's curve. */
  public HostCredential sign(HostSpec spec) {
    PrivateKey hostKey = PrivateKey.generate(KeyType.agreement(curve()));
    return new HostCredential(sign(spec, hostKey.publicKey()), hostKey);
  }

  /**
   * Signs a host certificate for an existing public key (Go's {@code -in-pub}); the private key
   * never leaves the host.
   *
   * @throws ConstraintViolationException if the CA's limits forbid the spec
   * @throws CertVerificationException with {@link Reason#CA_EXPIRED} if the CA is expired
   * @throws KeyMismatchException if {@code hostKey} is not a key-agreement key of the CA's curve
   */
  public Certificate sign(HostSpec spec, PublicKey hostKey) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(hostKey, "hostKey");
    if (hostKey.curve() != curve()) {
      throw new KeyMismatchException("curve of in-pub does not match ca (key " + hostKey.curve()
          + ", CA " + curve() + ")");
    }
    if (hostKey.type().isSigning()) {
      throw new KeyMismatchException("host certificates need a key-agreement public key ("
          + KeyType.agreement(curve()) + "), got a " + hostKey.type() + " key");
    }
    Instant now = clock.instant();
    if (certificate.isExpired(now)) {
      throw new CertVerificationException(Reason.CA_EXPIRED, "ca certificate is expired");
    }
    if (spec.networks().isEmpty()) {
      throw new IllegalArgumentException("host certificate '" + spec.name()
          + "' needs a network (HostSpec.network)");
    }
    Instant start = spec.notBefore() != null ? spec.notBefore() : now;
    Instant end = spec.validity() != null
        ? start.plus(spec.validity())
        : certificate.notAfter().minusSeconds(1);
    Instant startSec = Instant.ofEpochSecond(start.getEpochSecond());
    Instant endSec = Instant.ofEpochSecond(end.getEpochSecond());
    CaConstraints.check(certificate, startSec, endSec, spec.groups(), spec.networks(),
        spec.unsafeNetworks());
    RawCertificateV1 unsigned = new RawCertificateV1(spec.name(), pairs(spec.networks()),
        pairs(spec.unsafeNetworks()), spec.groups(), startSec.getEpochSecond(),
        endSec.getEpochSecond(), hostKey.bytes(), false, certificate.fingerprint().bytes(),
        curve().protoValue(), new byte[0]);
    return signed(unsigned, key);
  }

  /** Writes {@code ca.crt} and {@code ca.key} into {@code dir} (0600, never overwriting). */
  public void writeTo(Path dir) throws IOException {
    writeTo(dir.resolve("ca.crt"), dir.resolve("ca.key"));
  }

  /** Writes the certificate and the unencrypted key (0600, never overwriting). */
  public void writeTo(Path certificateFile, Path keyFile) throws IOException {
    writeFiles(certificateFile, keyFile,
        key.toPem(InsecureSecretKeyAccess.get()).getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Writes the certificate and the key encrypted with {@code passphrase} (Argon2id with {@code
   * params}, AES-256-GCM), as {@code nebula-cert ca -encrypt}.
   */
  public void writeEncryptedTo(Path certificateFile, Path keyFile, byte[] passphrase,
      Argon2Parameters params) throws IOException {
    writeFiles(certificateFile, keyFile,
        key.toEncryptedPem(passphrase, params).getBytes(StandardCharsets.US_ASCII));
  }

  private void writeFiles(Path certificateFile, Path keyFile, byte[] keyPem) throws IOException {
    if (Files.exists(keyFile)) {
      throw new FileAlreadyExistsException(keyFile.toString(), null,
          "refusing to overwrite existing CA key");
    }
    if (Files.exists(certificateFile)) {
      throw new FileAlreadyExistsException(certificateFile.toString(), null,
          "refusing to overwrite existing CA cert");
    }
    SecureFiles.writeNew(keyFile, keyPem);
    SecureFiles.writeNew(certificateFile, certificate.toPem().getBytes(StandardCharsets.US_ASCII));
  }

  private static Certificate signed(RawCertificateV1 unsigned, PrivateKey signingKey) {
    byte[] sig = signingKey.sign(CertificateV1Codec.marshalDetails(unsigned, true));
    return new CertificateV1(unsigned.withSignature(sig), "");
  }

  private static int[] pairs(List<IpNetwork> networks) {
    int[] out = new int[networks.size() * 2];
    for (int i = 0; i < networks.size(); i++) {
      out[2 * i] = networks.get(i).ipv4Address();
      out[2 * i + 1] = networks.get(i).ipv4Netmask();
    }
    return out;
  }

  @Override
  public String toString() {
    return "CertificateAuthority[" + certificate.name() + " " + certificate.fingerprint() + "]";
  }
}
