package dev.nebula4j.interop.harness;

import dev.nebula4j.cert.CaSpec;
import dev.nebula4j.cert.CertificateAuthority;
import dev.nebula4j.cert.HostCredential;
import dev.nebula4j.cert.HostSpec;
import dev.nebula4j.cert.InsecureSecretKeyAccess;
import java.util.List;

/**
 * A {@link CertificateIssuer} backed by nebula4j's own certificate library ({@link
 * CertificateAuthority}): Java-made CA and host certificates, for checking that Go nodes accept
 * them. The CA lives only in memory.
 */
public final class JavaCertIssuer implements CertificateIssuer {
  private final CertificateAuthority ca;

  private JavaCertIssuer(CertificateAuthority ca) {
    this.ca = ca;
  }

  /** A new CA with default validity (one year), as {@code nebula-cert ca -name caName}. */
  public static JavaCertIssuer create(String caName) {
    return new JavaCertIssuer(CertificateAuthority.create(CaSpec.named(caName)));
  }

  /** Issues from an existing CA. */
  public static JavaCertIssuer of(CertificateAuthority ca) {
    return new JavaCertIssuer(ca);
  }

  /** The CA. */
  public CertificateAuthority authority() {
    return ca;
  }

  @Override
  public HostCredentials issue(CertificateRequest request) {
    HostCredential host =
        ca.sign(
            HostSpec.named(request.name())
                .networks(List.of(request.overlay()))
                .groups(request.groups())
                .unsafeNetworks(request.subnets()));
    return new HostCredentials(
        request,
        caCertificatePem(),
        host.certificate().toPem(),
        host.privateKey().toPem(InsecureSecretKeyAccess.get()));
  }

  @Override
  public String caCertificatePem() {
    return ca.certificate().toPem();
  }

  @Override
  public String toString() {
    return "nebula4j CA '" + ca.certificate().name() + "'";
  }
}
