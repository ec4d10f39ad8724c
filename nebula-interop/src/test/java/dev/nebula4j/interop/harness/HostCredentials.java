package dev.nebula4j.interop.harness;

import dev.nebula4j.net.IpNetwork;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;

/**
 * A host's PKI material as PEM text, the three files of a {@code pki:} section: the CA
 * certificate(s) to trust, the host certificate and its private key. {@code toString()} leaves the
 * key out.
 *
 * @param request what the certificate says
 * @param caCertificatePem PEM of the trusted CA certificate(s)
 * @param certificatePem PEM of the host certificate
 * @param privateKeyPem PEM of the host private key
 */
public record HostCredentials(
    CertificateRequest request, String caCertificatePem, String certificatePem, String privateKeyPem) {

  public HostCredentials {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(caCertificatePem, "caCertificatePem");
    Objects.requireNonNull(certificatePem, "certificatePem");
    Objects.requireNonNull(privateKeyPem, "privateKeyPem");
  }

  /** Paths of the written PEM files. */
  public record PkiFiles(Path ca, Path cert, Path key) {}

  /** The certificate name. */
  public String name() {
    return request.name();
  }

  /** The overlay address with its network, e.g. {@code 10.10.10.2/24}. */
  public IpNetwork overlay() {
    return request.overlay();
  }

  /**
   * Writes {@code ca.crt}, {@code host.crt} and {@code host.key} (mode 0600) into {@code dir}.
   */
  public PkiFiles writeTo(Path dir) {
    PkiFiles files = pkiFiles(dir);
    try {
      Files.createDirectories(dir);
      Path ca = files.ca();
      Path cert = files.cert();
      Path key = files.key();
      Files.writeString(ca, caCertificatePem, StandardCharsets.UTF_8);
      Files.writeString(cert, certificatePem, StandardCharsets.UTF_8);
      Files.deleteIfExists(key);
      Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(key, privateKeyPem, StandardCharsets.UTF_8);
      return new PkiFiles(ca, cert, key);
    } catch (IOException e) {
      throw new HarnessException("cannot write the PKI files of " + name() + " to " + dir + ": " + e, e);
    }
  }

  /** Where {@link #writeTo} puts the files in {@code dir}. */
  public static PkiFiles pkiFiles(Path dir) {
    return new PkiFiles(dir.resolve("ca.crt"), dir.resolve("host.crt"), dir.resolve("host.key"));
  }

  @Override
  public String toString() {
    return "HostCredentials[" + request + ", key=(redacted)]";
  }
}
