package dev.nebula4j.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PemShapeTest {
  private static final String BLOCK =
      "-----BEGIN NEBULA CERTIFICATE-----\nAAECAwQ=\n-----END NEBULA CERTIFICATE-----\n";

  @Test
  void wellFormedBlocksPass() {
    assertThat(PemShape.problem(BLOCK)).isNull();
    assertThat(PemShape.problem(BLOCK + "\n" + BLOCK + "  \n")).isNull();
  }

  @Test
  void textBeforeABlockIsSkippedAsGoSkipsIt() {
    assertThat(PemShape.problem("# the CA of 2026\n" + BLOCK)).isNull();
  }

  @Test
  void noBlockOrTrailingGarbageIsWhatGoRefuses() {
    assertThat(PemShape.problem("-----BEGIN NEBULA CERTIFICATE-----\nnot base64!\n"
        + "-----END NEBULA CERTIFICATE-----\n")).startsWith("no valid PEM block");
    assertThat(PemShape.problem("-----BEGIN NEBULA CERTIFICATE-----\nAAAA\n"))
        .startsWith("no valid PEM block");
    assertThat(PemShape.problem(BLOCK + BLOCK + "trailing words\n"))
        .isEqualTo("the text after PEM block 2 is not a valid PEM block");
  }
}
