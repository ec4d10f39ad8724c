package dev.nebula4j.interop.harness;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 side of {@link InteropTest}: skips the class unless interop tests can run, resolves
 * {@link InteropLab} parameters, and closes each lab at the end of its scope: a lab resolved for a
 * test method (or its {@code @BeforeEach}) after that test, one resolved for {@code @BeforeAll}
 * after the class. A test method of a class whose {@code @BeforeAll} took a lab gets that same
 * class-wide lab (JUnit stores are inherited). Labs are kept in the extension store as {@link AutoCloseable}s, so JUnit closes
 * them even if a callback is skipped.
 */
public final class InteropExtension
    implements BeforeAllCallback, AfterEachCallback, AfterAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(InteropExtension.class);
  private static final String LAB = "lab";

  @Override
  public void beforeAll(ExtensionContext context) {
    InteropAssumptions.assumeInteropAvailable();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext context) {
    return parameterContext.getParameter().getType() == InteropLab.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext context) {
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(LAB, k -> InteropLab.create(label(context)), InteropLab.class);
  }

  private static String label(ExtensionContext context) {
    String cls = context.getTestClass().map(Class::getSimpleName).orElse("?");
    return context.getTestMethod().map(m -> cls + "." + m.getName()).orElse(cls);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    closeLab(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    closeLab(context);
  }

  private static void closeLab(ExtensionContext context) {
    InteropLab lab = context.getStore(NAMESPACE).remove(LAB, InteropLab.class);
    if (lab == null) {
      return;
    }
    try {
      if (context.getExecutionException().isPresent()) {
        System.err.println(
            "nebula4j interop: " + context.getDisplayName() + " failed; " + lab.diagnostics());
      }
    } finally {
      lab.close();
    }
  }
}
