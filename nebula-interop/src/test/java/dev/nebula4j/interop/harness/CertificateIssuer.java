package dev.nebula4j.interop.harness;

/**
 * Where a test gets certificates from: the seam between the harness and whoever makes the PKI.
 * {@link NebulaCertIssuer} uses Debian's {@code /usr/bin/nebula-cert}; an issuer backed by
 * nebula4j's own certificate library plugs in here, so the same test can run Go nodes on Java-made
 * certificates (and the reverse).
 *
 * <p>All credentials of one issuer trust the same CA.
 */
public interface CertificateIssuer {

  /** Signs a host certificate (with a fresh key pair) for {@code request}. */
  HostCredentials issue(CertificateRequest request);

  /** PEM of the CA certificate(s) every host of this issuer trusts. */
  String caCertificatePem();

  /** Shorthand: {@code issue("leuchtturm1", "10.10.10.1/24")}. */
  default HostCredentials issue(String name, String overlayCidr, String... groups) {
    return issue(CertificateRequest.of(name, overlayCidr, groups));
  }
}
