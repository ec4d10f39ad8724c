package dev.nebula4j.interop.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Parsing iputils {@code ping -n} output as printed on this machine (Debian 12). */
class PingResultTest {

  @Test
  void allRepliedWithRtts() {
    PingResult r =
        PingResult.parse(
            """
            PING 10.10.10.3 (10.10.10.3) 56(84) bytes of data.
            64 bytes from 10.10.10.3: icmp_seq=1 ttl=64 time=4.26 ms
            64 bytes from 10.10.10.3: icmp_seq=2 ttl=64 time=0.426 ms
            64 bytes from 10.10.10.3: icmp_seq=3 ttl=64 time=0.766 ms

            --- 10.10.10.3 ping statistics ---
            3 packets transmitted, 3 received, 0% packet loss, time 403ms
            rtt min/avg/max/mdev = 0.426/1.816/4.258/1.731 ms
            """);
    assertThat(r.transmitted()).isEqualTo(3);
    assertThat(r.received()).isEqualTo(3);
    assertThat(r.allReplied()).isTrue();
    assertThat(r.lossPercent()).isZero();
    assertThat(r.replySequences()).containsExactly(1, 2, 3);
    assertThat(r.rttMillis()).containsExactly(4.26, 0.426, 0.766);
    assertThat(r.averageRttMillis()).isCloseTo(1.8173, org.assertj.core.data.Offset.offset(1e-3));
  }

  @Test
  void partialLossKeepsTheRepliesThatCame() {
    PingResult r =
        PingResult.parse(
            """
            PING 10.10.10.3 (10.10.10.3) 56(84) bytes of data.
            64 bytes from 10.10.10.3: icmp_seq=5 ttl=64 time=3.17 ms
            64 bytes from 10.10.10.3: icmp_seq=6 ttl=64 time=0.611 ms

            --- 10.10.10.3 ping statistics ---
            6 packets transmitted, 2 received, 66.6667% packet loss, time 1041ms
            rtt min/avg/max/mdev = 0.611/1.890/3.173/1.281 ms
            """);
    assertThat(r.allReplied()).isFalse();
    assertThat(r.replySequences()).containsExactly(5, 6);
    assertThat(r.lossPercent()).isCloseTo(66.67, org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  void noReplyAtAll() {
    PingResult r =
        PingResult.parse(
            """
            PING 198.18.0.9 (198.18.0.9) 56(84) bytes of data.

            --- 198.18.0.9 ping statistics ---
            3 packets transmitted, 0 received, 100% packet loss, time 410ms

            """);
    assertThat(r.received()).isZero();
    assertThat(r.rttMillis()).isEmpty();
    assertThat(r.averageRttMillis()).isNaN();
    assertThat(r.lossPercent()).isEqualTo(100.0);
  }

  @Test
  void errorsAndDuplicatesAreCounted() {
    PingResult r =
        PingResult.parse(
            """
            PING 198.18.0.9 (198.18.0.9) 56(84) bytes of data.
            From 198.18.0.2 icmp_seq=1 Destination Host Unreachable
            64 bytes from 198.18.0.9: icmp_seq=2 ttl=64 time=0.050 ms
            64 bytes from 198.18.0.9: icmp_seq=2 ttl=64 time=0.070 ms (DUP!)

            --- 198.18.0.9 ping statistics ---
            2 packets transmitted, 1 received, +1 duplicates, +1 errors, 50% packet loss, time 1001ms
            """);
    assertThat(r.transmitted()).isEqualTo(2);
    assertThat(r.received()).isEqualTo(1);
    assertThat(r.duplicates()).isEqualTo(1);
    assertThat(r.errors()).isEqualTo(1);
    assertThat(r.replySequences()).containsExactly(2, 2);
  }

  @Test
  void outputWithoutStatisticsIsAnError() {
    assertThatThrownBy(() -> PingResult.parse("ping: connect: Network is unreachable\n"))
        .isInstanceOf(HarnessException.class)
        .hasMessageContaining("no ping statistics")
        .hasMessageContaining("Network is unreachable");
  }
}
