package dev.nebula4j.config;

/**
 * The {@code cipher} key: the AEAD of every tunnel. It must be the same on every node of a network
 * (Go never negotiates it) and can never be changed by a reload.
 */
public enum Cipher {
  /** AES-256-GCM, Go's default. */
  AES("aes"),
  /** ChaCha20-Poly1305. */
  CHACHAPOLY("chachapoly");

  private final String configName;

  Cipher(String configName) {
    this.configName = configName;
  }

  /** The config spelling: {@code aes} or {@code chachapoly}. */
  public String configName() {
    return configName;
  }

  /**
   * Parses {@code aes} or {@code chachapoly} (exact, as Go compares).
   *
   * @throws IllegalArgumentException naming the bad value
   */
  public static Cipher parse(String value) {
    for (Cipher c : values()) {
      if (c.configName.equals(value)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "unknown cipher '" + value + "' (expected aes or chachapoly)");
  }
}
