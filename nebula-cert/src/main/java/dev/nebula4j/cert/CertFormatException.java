package dev.nebula4j.cert;

/**
 * Input that is not a well-formed certificate, key or PEM block: wrong banner, bad base64,
 * truncated or malformed protobuf, a field with an impossible value. The message names the
 * banner, block or field.
 */
public class CertFormatException extends CertException {
  private static final long serialVersionUID = 1L;

  public CertFormatException(String message) {
    super(message);
  }

  public CertFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
