package dev.nebula4j.examples.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.nebula4j.cert.CertException;
import dev.nebula4j.examples.LineDiff;
import dev.nebula4j.node.NebulaNode;
import java.io.IOException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The public API of nebula-cert and nebula-core is what their checked-in API files say, so every
 * API change is part of the diff under review.
 *
 * <p>Without {@value #UPDATE} this compares; with {@code -D}{@value #UPDATE}{@code =true} it
 * rewrites {@code <module>/api/<module>.api} from the compiled classes and passes. The modules are
 * read as the test class path has them (the jars in {@code mvn verify}), their exported packages
 * from their compiled {@code module-info}.
 */
class PublicApiTest {
  /** System property (from {@code mvn -D...}) that regenerates the files instead of checking. */
  static final String UPDATE = "nebula4j.api.update";

  private static final String REGENERATE = "mvn -B verify -D" + UPDATE + "=true";
  /** The name in a type's declaration line. */
  private static final Pattern DECLARATION =
      Pattern.compile("^(?:@\\S+ )*(?:public|protected) (?:[a-z@-]+ )*([\\w.]+)");
  /** A qualified name in the dev.nebula4j namespace. */
  private static final Pattern REFERENCE = Pattern.compile("dev\\.nebula4j(?:\\.\\w+)+");

  @Test
  void nebulaCertApiIsTheCheckedInFile() throws IOException {
    check("nebula-cert", CertException.class);
  }

  @Test
  void nebulaCoreApiIsTheCheckedInFile() throws IOException {
    check("nebula-core", NebulaNode.class);
  }

  @Test
  void internalPackagesAndQualifiedExportsStayOutOfTheApi() throws IOException {
    for (Class<?> anchor : List.of(CertException.class, NebulaNode.class)) {
      ModuleReference module = moduleOf(anchor);
      List<String> api = ApiSignature.ofModule(module, anchor.getClassLoader());
      assertThat(api).as("API of %s", module.descriptor().name())
          .noneMatch(line -> line.contains("dev.nebula4j.internal"));
    }
    // nebula-cert does export internal packages, but only to named modules (nebula-core, nebula-cli)
    assertThat(moduleOf(CertException.class).descriptor().exports())
        .filteredOn(e -> e.source().startsWith("dev.nebula4j.internal."))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.isQualified()).as("export of %s", e.source()).isTrue());
  }

  @Test
  void everyNebula4jTypeInASignatureIsItselfApi() throws IOException {
    List<String> api = new ArrayList<>();
    for (Class<?> anchor : List.of(CertException.class, NebulaNode.class)) {
      api.addAll(ApiSignature.ofModule(moduleOf(anchor), anchor.getClassLoader()));
    }
    Set<String> declared = new TreeSet<>();
    Set<String> packages = new TreeSet<>();
    for (String line : api) {
      Matcher type = DECLARATION.matcher(line);
      if (type.find()) {
        declared.add(type.group(1));
      } else if (line.startsWith("  exports ")) {
        packages.add(line.substring("  exports ".length()));
      }
    }
    assertThat(declared).as("types of the API").hasSizeGreaterThan(50);
    Set<String> named = new TreeSet<>();
    for (String line : api) {
      Matcher reference = REFERENCE.matcher(line);
      while (reference.find()) {
        named.add(reference.group());
      }
    }
    named.removeAll(packages);
    named.removeAll(List.of("dev.nebula4j.cert", "dev.nebula4j.core")); // module names
    // a user could not name (or a signature would leak) a type outside the exported API
    assertThat(named).as("dev.nebula4j types named in signatures").isSubsetOf(declared);
  }

  private static void check(String artifact, Class<?> anchor) throws IOException {
    ModuleReference module = moduleOf(anchor);
    List<String> actual = new ArrayList<>();
    actual.add("# The public API of " + artifact + " (module " + module.descriptor().name()
        + "), checked by PublicApiTest in nebula-examples.");
    actual.add("# After an intended API change: " + REGENERATE + ", and commit this file.");
    actual.add("");
    actual.addAll(ApiSignature.ofModule(module, anchor.getClassLoader()));

    Path file = apiFile(artifact);
    List<String> expected = Files.exists(file)
        ? Files.readAllLines(file, StandardCharsets.UTF_8)
        : List.of();
    if (Boolean.getBoolean(UPDATE)) {
      if (!actual.equals(expected)) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", actual) + "\n", StandardCharsets.UTF_8);
      }
      return;
    }
    if (!Files.exists(file)) {
      fail("%s has no API file %s yet: run %s and commit the file", artifact, file, REGENERATE);
    }
    if (!actual.equals(expected)) {
      fail("The public API of %s is not what %s/api/%s.api says (- file, + compiled classes):%n"
          + "%s%nIf the change is intended, regenerate the file and commit it with the change:%n"
          + "  %s", artifact, artifact, artifact, LineDiff.unified(expected, actual, 2),
          REGENERATE);
    }
  }

  /** {@code <repository>/<artifact>/api/<artifact>.api}; tests run in nebula-examples. */
  private static Path apiFile(String artifact) {
    Path root = Path.of("").toAbsolutePath().getParent();
    assertThat(root.resolve(artifact).resolve("pom.xml"))
        .as("the repository root, seen from the test's working directory")
        .exists();
    return root.resolve(artifact).resolve("api").resolve(artifact + ".api");
  }

  /** The module (jar or classes directory) {@code anchor} was loaded from. */
  static ModuleReference moduleOf(Class<?> anchor) {
    Path location;
    try {
      location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    Set<ModuleReference> modules = ModuleFinder.of(location).findAll();
    assertThat(modules).as("modules at %s", location).hasSize(1);
    return modules.iterator().next();
  }
}
