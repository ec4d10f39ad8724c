package dev.nebula4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link LineDiff}: the failure message of the API check. */
class LineDiffTest {
  private static final List<String> API = List.of(
      "module m",
      "",
      "public final class a.A",
      "  public void one()",
      "  public void two()",
      "  public void three()",
      "",
      "public final class a.B",
      "  public void four()",
      "  public void five()",
      "  public void six()",
      "  public void seven()",
      "  public void eight()");

  @Test
  void equalListsHaveNoHunks() {
    assertThat(LineDiff.unified(API, List.copyOf(API), 2)).isEmpty();
  }

  @Test
  void aChangedLineIsRemovedAndAddedUnderItsTypeWithContext() {
    List<String> changed = new ArrayList<>(API);
    changed.set(9, "  public int five()");
    assertThat(LineDiff.unified(API, changed, 2)).isEqualTo(
        "@@ -8,5 +8,5 @@ public final class a.B\n"
            + " public final class a.B\n"
            + "   public void four()\n"
            + "-  public void five()\n"
            + "+  public int five()\n"
            + "   public void six()\n"
            + "   public void seven()\n");
  }

  @Test
  void distantChangesAreSeparateHunksCloseOnesOne() {
    List<String> changed = new ArrayList<>(API);
    changed.remove(4); // two()
    changed.add("  public void nine()");
    assertThat(LineDiff.unified(API, changed, 1)).isEqualTo(
        "@@ -4,3 +4,2 @@ public final class a.A\n"
            + "   public void one()\n"
            + "-  public void two()\n"
            + "   public void three()\n"
            + "@@ -13,1 +12,2 @@ public final class a.B\n"
            + "   public void eight()\n"
            + "+  public void nine()\n");
    assertThat(LineDiff.unified(API, changed, 5))
        .startsWith("@@ -1,13 +1,13 @@ public final class a.A\n module m\n");
  }

  @Test
  void everythingAddedToAnEmptyFile() {
    assertThat(LineDiff.unified(List.of(), List.of("module m", "  exports p"), 2))
        .isEqualTo("@@ -0,0 +1,2 @@\n+module m\n+  exports p\n");
  }
}
