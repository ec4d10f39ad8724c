package dev.nebula4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Java shown in the docs is example code that compiles and runs: each block between {@code
 * // doc:begin <file>} and {@code // doc:end} in {@code src/main/java} (without the marker's
 * indentation) is a whole {@code ```java} block of that file, character for character, and the
 * docs listed in {@link #CHECKED_DOCS} have no other Java blocks.
 *
 * <p>To change such a block, change the example, let its test run it, and paste the marked lines
 * into the doc; the failure message shows the difference.
 */
class DocSnippetsTest {
  private static final String BEGIN = "// doc:begin ";
  private static final String END = "// doc:end";
  private static final Path SOURCES = Path.of("src/main/java");
  /** Files (from the repository root) all of whose Java blocks are example code. */
  static final Set<String> CHECKED_DOCS = Set.of(
      "README.md", "docs/tutorial.md", "docs/certificates.md", "docs/configuration.md");

  /** A marked block: where it is, the doc it belongs to, its text without the indentation. */
  record Snippet(Path source, int line, String doc, List<String> lines) {
    String where() {
      return source + ":" + line;
    }
  }

  @Test
  void everyMarkedSnippetIsAWholeJavaBlockOfItsDoc() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Snippet snippet : snippets()) {
      List<List<String>> blocks = javaBlocks(repositoryFile(snippet.doc()));
      if (blocks.contains(snippet.lines())) {
        continue;
      }
      List<String> closest = blocks.stream()
          .min(Comparator.comparingInt(b -> changedLines(b, snippet.lines())))
          .orElse(List.of());
      problems.add(snippet.doc() + " has no ```java block equal to " + snippet.where()
          + " (- doc, + example):\n" + LineDiff.unified(closest, snippet.lines(), 2));
    }
    assertThat(problems).as("copy the example's marked lines into the doc").isEmpty();
  }

  @Test
  void theCheckedDocsShowNoJavaThatIsNotExampleCode() throws IOException {
    List<Snippet> snippets = snippets();
    assertThat(snippets.stream().map(Snippet::doc).collect(Collectors.toSet()))
        .as("docs with example code").containsAll(CHECKED_DOCS);
    List<String> unbacked = new ArrayList<>();
    for (String doc : CHECKED_DOCS.stream().sorted().collect(Collectors.toList())) {
      Set<List<String>> backed = snippets.stream().filter(s -> s.doc().equals(doc))
          .map(Snippet::lines).collect(Collectors.toSet());
      for (List<String> block : javaBlocks(repositoryFile(doc))) {
        if (!backed.contains(block)) {
          unbacked.add(doc + ":\n" + String.join("\n", block));
        }
      }
    }
    assertThat(unbacked)
        .as("```java blocks that are no example's // doc:begin block: put the code into an"
            + " example in nebula-examples, run it from a test, and mark it")
        .isEmpty();
  }

  @Test
  void markersAreFoundInTheirSourceAndCutWithoutIndentation() throws IOException {
    Snippet readme = snippets().stream().filter(s -> s.doc().equals("README.md")).findFirst()
        .orElseThrow();
    assertThat(readme.source()).hasFileName("EmbeddedPing.java");
    assertThat(readme.lines().get(0)).startsWith("NebulaConfig config = ");
    assertThat(readme.lines()).noneMatch(l -> l.contains("doc:"));
  }

  /** The marked blocks of every source file, in path and line order. */
  static List<Snippet> snippets() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(SOURCES)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).sorted()
          .collect(Collectors.toList());
    }
    List<Snippet> snippets = new ArrayList<>();
    for (Path file : files) {
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (!line.trim().startsWith(BEGIN)) {
          assertThat(line.trim()).as("%s:%d: %s without %s", file, i + 1, END, BEGIN)
              .isNotEqualTo(END);
          continue;
        }
        String indent = line.substring(0, line.indexOf(BEGIN));
        String doc = line.trim().substring(BEGIN.length()).trim();
        List<String> text = new ArrayList<>();
        int j = i + 1;
        for (; j < lines.size() && !lines.get(j).trim().equals(END); j++) {
          String l = lines.get(j);
          assertThat(l.isBlank() || l.startsWith(indent))
              .as("%s:%d is indented less than its %s", file, j + 1, BEGIN.trim()).isTrue();
          assertThat(l.trim()).as("%s:%d: nested %s", file, j + 1, BEGIN.trim())
              .doesNotStartWith(BEGIN);
          text.add(l.isBlank() ? "" : l.substring(indent.length()));
        }
        assertThat(j).as("%s:%d: %s without %s", file, i + 1, BEGIN.trim(), END)
            .isLessThan(lines.size());
        assertThat(text).as("%s:%d: empty snippet", file, i + 1).isNotEmpty();
        snippets.add(new Snippet(file, i + 1, doc, text));
        i = j;
      }
    }
    return snippets;
  }

  /** The contents of the {@code ```java} blocks of a Markdown file. */
  static List<List<String>> javaBlocks(Path markdown) throws IOException {
    List<List<String>> blocks = new ArrayList<>();
    List<String> current = null;
    for (String line : Files.readAllLines(markdown)) {
      if (current == null && line.equals("```java")) {
        current = new ArrayList<>();
      } else if (current != null && line.equals("```")) {
        blocks.add(current);
        current = null;
      } else if (current != null) {
        current.add(line);
      }
    }
    return blocks;
  }

  private static Path repositoryFile(String name) {
    Path file = Path.of("..").resolve(name);
    assertThat(file).as("the doc a // doc:begin marker names").exists();
    return file;
  }

  private static int changedLines(List<String> a, List<String> b) {
    return (int) LineDiff.unified(a, b, 0).lines()
        .filter(l -> l.startsWith("+") || l.startsWith("-")).count();
  }
}
