package dev.nebula4j.cert;

/**
 * The token every read of raw private key bytes must present, so that each such read is visible
 * in review and easy to find: {@code grep -rn InsecureSecretKeyAccess}. It grants nothing by
 * itself; it marks intent.
 *
 * <pre>{@code
 * byte[] scalar = hostKey.secret().toByteArray(InsecureSecretKeyAccess.get());
 * }</pre>
 */
public final class InsecureSecretKeyAccess {
  private static final InsecureSecretKeyAccess INSTANCE = new InsecureSecretKeyAccess();

  private InsecureSecretKeyAccess() {}

  /** The token. Call it only where raw secret bytes really must leave their wrapper. */
  public static InsecureSecretKeyAccess get() {
    return INSTANCE;
  }

  @Override
  public String toString() {
    return "InsecureSecretKeyAccess";
  }
}
