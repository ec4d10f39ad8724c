package dev.nebula4j.cert;

/**
 * Argon2id cost parameters for passphrase-protected CA keys (Go nebula's {@code
 * nebula-cert ca -encrypt}). The salt is random per encryption and stored with the key.
 *
 * @param memoryKiB memory in KiB, 1 .. 2^32-1
 * @param iterations passes over memory, 1 .. 2^32-1
 * @param parallelism lanes, 1 .. 255
 */
public record Argon2Parameters(long memoryKiB, long iterations, int parallelism) {
  /**
   * Go's defaults for {@code -encrypt}: 2 GiB of memory, 1 iteration, 4 lanes. Deriving a key
   * with them takes a couple of seconds and needs a JVM heap above 2 GiB.
   */
  public static final Argon2Parameters DEFAULT = new Argon2Parameters(2L * 1024 * 1024, 1, 4);

  public Argon2Parameters {
    if (memoryKiB <= 0 || memoryKiB > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(
          "-argon-memory must be be greater than 0 and no more than 4294967295 KiB");
    }
    if (parallelism <= 0 || parallelism > 255) {
      throw new IllegalArgumentException(
          "-argon-parallelism must be be greater than 0 and no more than 255");
    }
    if (iterations <= 0 || iterations > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(
          "-argon-iterations must be be greater than 0 and no more than 4294967295");
    }
  }
}
