package dev.nebula4j.cli.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nebula4j.config.LoggingConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** Lines as logrus writes them (compared with Go nebula 1.6.1's own output). */
class LogLineFormatterTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-25T19:38:28Z"), ZoneOffset.UTC);
  private final PrintStream out = new PrintStream(new ByteArrayOutputStream(), true,
      StandardCharsets.UTF_8);

  private LogSettings settings(LoggingConfig config) {
    return LogSettings.from(config, out, CLOCK);
  }

  @Test
  void textLinesMatchGoNebula() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("udpAddr", "127.0.0.1:57974");
    fields.put("network", "10.9.0.1/24");
    fields.put("interface", "disabled");
    fields.put("build", "1.6.1");
    // the exact line Go nebula 1.6.1 printed
    assertThat(LogLineFormatter.format(settings(LoggingConfig.defaults()), Level.INFO,
        "Nebula interface is active", fields, null))
        .isEqualTo("time=\"2026-11-25T19:38:28Z\" level=info msg=\"Nebula interface is active\""
            + " build=1.6.1 interface=disabled network=10.9.0.1/24 udpAddr=\"127.0.0.1:57974\"");
    assertThat(LogLineFormatter.format(settings(LoggingConfig.defaults()), Level.INFO,
        "Goodbye", Map.of(), null))
        .isEqualTo("time=\"2026-11-25T19:38:28Z\" level=info msg=Goodbye");
  }

  @Test
  void errorsQuotingAndLevelNames() {
    LogSettings s = settings(LoggingConfig.builder().disableTimestamp(true).build());
    assertThat(LogLineFormatter.format(s, Level.WARN, "a \"b\"\n\tc\u0001", Map.of(),
        new java.io.IOException("no such file")))
        .isEqualTo("level=warning msg=\"a \\\"b\\\"\\n\\tc\\x01\" error=\"no such file\"");
    assertThat(LogLineFormatter.format(s, Level.ERROR, "x", Map.of("k", ""), new Error()))
        .isEqualTo("level=error msg=x error=Error k=");
    assertThat(LogLineFormatter.format(s, Level.DEBUG, "ü", Map.of(), null))
        .isEqualTo("level=debug msg=\"ü\"");
    assertThat(LogLineFormatter.format(s, Level.TRACE, "a+b@c/d^e-f.g_h", Map.of(), null))
        .isEqualTo("level=trace msg=a+b@c/d^e-f.g_h");
  }

  @Test
  void jsonHasSortedKeysAndGoEscapes() {
    LogSettings s = settings(LoggingConfig.builder().format(LoggingConfig.Format.JSON).build());
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("signal", "terminated");
    fields.put("count", 3);
    fields.put("ok", true);
    assertThat(LogLineFormatter.format(s, Level.INFO, "<a & b>\n", fields, null))
        .isEqualTo("{\"count\":3,\"level\":\"info\",\"msg\":\"\\u003ca \\u0026 b\\u003e\\n\","
            + "\"ok\":true,\"signal\":\"terminated\",\"time\":\"2026-11-25T19:38:28Z\"}");
  }

  @Test
  void timestampFormatIsAGoLayout() {
    LogSettings s = LogSettings.from(LoggingConfig.builder()
            .timestampFormat("2006-01-02 15:04:05.000 -0700 MST").build(), out,
        Clock.fixed(Instant.parse("2026-11-25T19:38:28.123Z"), ZoneId.of("Europe/Berlin")));
    assertThat(LogLineFormatter.format(s, Level.INFO, "m", Map.of(), null))
        .startsWith("time=\"2026-11-25 20:38:28.123 +0100 CET\" ");
  }

  @Test
  void levelsFollowLoggingLevel() {
    LogSettings warn = settings(LoggingConfig.builder().level(LoggingConfig.Level.WARNING).build());
    assertThat(warn.isEnabled(Level.WARN)).isTrue();
    assertThat(warn.isEnabled(Level.INFO)).isFalse();
    LogSettings fatal = settings(LoggingConfig.builder().level(LoggingConfig.Level.FATAL).build());
    assertThat(fatal.isEnabled(Level.ERROR)).isFalse();
    LogSettings trace = settings(LoggingConfig.builder().level(LoggingConfig.Level.TRACE).build());
    assertThat(trace.isEnabled(Level.TRACE)).isTrue();
  }
}
