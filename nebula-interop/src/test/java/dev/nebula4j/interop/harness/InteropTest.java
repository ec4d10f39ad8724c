package dev.nebula4j.interop.harness;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks an interop test class: the class is skipped with the reason ({@link InteropAssumptions})
 * where namespaces or Go nebula are unavailable, and test methods (and {@code @BeforeEach}/{@code
 * @BeforeAll} methods) may declare an {@link InteropLab} parameter whose resources are released
 * after the test (or the class), whether it passed or not. A failed test's report gets the lab's
 * {@link InteropLab#diagnostics()} (last Go log lines) on stderr. Tagged {@code interop}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag("interop")
@ExtendWith(InteropExtension.class)
public @interface InteropTest {}
