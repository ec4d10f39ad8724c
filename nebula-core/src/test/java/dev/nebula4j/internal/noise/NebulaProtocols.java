package dev.nebula4j.internal.noise;

import dev.nebula4j.internal.crypto.AeadAlgorithm;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Nebula's four Noise protocols (X25519 and P-256, each with AES-256-GCM and ChaCha20-Poly1305),
 * for parameterised tests: {@code @MethodSource("dev.nebula4j.internal.noise.NebulaProtocols#all")}.
 */
public final class NebulaProtocols {
  private NebulaProtocols() {}

  public static Stream<NoiseProtocol> all() {
    List<NoiseProtocol> out = new ArrayList<>();
    for (DhFunction dh : List.of(DhFunction.X25519, DhFunction.P256)) {
      for (AeadAlgorithm cipher : AeadAlgorithm.values()) {
        out.add(NoiseProtocol.nebula(dh, cipher));
      }
    }
    return out.stream();
  }
}
