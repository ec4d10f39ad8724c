package dev.nebula4j.examples.api;

import java.io.IOException;
import java.io.Serializable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Declarations of every shape {@link ApiSignature} renders, for {@code ApiSignatureTest}: a
 * public top-level type whose members are public, protected, package-private and private.
 */
@SuppressWarnings("unused")
public final class ApiFixture {
  public static final String NAME = "a \"quoted\"\tname\n\u00e9";
  public static final char QUOTE = '\'';
  public static final boolean ON = true;
  public static final long BIG = 1L << 40;
  public static final float HALF = 0.5f;
  public static final double THIRD = 1.0 / 3;
  public static final byte SMALL = -7;
  /** Not a compile-time constant: computed when the class is initialized. */
  public static final int COMPUTED = Integer.parseInt("7");
  /** Not a constant either: only primitives and strings are. */
  public static final Object OBJECT = "x";
  static final int PACKAGE_PRIVATE = 1;
  private static final int PRIVATE = 2;

  private ApiFixture() {}

  /** An abstract generic base class with members of every visibility. */
  public abstract static class Base<T extends Comparable<? super T>>
      implements Iterable<T>, Serializable {
    private static final long serialVersionUID = 1L;
    protected int counter;
    int packagePrivate;
    private int hidden;

    protected Base(T first, String... rest) {}

    Base() {}

    public abstract <E extends Exception> T first(Supplier<? extends T> fallback)
        throws IOException, E;

    public final List<? super T>[] arrays() {
      return null;
    }

    @Deprecated(forRemoval = true)
    public static <K, V extends Number & Comparable<V>> Map<K, List<V>> index(
        Map<? extends K, V> values) {
      return null;
    }

    protected void hook() {}

    void packageHook() {}

    private void privateHook() {}

    @Override
    public Iterator<T> iterator() {
      return List.<T>of().iterator();
    }

    /** Visible to subclasses outside the package. */
    protected static class Nested {}

    /** An inner (non-static) class: its constructor takes no outer instance in source. */
    public class Inner {
      public Inner(String label) {}
    }
  }

  /** Not API: package-private, so its public member type is unreachable as well. */
  static class PackagePrivate {
    public static class Deeper {}
  }

  /** A sealed hierarchy with a record, a final class and a non-sealed class. */
  public sealed interface Shape permits Circle, Square, Polygon {
    double area();

    default String describe() {
      return getClass().getSimpleName();
    }

    static Shape unit() {
      return new Square();
    }
  }

  /** A record with a compact constructor, an explicit accessor and a static factory. */
  public record Circle(double radius, List<String> labels) implements Shape {
    public Circle {
      labels = List.copyOf(labels);
    }

    @Override
    public double radius() {
      return radius;
    }

    @Override
    public double area() {
      return Math.PI * radius * radius;
    }

    public static Circle of(double radius) {
      return new Circle(radius, List.of());
    }
  }

  /** A final member of the sealed hierarchy. */
  public static final class Square implements Shape {
    @Override
    public double area() {
      return 1;
    }
  }

  /** Open again below the sealed interface. */
  public non-sealed static class Polygon implements Shape {
    @Override
    public double area() {
      return 0;
    }
  }

  /** Constants in declaration order (not alphabetical), one with a body. */
  public enum Level implements Supplier<String> {
    LOW,
    HIGH {
      @Override
      public String get() {
        return "high";
      }
    },
    MEDIUM;

    @Override
    public String get() {
      return name();
    }
  }

  /** An annotation type with defaults. */
  @Retention(RetentionPolicy.RUNTIME)
  public @interface Marker {
    String value() default "m";

    int[] numbers() default {1, 2};

    Class<?> type() default Object.class;
  }

  /** A functional interface. */
  @FunctionalInterface
  public interface Callback {
    void call(int... values);
  }

  /** Something that anonymous and local classes are made in. */
  public static Runnable anonymous() {
    class Local implements Runnable {
      @Override
      public void run() {}
    }
    return new Runnable() {
      @Override
      public void run() {
        new Local().run();
      }
    };
  }
}
