package dev.nebula4j.cert;

import dev.nebula4j.cert.CertVerificationException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The CAs a node trusts ({@code pki.ca}, a bundle of PEM certificates) and the host certificates
 * it refuses ({@code pki.blocklist}). Immutable: a reload builds a new pool.
 *
 * <p>Every CA must be a self-signed CA certificate. Expired CAs stay in the pool (Go keeps them
 * and warns); {@link #expired(Instant)} reports them and {@link #hasUsableCa(Instant)} tells
 * whether any is left to start with.
 *
 * <pre>{@code
 * CaPool pool = CaPool.fromPem(Files.readString(Path.of("/etc/nebula/ca.crt")))
 *     .withBlocklist(List.of(Fingerprint.fromHex("...")));
 * VerifiedCertificate peer = pool.verify(peerCert, Instant.now());
 * }</pre>
 */
public final class CaPool {
  private final Map<Fingerprint, Certificate> cas;
  private final Set<Fingerprint> blocklist;

  private CaPool(Map<Fingerprint, Certificate> cas, Set<Fingerprint> blocklist) {
    this.cas = cas;
    this.blocklist = blocklist;
  }

  /** A pool of the given CA certificates (each checked: CA, self-signed), no blocklist. */
  public static CaPool of(Collection<? extends Certificate> cas) {
    Map<Fingerprint, Certificate> map = new LinkedHashMap<>();
    int i = 0;
    for (Certificate c : cas) {
      i++;
      add(map, c, cas.size() > 1 ? "certificate " + i + " of the bundle" : "");
    }
    return new CaPool(Collections.unmodifiableMap(map), Set.of());
  }

  /** A pool of the given CA certificates. */
  public static CaPool of(Certificate... cas) {
    return of(List.of(cas));
  }

  /** A pool from a PEM bundle (concatenated {@code NEBULA CERTIFICATE} blocks). */
  public static CaPool fromPem(String bundle) {
    return of(Certificate.listFromPem(bundle));
  }

  /** A pool from PEM bundle bytes. */
  public static CaPool fromPem(byte[] bundle) {
    return of(Certificate.listFromPem(bundle));
  }

  /** A pool from a PEM bundle file; errors name the file. */
  public static CaPool read(Path file) throws IOException {
    byte[] data = Files.readAllBytes(file);
    try {
      return fromPem(data);
    } catch (CertVerificationException e) {
      throw new CertVerificationException(e.reason(), file + ": " + e.getMessage());
    } catch (CertFormatException e) {
      throw new CertFormatException(file + ": " + e.getMessage(), e);
    }
  }

  private static void add(Map<Fingerprint, Certificate> map, Certificate c, String where) {
    Objects.requireNonNull(c, "certificate");
    String suffix = where.isEmpty() ? "" : " (" + where + ")";
    if (!c.isCa()) {
      throw new CertVerificationException(Reason.NOT_CA,
          c.name() + ": certificate is not a CA" + suffix);
    }
    if (!c.checkSignature(c.publicKey())) {
      throw new CertVerificationException(Reason.NOT_SELF_SIGNED,
          c.name() + ": certificate is not self-signed" + suffix);
    }
    map.put(c.fingerprint(), c);
  }

  /** This pool with {@code fingerprints} as its blocklist (replacing any previous one). */
  public CaPool withBlocklist(Collection<Fingerprint> fingerprints) {
    return new CaPool(cas, Collections.unmodifiableSet(new TreeSet<>(fingerprints)));
  }

  /** This pool with one more CA. */
  public CaPool with(Certificate ca) {
    Map<Fingerprint, Certificate> map = new LinkedHashMap<>(cas);
    add(map, ca, "");
    return new CaPool(Collections.unmodifiableMap(map), blocklist);
  }

  /** The CAs, in the order they were added (a re-added CA keeps its first place). */
  public List<Certificate> certificates() {
    return List.copyOf(cas.values());
  }

  /** The CA with this fingerprint. */
  public Optional<Certificate> get(Fingerprint fingerprint) {
    return Optional.ofNullable(cas.get(fingerprint));
  }

  /** The CA that issued {@code cert} according to its issuer field; no signature check. */
  public Optional<Certificate> issuerOf(Certificate cert) {
    return cert.issuer().map(cas::get);
  }

  public Set<Fingerprint> blocklist() {
    return blocklist;
  }

  public boolean isBlocklisted(Fingerprint fingerprint) {
    return blocklist.contains(fingerprint);
  }

  /** CAs that are expired (or not yet valid) at {@code now}; Go warns about each at startup. */
  public List<Certificate> expired(Instant now) {
    List<Certificate> out = new ArrayList<>();
    for (Certificate c : cas.values()) {
      if (c.isExpired(now)) {
        out.add(c);
      }
    }
    return out;
  }

  /** Whether at least one CA is valid at {@code now} (a node refuses to start otherwise). */
  public boolean hasUsableCa(Instant now) {
    return expired(now).size() < cas.size();
  }

  /**
   * Verifies {@code cert} at {@code now}, in Go's order: blocklist, issuer known, same curve, CA
   * not expired, certificate not expired, signature, CA constraints, then the P-256 twin
   * fingerprint against the blocklist.
   *
   * @throws CertVerificationException with the {@link Reason}; {@link
   *     ConstraintViolationException} for CA constraints
   */
  public VerifiedCertificate verify(Certificate cert, Instant now) {
    Objects.requireNonNull(cert, "cert");
    Objects.requireNonNull(now, "now");
    if (blocklist.contains(cert.fingerprint())) {
      throw new CertVerificationException(Reason.BLOCKLISTED, "certificate has been blocked");
    }
    Certificate signer = signerOf(cert);
    requireValidAt(signer, cert, now);
    if (!cert.checkSignature(signer.publicKey())) {
      throw new CertVerificationException(Reason.SIGNATURE_MISMATCH,
          "certificate signature did not match");
    }
    CaConstraints.check(signer, cert.notBefore(), cert.notAfter(), cert.groups(), cert.networks(),
        cert.unsafeNetworks());
    VerifiedCertificate verified = new VerifiedCertificate(cert, signer);
    requireNotBlocked(verified);
    return verified;
  }

  /**
   * The cheap re-check of an earlier result (Go's {@code VerifyCachedCertificate}): blocklist
   * (both fingerprints), its CA still in this pool and unchanged, CA and certificate not expired.
   * The signature is not recomputed.
   */
  public void reverify(VerifiedCertificate verified, Instant now) {
    Certificate cert = verified.certificate();
    requireNotBlocked(verified);
    Certificate signer = signerOf(cert);
    requireValidAt(signer, cert, now);
    if (!signer.fingerprint().equals(verified.issuerFingerprint())) {
      throw new CertVerificationException(Reason.CA_CHANGED,
          "certificate fingerprint did not match");
    }
  }

  /** Both fingerprints (the P-256 twin too) against the blocklist. */
  private void requireNotBlocked(VerifiedCertificate verified) {
    if (blocklist.contains(verified.fingerprint())
        || verified.alternateFingerprint().map(blocklist::contains).orElse(false)) {
      throw new CertVerificationException(Reason.BLOCKLISTED, "certificate has been blocked");
    }
  }

  private static void requireValidAt(Certificate signer, Certificate cert, Instant now) {
    if (signer.isExpired(now)) {
      throw new CertVerificationException(Reason.CA_EXPIRED, "root certificate is expired");
    }
    if (cert.isExpired(now)) {
      throw new CertVerificationException(Reason.EXPIRED, "certificate is expired");
    }
  }

  private Certificate signerOf(Certificate cert) {
    Optional<Fingerprint> issuer = cert.issuer();
    if (issuer.isEmpty()) {
      throw new CertVerificationException(Reason.NO_ISSUER, "no issuer in certificate");
    }
    Certificate signer = cas.get(issuer.get());
    if (signer == null) {
      throw new CertVerificationException(Reason.UNKNOWN_CA,
          "could not find ca for the certificate");
    }
    if (signer.curve() != cert.curve()) {
      throw new CertVerificationException(Reason.CURVE_MISMATCH,
          "certificate curve does not match CA");
    }
    return signer;
  }

  @Override
  public String toString() {
    return "CaPool[" + cas.size() + " CAs, " + blocklist.size() + " blocklisted]";
  }
}
