package dev.nebula4j.internal.firewall;

import static dev.nebula4j.internal.firewall.Fixtures.PG1;
import static dev.nebula4j.internal.firewall.Fixtures.US;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nebula4j.firewall.Direction;
import dev.nebula4j.firewall.DropReason;
import dev.nebula4j.firewall.FirewallPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Several I/O threads and a reloading thread on one firewall: no errors, nothing lost. */
class FirewallConcurrencyTest {

  @Test
  void concurrentPacketsAndReloadsAreCountedExactly() throws Exception {
    FirewallPolicy open = Fixtures.tutorialPolicy().build();
    FirewallPolicy closed = FirewallPolicy.builder().outbound(open.outbound().get(0)).build();
    Firewall fw = Firewall.builder().policy(open).local(US).build();
    int threads = 3;
    int perThread = 20_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
    try {
      List<Future<long[]>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        results.add(
            pool.submit(
                () -> {
                  FlowTuple scratch = new FlowTuple();
                  long accepted = 0;
                  for (int i = 0; i < perThread; i++) {
                    int port = 10000 + (i % 500) + id * 1000;
                    byte[] p =
                        i % 2 == 0
                            ? TestPackets.tcp("10.10.10.6", port, "10.10.10.5", 5432)
                            : TestPackets.tcp("10.10.10.5", 5432, "10.10.10.6", port);
                    int v =
                        i % 2 == 0
                            ? fw.inbound(p, 0, p.length, PG1, scratch)
                            : fw.outbound(p, 0, p.length, PG1, scratch);
                    if (v == Verdict.ACCEPT) {
                      accepted++;
                    } else {
                      assertThat(Verdict.reason(v)).isEqualTo(DropReason.NO_MATCHING_RULE);
                    }
                  }
                  return new long[] {accepted};
                }));
      }
      Future<?> reloader =
          pool.submit(
              () -> {
                for (int i = 0; i < 200; i++) {
                  fw.reload(i % 2 == 0 ? closed : open);
                  fw.expireFlows();
                }
              });
      long accepted = 0;
      for (Future<long[]> f : results) {
        accepted += f.get(60, TimeUnit.SECONDS)[0];
      }
      reloader.get(60, TimeUnit.SECONDS);
      long dropped = fw.droppedTotal(Direction.INBOUND) + fw.droppedTotal(Direction.OUTBOUND);
      assertThat(accepted + dropped).isEqualTo((long) threads * perThread);
      assertThat(fw.rulesVersion()).isEqualTo(200);
      assertThat(fw.flowCount()).isLessThanOrEqualTo(threads * 500);
    } finally {
      pool.shutdownNow();
    }
  }
}
