package dev.nebula4j.cert;

import java.util.Objects;
import java.util.Optional;

/**
 * A certificate that {@link CaPool#verify} accepted, with what later checks need: its
 * fingerprints and the CA that issued it (whose name is a firewall rule's {@code ca_name}).
 * Re-check it cheaply with {@link CaPool#reverify} (connection manager, blocklist reloads).
 */
public final class VerifiedCertificate {
  private final Certificate certificate;
  private final Fingerprint fingerprint;
  private final Fingerprint alternateFingerprint;
  private final Certificate issuer;
  private final Fingerprint issuerFingerprint;

  VerifiedCertificate(Certificate certificate, Certificate issuer) {
    this.certificate = Objects.requireNonNull(certificate, "certificate");
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.fingerprint = certificate.fingerprint();
    this.alternateFingerprint = certificate.alternateFingerprint().orElse(null);
    this.issuerFingerprint = issuer.fingerprint();
  }

  public Certificate certificate() {
    return certificate;
  }

  public Fingerprint fingerprint() {
    return fingerprint;
  }

  /** The P-256 twin fingerprint (see {@link Certificate#alternateFingerprint()}). */
  public Optional<Fingerprint> alternateFingerprint() {
    return Optional.ofNullable(alternateFingerprint);
  }

  /** The CA certificate that signed it. */
  public Certificate issuer() {
    return issuer;
  }

  public Fingerprint issuerFingerprint() {
    return issuerFingerprint;
  }

  /** The issuing CA's name (firewall {@code ca_name}). */
  public String issuerName() {
    return issuer.name();
  }

  @Override
  public String toString() {
    return "VerifiedCertificate[" + certificate.name() + " " + fingerprint + ", issuer "
        + issuer.name() + " " + issuerFingerprint + "]";
  }
}
