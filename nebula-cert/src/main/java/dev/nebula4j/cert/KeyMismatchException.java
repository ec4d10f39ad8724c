package dev.nebula4j.cert;

/**
 * A private key that does not belong to the certificate or public key it was paired with, or a
 * key of the wrong curve or purpose (for example a host key where a CA key is needed).
 */
public class KeyMismatchException extends CertException {
  private static final long serialVersionUID = 1L;

  public KeyMismatchException(String message) {
    super(message);
  }
}
