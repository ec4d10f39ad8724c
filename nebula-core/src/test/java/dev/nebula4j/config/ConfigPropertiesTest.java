package dev.nebula4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nebula4j.config.ConfigProblem.Reason;
import dev.nebula4j.firewall.PortSelector;
import java.time.Duration;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** jqwik properties of Go durations and firewall port ranges as the loader reads them. */
class ConfigPropertiesTest {

  @Property
  void formattedDurationsParseBack(@ForAll long nanos) {
    Duration d = Duration.ofNanos(nanos);
    assertThat(GoDuration.parse(GoDuration.format(d))).isEqualTo(d);
  }

  @Property
  void unitSumsAddUp(
      @ForAll @IntRange(max = 10_000) int h,
      @ForAll @IntRange(max = 59) int m,
      @ForAll @IntRange(max = 59) int s,
      @ForAll @IntRange(max = 999) int ms) {
    Duration expected = Duration.ofHours(h).plusMinutes(m).plusSeconds(s).plusMillis(ms);
    assertThat(GoDuration.parse(h + "h" + m + "m" + s + "s" + ms + "ms")).isEqualTo(expected);
    assertThat(GoDuration.parse("-" + h + "h" + m + "m" + s + "s" + ms + "ms"))
        .isEqualTo(expected.negated());
  }

  @Property
  void fractionsTruncateLikeGo(@ForAll @LongRange(max = 999_999) long micros) {
    String text = "0." + String.format("%06d", micros) + "s";
    assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofNanos(micros * 1000));
  }

  @Property
  void numbersWithoutUnitAreRefused(@ForAll @IntRange(min = 1) int n) {
    assertThatThrownBy(() -> GoDuration.parse(Integer.toString(n)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing unit");
  }

  @Example
  void goExamples() {
    assertThat(GoDuration.parse("12m")).isEqualTo(Duration.ofMinutes(12));
    assertThat(GoDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(GoDuration.parse("200ms")).isEqualTo(Duration.ofMillis(200));
    assertThat(GoDuration.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
    assertThat(GoDuration.parse(".5s")).isEqualTo(Duration.ofMillis(500));
    assertThat(GoDuration.parse("1us")).isEqualTo(GoDuration.parse("1\u00b5s"));
    assertThat(GoDuration.parse("0")).isEqualTo(Duration.ZERO);
    assertThat(GoDuration.parse("+5s")).isEqualTo(Duration.ofSeconds(5));
    assertThat(GoDuration.parse("2562047h47m16.854775807s")).isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
    assertThat(GoDuration.parse("-2562047h47m16.854775808s")).isEqualTo(Duration.ofNanos(Long.MIN_VALUE));
    for (String bad : new String[] {"", "-", "1", "1x", "s", ".s", "1.s.", "2562047h47m16.854775808s",
        "9223372036854775808ns", "12 m"}) {
      assertThatThrownBy(() -> GoDuration.parse(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(GoDuration.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
    assertThat(GoDuration.format(Duration.ZERO)).isEqualTo("0s");
  }

  static PortSelector loadPort(String port) {
    NebulaConfig c = ConfigLoader.parse(
        "pki: {ca: a, cert: b, key: c}\nfirewall:\n  inbound:\n    - port: \"" + port
            + "\"\n      proto: tcp\n      host: any\n").config();
    return c.firewall().policy().inbound().get(0).port();
  }

  static ConfigProblem portProblem(String port) {
    try {
      loadPort(port);
    } catch (ConfigException e) {
      return e.errors().get(0);
    }
    throw new AssertionError("port '" + port + "' was accepted");
  }

  @Property
  void validRangesLoad(
      @ForAll @IntRange(min = 1, max = 65535) int a, @ForAll @IntRange(min = 1, max = 65535) int b) {
    int from = Math.min(a, b);
    int to = Math.max(a, b);
    PortSelector p = loadPort(from + "-" + to);
    assertThat(p).isEqualTo(PortSelector.range(from, to));
    assertThat(p.matchesPort(from)).isTrue();
    assertThat(p.matchesPort(to)).isTrue();
    assertThat(p.matchesPort(to + 1)).isFalse();
    // and the writer spells it so that it loads back
    assertThat(loadPort(p.toString())).isEqualTo(p);
  }

  @Property
  void reversedRangesAreRefused(
      @ForAll @IntRange(min = 1, max = 65535) int a, @ForAll @IntRange(min = 1, max = 65535) int b) {
    if (a == b) {
      return;
    }
    ConfigProblem p = portProblem(Math.max(a, b) + "-" + Math.min(a, b));
    assertThat(p.reason()).isEqualTo(Reason.INVALID_PORT);
    assertThat(p.path()).isEqualTo("firewall.inbound[0].port");
    assertThat(p.line()).isEqualTo(4);
  }

  @Property
  void portsAbove65535AreRefused(@ForAll @IntRange(min = 65536, max = Integer.MAX_VALUE) int port) {
    assertThat(portProblem(Integer.toString(port)).reason()).isEqualTo(Reason.INVALID_PORT);
    assertThat(portProblem("1-" + port).reason()).isEqualTo(Reason.INVALID_PORT);
  }

  @Property
  void rangesStartingAtZeroMeanAny(@ForAll @IntRange(max = 65535) int to) {
    assertThat(loadPort("0-" + to)).isEqualTo(PortSelector.ANY);
  }
}
