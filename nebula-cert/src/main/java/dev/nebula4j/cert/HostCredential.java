package dev.nebula4j.cert;

import dev.nebula4j.internal.cert.SecureFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A host's identity: its certificate and the matching key-agreement private key ({@code
 * pki.cert} and {@code pki.key}). The pair is checked on construction.
 *
 * <pre>{@code
 * HostCredential me = HostCredential.fromPem(certPem, keyPem);
 * byte[] dhPrivate = me.privateKey().secret().toByteArray(InsecureSecretKeyAccess.get());
 * Curve curve = me.curve();
 * }</pre>
 */
public final class HostCredential {
  private final Certificate certificate;
  private final PrivateKey privateKey;

  HostCredential(Certificate certificate, PrivateKey privateKey) {
    this.certificate = certificate;
    this.privateKey = privateKey;
  }

  /**
   * Pairs a host certificate with its private key.
   *
   * @throws KeyMismatchException if the key is not the certificate's key-agreement key
   * @throws CertVerificationException if the certificate is a CA certificate
   */
  public static HostCredential of(Certificate certificate, PrivateKey privateKey) {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
    if (certificate.isCa()) {
      throw new CertVerificationException(CertVerificationException.Reason.NOT_CA,
          certificate.name() + ": a CA certificate cannot be used as a host certificate");
    }
    certificate.verifyPrivateKey(privateKey);
    return new HostCredential(certificate, privateKey);
  }

  /** From PEM text (inline {@code pki.cert} / {@code pki.key}). */
  public static HostCredential fromPem(String certificatePem, String privateKeyPem) {
    return of(Certificate.fromPem(certificatePem), PrivateKey.fromPem(privateKeyPem));
  }

  /** Reads the two files; errors name the file. */
  public static HostCredential read(Path certificateFile, Path keyFile) throws IOException {
    Certificate cert;
    try {
      cert = Certificate.fromPem(Files.readAllBytes(certificateFile));
    } catch (CertFormatException e) {
      throw new CertFormatException(certificateFile + ": " + e.getMessage(), e);
    }
    byte[] keyBytes = Files.readAllBytes(keyFile);
    PrivateKey key;
    try {
      key = PrivateKey.fromPem(keyBytes);
    } catch (CertFormatException e) {
      throw new CertFormatException(keyFile + ": " + e.getMessage(), e);
    } finally {
      java.util.Arrays.fill(keyBytes, (byte) 0);
    }
    return of(cert, key);
  }

  public Certificate certificate() {
    return certificate;
  }

  public PrivateKey privateKey() {
    return privateKey;
  }

  public Curve curve() {
    return certificate.curve();
  }

  /** Writes {@code <name>.crt} and {@code <name>.key} into {@code dir} (0600, never overwriting). */
  public void writeTo(Path dir) throws IOException {
    writeTo(dir.resolve(certificate.name() + ".crt"), dir.resolve(certificate.name() + ".key"));
  }

  /** Writes the certificate and key files (0600, never overwriting). */
  public void writeTo(Path certificateFile, Path keyFile) throws IOException {
    if (Files.exists(certificateFile)) {
      throw new FileAlreadyExistsException(certificateFile.toString(), null,
          "refusing to overwrite existing cert");
    }
    if (Files.exists(keyFile)) {
      throw new FileAlreadyExistsException(keyFile.toString(), null,
          "refusing to overwrite existing key");
    }
    SecureFiles.writeNew(keyFile,
        privateKey.toPem(InsecureSecretKeyAccess.get()).getBytes(StandardCharsets.US_ASCII));
    SecureFiles.writeNew(certificateFile, certificate.toPem().getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public String toString() {
    return "HostCredential[" + certificate + ", key redacted]";
  }
}
