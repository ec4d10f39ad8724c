package dev.nebula4j.internal.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PacketQueueTest {

  @Test
  void poolIsBoundedAndRecycles() {
    PacketBufferPool pool = new PacketBufferPool(64, 2);
    PacketBuffer a = pool.acquire();
    PacketBuffer b = pool.acquire();
    assertThat(pool.acquire()).isNull();
    assertThat(pool.inUse()).isEqualTo(2);
    pool.release(a);
    assertThat(pool.acquire()).isSameAs(a);
    pool.release(a);
    pool.release(b);
    assertThat(pool.inUse()).isZero();
    assertThatThrownBy(() -> pool.release(b)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> pool.release(new PacketBufferPool(32, 1).acquire()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void queueIsFifoAndRefusesWhenFull() throws InterruptedException {
    PacketBufferPool pool = new PacketBufferPool(16, 8);
    PacketQueue q = new PacketQueue(2);
    PacketBuffer a = pool.acquire();
    PacketBuffer b = pool.acquire();
    PacketBuffer c = pool.acquire();
    assertThat(q.offer(a)).isTrue();
    assertThat(q.offer(b)).isTrue();
    assertThat(q.offer(c)).isFalse();
    assertThat(q.poll(0, TimeUnit.SECONDS)).isSameAs(a);
    assertThat(q.offer(c)).isTrue();
    assertThat(q.poll()).isSameAs(b);
    assertThat(q.poll()).isSameAs(c);
    assertThat(q.poll()).isNull();
    assertThat(q.poll(0, TimeUnit.SECONDS)).isNull();
  }

  @Test
  void closeWakesWaitingConsumer() throws InterruptedException {
    PacketQueue q = new PacketQueue(4);
    AtomicReference<Object> result = new AtomicReference<>("unset");
    Thread t = new Thread(() -> {
      try {
        result.set(q.poll(1, TimeUnit.HOURS));
      } catch (InterruptedException e) {
        result.set(e);
      }
    });
    t.start();
    while (t.getState() != Thread.State.TIMED_WAITING) {
      Thread.onSpinWait();
    }
    q.close();
    t.join(TimeUnit.SECONDS.toMillis(30));
    assertThat(t.isAlive()).isFalse();
    assertThat(result.get()).isNull();
    assertThat(q.offer(new PacketBufferPool(8, 1).acquire())).isFalse();
  }

  @Test
  void takeWaitsForAPacketAndEndsWithNullOnClose() throws InterruptedException {
    PacketQueue q = new PacketQueue(4);
    PacketBuffer b = new PacketBufferPool(8, 1).acquire();
    java.util.List<Object> taken = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread t = new Thread(() -> {
      try {
        for (PacketBuffer x = q.take(); x != null; x = q.take()) {
          taken.add(x);
        }
        taken.add("end");
      } catch (InterruptedException e) {
        taken.add(e);
      }
    });
    t.start();
    while (t.getState() != Thread.State.WAITING) {
      Thread.onSpinWait();
    }
    assertThat(q.offer(b)).isTrue();
    while (taken.isEmpty()) {
      Thread.onSpinWait();
    }
    q.close();
    t.join(TimeUnit.SECONDS.toMillis(30));
    assertThat(taken).containsExactly(b, "end");
  }
}
