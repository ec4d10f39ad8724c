package dev.nebula4j.cert;

/**
 * Root of every exception this module throws: malformed PEM or certificate bytes, bad keys,
 * refused signing requests, failed verification. Messages say what was wrong and where (file,
 * banner, field, constraint).
 */
public class CertException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CertException(String message) {
    super(message);
  }

  public CertException(String message, Throwable cause) {
    super(message, cause);
  }
}
