package dev.nebula4j.cert;

/**
 * A passphrase-protected CA key could not be used: it needs a passphrase, the passphrase is wrong
 * or the data is corrupt, or its encryption parameters are unsupported.
 */
public class EncryptedKeyException extends CertException {
  private static final long serialVersionUID = 1L;

  private final boolean passphraseRequired;

  public EncryptedKeyException(String message) {
    this(message, false);
  }

  public EncryptedKeyException(String message, boolean passphraseRequired) {
    super(message);
    this.passphraseRequired = passphraseRequired;
  }

  /** True when the key was read without a passphrase but is encrypted (Go's "must be decrypted"). */
  public boolean passphraseRequired() {
    return passphraseRequired;
  }
}
