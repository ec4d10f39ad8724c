package dev.nebula4j.internal.hostmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class IntTableTest {

  @Test
  void keyZeroIsReserved() {
    IntTable<String> t = new IntTable<>();
    assertThat(t.get(0)).isNull();
    assertThatThrownBy(() -> t.put(0, "x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void removeOnlyRemovesTheExpectedValue() {
    IntTable<String> t = new IntTable<>();
    String a = new String("a");
    t.put(5, a);
    assertThat(t.remove(5, new String("a"))).isFalse();
    assertThat(t.get(5)).isSameAs(a);
    assertThat(t.remove(5, a)).isTrue();
    assertThat(t.get(5)).isNull();
    assertThat(t.size()).isZero();
  }

  /** Random puts and removes behave like a HashMap, including negative and colliding keys. */
  @Property(tries = 200)
  void behavesLikeAMap(@ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int ops) {
    Random r = new Random(seed);
    IntTable<Integer> t = new IntTable<>();
    Map<Integer, Integer> model = new HashMap<>();
    for (int i = 0; i < ops; i++) {
      int key = r.nextBoolean() ? r.nextInt(64) - 32 : r.nextInt();
      if (key == 0) {
        continue;
      }
      if (r.nextInt(3) == 0) {
        Integer expected = model.get(key);
        assertThat(t.remove(key, expected)).isEqualTo(expected != null);
        model.remove(key);
      } else {
        Integer v = r.nextInt();
        assertThat(t.put(key, v)).isEqualTo(model.put(key, v));
      }
      assertThat(t.size()).isEqualTo(model.size());
    }
    for (Map.Entry<Integer, Integer> e : model.entrySet()) {
      assertThat(t.get(e.getKey())).isEqualTo(e.getValue());
    }
    assertThat(t.values()).containsExactlyInAnyOrderElementsOf(model.values());
  }
}
