package dev.nebula4j.internal.noise;

import dev.nebula4j.internal.crypto.AeadAlgorithm;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A concrete Noise protocol: pattern, DH function and cipher, always with SHA-256 and without PSK.
 * Nebula's four are {@code Noise_IX_25519_AESGCM_SHA256} (default), {@code
 * Noise_IX_25519_ChaChaPoly_SHA256}, {@code Noise_IX_P256_AESGCM_SHA256} and {@code
 * Noise_IX_P256_ChaChaPoly_SHA256} (spec §3.1).
 *
 * @param pattern the handshake pattern
 * @param dh the DH function
 * @param cipher the AEAD
 */
public record NoiseProtocol(HandshakePattern pattern, DhFunction dh, AeadAlgorithm cipher) {
  private static final String HASH_NAME = "SHA256";

  public NoiseProtocol {
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(dh, "dh");
    Objects.requireNonNull(cipher, "cipher");
  }

  /** Nebula's IX protocol for a curve and cipher. */
  public static NoiseProtocol nebula(DhFunction dh, AeadAlgorithm cipher) {
    return new NoiseProtocol(HandshakePattern.IX, dh, cipher);
  }

  /**
   * Parses a protocol name such as {@code Noise_XX_25519_ChaChaPoly_SHA256}.
   *
   * @throws IllegalArgumentException for names outside what is implemented here
   */
  public static NoiseProtocol parse(String name) {
    String[] parts = name.split("_", -1);
    if (parts.length != 5 || !parts[0].equals("Noise")) {
      throw new IllegalArgumentException(
          "not a Noise protocol name of the form Noise_PATTERN_DH_CIPHER_HASH: " + name);
    }
    if (!parts[4].equals(HASH_NAME)) {
      throw new IllegalArgumentException("only SHA256 is implemented, not " + parts[4]);
    }
    HandshakePattern pattern;
    try {
      pattern = HandshakePattern.valueOf(parts[1]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unsupported handshake pattern " + parts[1], e);
    }
    return new NoiseProtocol(
        pattern, DhFunction.forNoiseName(parts[2]), AeadAlgorithm.forNoiseName(parts[3]));
  }

  /** The protocol name, mixed into the handshake hash. */
  public String name() {
    return "Noise_" + pattern.name() + "_" + dh.noiseName() + "_" + cipher.noiseName() + "_"
        + HASH_NAME;
  }

  byte[] nameBytes() {
    return name().getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public String toString() {
    return name();
  }
}
