package dev.nebula4j.interop.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Parsing Go nebula 1.6.1 text log lines (logrus logfmt), as printed by Debian's build. */
class NebulaLogLineTest {

  @Test
  void readyLine() {
    NebulaLogLine l =
        NebulaLogLine.parse(
            "time=\"2026-11-25T18:35:34Z\" level=info msg=\"Nebula interface is active\" build=1.6.1"
                + " interface=nebula1 network=10.10.10.2/24 udpAddr=\"0.0.0.0:4242\"");
    assertThat(l.time()).contains(Instant.parse("2026-11-25T18:35:34Z"));
    assertThat(l.level()).isEqualTo("info");
    assertThat(l.message()).isEqualTo("Nebula interface is active");
    assertThat(l.fields())
        .containsExactly(
            org.assertj.core.api.Assertions.entry("build", "1.6.1"),
            org.assertj.core.api.Assertions.entry("interface", "nebula1"),
            org.assertj.core.api.Assertions.entry("network", "10.10.10.2/24"),
            org.assertj.core.api.Assertions.entry("udpAddr", "0.0.0.0:4242"));
  }

  @Test
  void handshakeLineWithNestedMapValue() {
    NebulaLogLine l =
        NebulaLogLine.parse(
            "time=\"2026-11-25T18:35:34Z\" level=info msg=\"Handshake message received\""
                + " certName=leuchtturm1 durationNs=2639082 handshake=\"map[stage:2 style:ix_psk0]\""
                + " initiatorIndex=3602841036 remoteIndex=3602841036 responderIndex=3170477833"
                + " sentCachedPackets=1 udpAddr=\"198.18.0.2:4242\" vpnIp=10.10.10.1");
    assertThat(l.field("certName")).contains("leuchtturm1");
    assertThat(l.field("handshake")).contains("map[stage:2 style:ix_psk0]");
    assertThat(l.field("vpnIp")).contains("10.10.10.1");
    assertThat(l.field("udpAddr")).contains("198.18.0.2:4242");
    assertThat(l.field("missing")).isEmpty();
  }

  @Test
  void goEscapesInQuotedValues() {
    NebulaLogLine l =
        NebulaLogLine.parse(
            "time=\"2026-11-25T18:35:34Z\" level=error msg=\"Failed to load config\""
                + " error=\"open \\\"/etc/nebula/x.yml\\\": no such file\\n\\tdetail \\u00e9\"");
    assertThat(l.level()).isEqualTo("error");
    assertThat(l.field("error")).contains("open \"/etc/nebula/x.yml\": no such file\n\tdetail é");
  }

  @Test
  void signalLineWithBareMessage() {
    NebulaLogLine l =
        NebulaLogLine.parse("time=\"2026-11-25T18:35:45Z\" level=info msg=Goodbye");
    assertThat(l.message()).isEqualTo("Goodbye");
    assertThat(l.fields()).isEmpty();
  }

  @Test
  void nonLogfmtLinesKeepTheirText() {
    NebulaLogLine l = NebulaLogLine.parse("panic: runtime error: index out of range [3]");
    assertThat(l.level()).isEmpty();
    assertThat(l.message()).isEqualTo("panic: runtime error: index out of range [3]");
    assertThat(l.time()).isEmpty();

    NebulaLogLine unterminated = NebulaLogLine.parse("time=\"2026 level=info msg=\"x");
    assertThat(unterminated.level()).isEmpty();
    assertThat(unterminated.raw()).isEqualTo("time=\"2026 level=info msg=\"x");
  }
}
