package dev.nebula4j.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link PortSelector#parse} is the one port parser: the config loader and the rule builder. */
class PortSelectorTest {

  @Test
  void readsWhatGoReads() {
    assertThat(PortSelector.parse("any")).isEqualTo(PortSelector.ANY);
    assertThat(PortSelector.parse("fragment")).isEqualTo(PortSelector.FRAGMENT);
    assertThat(PortSelector.parse("0")).isEqualTo(PortSelector.ANY);
    assertThat(PortSelector.parse("5432")).isEqualTo(PortSelector.single(5432));
    assertThat(PortSelector.parse("8000 - 8100")).isEqualTo(PortSelector.range(8000, 8100));
    assertThat(PortSelector.parse("0-80")).isEqualTo(PortSelector.ANY); // Go: start 0 is any
    assertThat(FirewallRule.builder().port("0-80").proto("tcp").host("any").build().port())
        .isEqualTo(PortSelector.ANY);
  }

  @Test
  void refusalsQuoteTheValueAndSayWhy() {
    assertThatThrownBy(() -> PortSelector.parse("http"))
        .hasMessage("'http' was not a number (expected any, fragment, N or N-M)");
    assertThatThrownBy(() -> PortSelector.parse("70000"))
        .hasMessageContaining("out of range [0,65535]");
    assertThatThrownBy(() -> PortSelector.parse("90-80"))
        .hasMessageContaining("range start 90 is after its end 80");
    assertThatThrownBy(() -> PortSelector.parse("80-"))
        .hasMessageContaining("appears to be a range but could not be parsed");
    assertThatThrownBy(() -> PortSelector.parse("1-x"))
        .hasMessageContaining("ending of the range was not a number");
    assertThatThrownBy(() -> PortSelector.parse("ANY")).isInstanceOf(IllegalArgumentException.class);
  }
}
