package dev.nebula4j.internal.cert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** PEM armour with Go's encoding/pem rules. */
class PemCodecTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void encodesWith64CharacterLines() {
    byte[] payload = new byte[100];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) i;
    }
    String pem = PemCodec.encode("NEBULA CERTIFICATE", payload);
    String[] lines = pem.split("\n");
    assertThat(lines[0]).isEqualTo("-----BEGIN NEBULA CERTIFICATE-----");
    assertThat(lines[1]).hasSize(64);
    assertThat(lines[2]).hasSize(64);
    assertThat(lines[3]).hasSize(136 - 128);
    assertThat(lines[4]).isEqualTo("-----END NEBULA CERTIFICATE-----");
    assertThat(pem).endsWith("-----\n");
    PemBlock back = PemCodec.decode(b(pem), 0);
    assertThat(back.type()).isEqualTo("NEBULA CERTIFICATE");
    assertThat(back.bytes()).isEqualTo(payload);
    assertThat(back.end()).isEqualTo(pem.length());
    assertThat(PemCodec.encode("X", new byte[0])).isEqualTo("-----BEGIN X-----\n-----END X-----\n");
  }

  @Test
  void acceptsWhatGoAccepts() {
    String body = "AAEC\r\n AwQF\t\n";
    // text before the block, CRLF, blanks in base64, header lines, trailing blanks
    PemBlock p = PemCodec.decode(b("junk line\n-----BEGIN T-----  \r\nProc-Type: 4\n\n" + body
        + "-----END T-----   \nrest"), 0);
    assertThat(p).isNotNull();
    assertThat(p.bytes()).containsExactly(0, 1, 2, 3, 4, 5);
    // the block without a final newline, empty payload directly followed by END
    assertThat(PemCodec.decode(b("-----BEGIN T-----\nAAEC\n-----END T-----"), 0).bytes())
        .containsExactly(0, 1, 2);
    assertThat(PemCodec.decode(b("-----BEGIN T-----\n-----END T-----\n"), 0).bytes()).isEmpty();
    // a broken block is skipped and the next one found
    PemBlock second = PemCodec.decode(b("-----BEGIN A-----\nAAEC\n-----END B-----\n"
        + "-----BEGIN C-----\nAAEC\n-----END C-----\n"), 0);
    assertThat(second.type()).isEqualTo("C");
  }

  @Test
  void refusesWhatGoRefuses() {
    assertThat(PemCodec.decode(b(""), 0)).isNull();
    assertThat(PemCodec.decode(b("no pem here"), 0)).isNull();
    assertThat(PemCodec.decode(b("x-----BEGIN T-----\nAAEC\n-----END T-----\n"), 0)).isNull();
    assertThat(PemCodec.decode(b("-----BEGIN T-----\nAAE\n-----END T-----\n"), 0)).isNull();
    assertThat(PemCodec.decode(b("-----BEGIN T-----\nAA*C\n-----END T-----\n"), 0)).isNull();
    assertThat(PemCodec.decode(b("-----BEGIN T-----\nAAEC\n-----END T----- x\n"), 0)).isNull();
    assertThat(PemCodec.decode(b("-----BEGIN T-----\nAAEC\n"), 0)).isNull();
    assertThat(PemCodec.decode(b("-----BEGIN T----\nAAEC\n-----END T----\n"), 0)).isNull();
    assertThat(PemCodec.decode(b("-BEGIN T-----\nAAEC\n-END T-----\n"), 0)).isNull();
  }

  @Test
  void bundlesAreReadBlockByBlock() {
    String one = PemCodec.encode("A", new byte[] {1});
    String two = PemCodec.encode("B", new byte[] {2});
    byte[] all = b(one + "\n\n" + two + "  \n");
    PemBlock first = PemCodec.decode(all, 0);
    assertThat(first.type()).isEqualTo("A");
    assertThat(PemCodec.isBlank(all, first.end())).isFalse();
    PemBlock next = PemCodec.decode(all, first.end());
    assertThat(next.type()).isEqualTo("B");
    assertThat(PemCodec.isBlank(all, next.end())).isTrue();
  }
}
