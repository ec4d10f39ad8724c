package dev.nebula4j.examples;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two lists of lines ({@code -} only in the old, {@code +} only in the new),
 * for failure messages a reviewer can read (the API check, the doc snippet check). Each hunk
 * header names what the first change is in: the nearest line before it that is not indented (a
 * type in an API file), as {@code git diff} names the function.
 */
public final class LineDiff {
  /** Past this many cells the middle is shown as removed-then-added instead of aligned. */
  private static final long MAX_TABLE = 16_000_000L;

  private LineDiff() {}

  private enum Kind {
    SAME(' '), REMOVED('-'), ADDED('+');

    final char mark;

    Kind(char mark) {
      this.mark = mark;
    }
  }

  /** One line of the edit script; {@code oldLine}/{@code newLine} count lines before it. */
  private record Edit(Kind kind, int oldLine, int newLine, String text) {}

  /**
   * The hunks that turn {@code before} into {@code after}, each with {@code context} unchanged
   * lines around it; empty if the lists are equal.
   */
  public static String unified(List<String> before, List<String> after, int context) {
    List<Edit> edits = edits(before, after);
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < edits.size()) {
      if (edits.get(i).kind() == Kind.SAME) {
        i++;
        continue;
      }
      int start = Math.max(0, i - context);
      int lastChange = i; // the hunk goes on while the next change is within 2 * context
      for (int j = i; j < edits.size(); j++) {
        if (edits.get(j).kind() != Kind.SAME) {
          if (j - lastChange > 2 * context) {
            break;
          }
          lastChange = j;
        }
      }
      int end = Math.min(edits.size(), lastChange + context + 1);
      appendHunk(out, edits, start, end, i);
      i = end;
    }
    return out.toString();
  }

  private static void appendHunk(StringBuilder out, List<Edit> edits, int start, int end,
      int firstChange) {
    int oldCount = 0;
    int newCount = 0;
    for (int j = start; j < end; j++) {
      Kind kind = edits.get(j).kind();
      oldCount += kind == Kind.ADDED ? 0 : 1;
      newCount += kind == Kind.REMOVED ? 0 : 1;
    }
    Edit first = edits.get(start);
    out.append("@@ -").append(range(first.oldLine(), oldCount))
        .append(" +").append(range(first.newLine(), newCount)).append(" @@");
    for (int j = firstChange - 1; j >= 0; j--) {
      String text = edits.get(j).text();
      if (!text.isEmpty() && !text.startsWith(" ")) {
        out.append(' ').append(text);
        break;
      }
    }
    out.append('\n');
    for (int j = start; j < end; j++) {
      out.append(edits.get(j).kind().mark).append(edits.get(j).text()).append('\n');
    }
  }

  /** {@code line,count} with 1-based {@code line}; an empty range names the line before it. */
  private static String range(int linesBefore, int count) {
    return (count == 0 ? linesBefore : linesBefore + 1) + "," + count;
  }

  private static List<Edit> edits(List<String> a, List<String> b) {
    int prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix
        && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
      suffix++;
    }
    List<Edit> edits = new ArrayList<>();
    for (int k = 0; k < prefix; k++) {
      edits.add(new Edit(Kind.SAME, k, k, a.get(k)));
    }
    List<String> midA = a.subList(prefix, a.size() - suffix);
    List<String> midB = b.subList(prefix, b.size() - suffix);
    int n = midA.size();
    int m = midB.size();
    int i = 0;
    int j = 0;
    if ((long) (n + 1) * (m + 1) <= MAX_TABLE) {
      // lcs[i][j]: length of the longest common subsequence of midA[i..] and midB[j..]
      int[][] lcs = new int[n + 1][m + 1];
      for (int x = n - 1; x >= 0; x--) {
        for (int y = m - 1; y >= 0; y--) {
          lcs[x][y] = midA.get(x).equals(midB.get(y))
              ? lcs[x + 1][y + 1] + 1
              : Math.max(lcs[x + 1][y], lcs[x][y + 1]);
        }
      }
      while (i < n && j < m) {
        if (midA.get(i).equals(midB.get(j))) {
          edits.add(new Edit(Kind.SAME, prefix + i, prefix + j, midA.get(i)));
          i++;
          j++;
        } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
          edits.add(new Edit(Kind.REMOVED, prefix + i, prefix + j, midA.get(i)));
          i++;
        } else {
          edits.add(new Edit(Kind.ADDED, prefix + i, prefix + j, midB.get(j)));
          j++;
        }
      }
    }
    for (; i < n; i++) {
      edits.add(new Edit(Kind.REMOVED, prefix + i, prefix + j, midA.get(i)));
    }
    for (; j < m; j++) {
      edits.add(new Edit(Kind.ADDED, prefix + n, prefix + j, midB.get(j)));
    }
    for (int k = 0; k < suffix; k++) {
      edits.add(new Edit(Kind.SAME, a.size() - suffix + k, b.size() - suffix + k,
          a.get(a.size() - suffix + k)));
    }
    return edits;
  }
}
