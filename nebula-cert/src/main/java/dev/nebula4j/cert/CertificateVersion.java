package dev.nebula4j.cert;

/**
 * Certificate format versions. Version 1 (protobuf, IPv4 only) is what nebula 1.6.1 speaks;
 * version 2 (ASN.1, nebula 1.10+) will be added as a second {@link Certificate} implementation.
 */
public enum CertificateVersion {
  /** Protobuf {@code RawNebulaCertificate}, PEM banner {@code NEBULA CERTIFICATE}. */
  V1
}
