package dev.nebula4j.internal.firewall;

import static dev.nebula4j.internal.firewall.Fixtures.PG1;
import static dev.nebula4j.internal.firewall.Fixtures.US;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nebula4j.firewall.FirewallPolicy;
import dev.nebula4j.firewall.FirewallRule;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CoarseClockTest {

  @Test
  void showsTheLastTickAndNeverGoesBack() {
    long[] source = {1_000};
    CoarseClock clock = new CoarseClock(() -> source[0]);
    assertThat(clock.getAsLong()).isEqualTo(1_000);
    source[0] = 5_000;
    assertThat(clock.getAsLong()).as("no tick yet").isEqualTo(1_000);
    assertThat(clock.tick()).isEqualTo(5_000);
    assertThat(clock.getAsLong()).isEqualTo(5_000);
    source[0] = 4_000;
    assertThat(clock.tick()).as("a source going back is ignored").isEqualTo(5_000);
    source[0] = Long.MIN_VALUE + 10; // nanoTime wrapping around counts as forward
    assertThat(clock.tick()).isEqualTo(Long.MIN_VALUE + 10);
  }

  @Test
  void flowsExpireOnTheTickAfterTheirTimeout() {
    FakeClock source = new FakeClock(0);
    CoarseClock clock = new CoarseClock(source);
    Firewall fw =
        Firewall.builder()
            .policy(FirewallPolicy.builder().outbound(FirewallRule.anyAny()).build())
            .local(US)
            .clock(clock)
            .build();
    byte[] out = TestPackets.udp("10.10.10.5", 5000, "10.10.10.6", 53);
    byte[] reply = TestPackets.udp("10.10.10.6", 53, "10.10.10.5", 5000);
    FlowTuple t = new FlowTuple();
    assertThat(fw.outbound(out, 0, out.length, PG1, t)).isZero();
    source.advance(Duration.ofMinutes(4));
    assertThat(fw.inbound(reply, 0, reply.length, PG1, t)).as("not ticked yet").isZero();
    clock.tick();
    assertThat(fw.inbound(reply, 0, reply.length, PG1, t)).isNotZero();
  }
}
