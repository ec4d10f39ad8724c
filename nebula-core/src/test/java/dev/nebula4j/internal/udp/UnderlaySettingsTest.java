package dev.nebula4j.internal.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nebula4j.net.IpNetwork;
import dev.nebula4j.udp.UnderlaySettings;
import org.junit.jupiter.api.Test;

class UnderlaySettingsTest {

  @Test
  void defaultsAreGoNebulas() {
    UnderlaySettings s = UnderlaySettings.builder().build();
    assertThat(IpNetwork.formatAddress(s.host())).isEqualTo("0.0.0.0");
    assertThat(s.port()).isZero();
    assertThat(s.receiveBufferSize()).isZero();
    assertThat(s.sendBufferSize()).isZero();
    assertThat(s.maxDatagramSize()).isEqualTo(9001);
  }

  @Test
  void settersNameTheBadValue() {
    assertThatThrownBy(() -> UnderlaySettings.builder().port(65536))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("listen.port 65536");
    assertThatThrownBy(() -> UnderlaySettings.builder().receiveBufferSize(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("receiveBufferSize -1");
    assertThatThrownBy(() -> UnderlaySettings.builder().sendBufferSize(-2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sendBufferSize -2");
    assertThatThrownBy(() -> UnderlaySettings.builder().maxDatagramSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxDatagramSize 0");
    assertThatThrownBy(() -> new UnderlaySettings(null, 0, 0, 0, 9001))
        .isInstanceOf(NullPointerException.class);
  }
}
