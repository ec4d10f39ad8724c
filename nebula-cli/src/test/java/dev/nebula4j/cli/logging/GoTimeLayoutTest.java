package dev.nebula4j.cli.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** Go layouts against the strings Go's {@code time.Format} gives for the same instant. */
class GoTimeLayoutTest {
  private static final ZonedDateTime T =
      ZonedDateTime.of(2026, 3, 7, 14, 5, 9, 120_000_000, ZoneOffset.ofHours(2));
  private static final ZonedDateTime UTC = T.withZoneSameInstant(ZoneOffset.UTC);

  private static String format(String layout, ZonedDateTime t) {
    return GoTimeLayout.toFormatter(layout).format(t);
  }

  @Test
  void rfc3339IsTheDefault() {
    assertThat(format("", T)).isEqualTo("2026-03-07T14:05:09+02:00");
    assertThat(format("", UTC)).isEqualTo("2026-03-07T12:05:09Z");
    assertThat(format(GoTimeLayout.RFC3339, UTC)).isEqualTo("2026-03-07T12:05:09Z");
  }

  @Test
  void commonLayouts() {
    // time.RFC1123Z, time.Kitchen, time.StampMilli, time.RFC3339Nano
    assertThat(format("Mon, 02 Jan 2006 15:04:05 -0700", T))
        .isEqualTo("Sat, 07 Mar 2026 14:05:09 +0200");
    assertThat(format("3:04PM", T)).isEqualTo("2:05PM");
    assertThat(format("Jan _2 15:04:05.000", T)).isEqualTo("Mar  7 14:05:09.120");
    assertThat(format("2006-01-02T15:04:05.999999999Z07:00", UTC))
        .isEqualTo("2026-03-07T12:05:09.12Z");
    assertThat(format("2006-01-02T15:04:05.999999999Z07:00", UTC.withNano(0)))
        .isEqualTo("2026-03-07T12:05:09Z");
    assertThat(format("Monday January 2 06 002 -07:00 -07", T))
        .isEqualTo("Saturday March 7 26 066 +02:00 +02");
  }

  @Test
  void nonTokensAreLiteral() {
    assertThat(format("at 15h04 [x]", T)).isEqualTo("at 14h05 [x]");
    assertThat(format("2006.0105", T)).isEqualTo("2026.0309"); // ".01" followed by a digit
  }
}
