/**
 * Nebula certificates, keys and CA pools, byte-compatible with Go nebula's {@code nebula-cert}.
 *
 * <p>Entry points:
 *
 * <ul>
 *   <li>{@link dev.nebula4j.cert.CertificateAuthority#create} and {@link
 *       dev.nebula4j.cert.CertificateAuthority#sign} with {@link dev.nebula4j.cert.CaSpec} /
 *       {@link dev.nebula4j.cert.HostSpec}: what {@code nebula-cert ca} and {@code sign} do.
 *   <li>{@link dev.nebula4j.cert.Certificate#fromPem}, {@link dev.nebula4j.cert.PrivateKey#fromPem},
 *       {@link dev.nebula4j.cert.HostCredential#fromPem}: reading {@code pki.cert}/{@code pki.key}.
 *   <li>{@link dev.nebula4j.cert.CaPool}: {@code pki.ca} and {@code pki.blocklist}; {@link
 *       dev.nebula4j.cert.CaPool#verify} checks a peer's certificate.
 * </ul>
 *
 * <p>Every failure is a {@link dev.nebula4j.cert.CertException}: {@link
 * dev.nebula4j.cert.CertFormatException} (malformed input), {@link
 * dev.nebula4j.cert.KeyMismatchException}, {@link dev.nebula4j.cert.EncryptedKeyException},
 * {@link dev.nebula4j.cert.CertVerificationException} (with a reason) and its subclass {@link
 * dev.nebula4j.cert.ConstraintViolationException} (with the violated CA constraint). Spec setters
 * reject bad values with {@link java.lang.IllegalArgumentException}.
 *
 * <p>Secrets: private key bytes are only reachable through {@link
 * dev.nebula4j.cert.SecretBytes#toByteArray} with {@link
 * dev.nebula4j.cert.InsecureSecretKeyAccess#get()}; {@code toString()} of keys is redacted.
 */
package dev.nebula4j.cert;
