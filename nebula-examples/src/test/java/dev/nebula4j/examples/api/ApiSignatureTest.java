package dev.nebula4j.examples.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link ApiSignature} writes for each kind of declaration in {@link ApiFixture}. */
class ApiSignatureTest {
  private static final String F = "dev.nebula4j.examples.api.ApiFixture";

  private static List<String> render(Class<?> type) throws IOException {
    String resource = type.getName().replace('.', '/') + ".class";
    try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
      return ApiSignature.ofType(type, in.readAllBytes());
    }
  }

  @Test
  void constantsShowTheirValueAsALiteralOtherFieldsDoNot() throws IOException {
    assertThat(render(ApiFixture.class)).containsExactly(
        "public final class " + F,
        "  public static final long BIG = 1099511627776L",
        "  public static final int COMPUTED",
        "  public static final float HALF = 0.5f",
        "  public static final String NAME = \"a \\\"quoted\\\"\\tname\\n\\u00e9\"",
        "  public static final Object OBJECT",
        "  public static final boolean ON = true",
        "  public static final char QUOTE = '\\''",
        "  public static final byte SMALL = -7",
        "  public static final double THIRD = 0.3333333333333333",
        "  public static Runnable anonymous()");
  }

  @Test
  void genericSignaturesVarargsThrowsAndOnlyPublicOrProtectedMembers() throws IOException {
    assertThat(render(ApiFixture.Base.class)).containsExactly(
        "public abstract static class " + F + ".Base<T extends Comparable<? super T>>"
            + " implements Iterable<T>, java.io.Serializable",
        "  protected int counter",
        "  protected Base(T, String...)",
        "  public final java.util.List<? super T>[] arrays()",
        "  public abstract <E extends Exception> T first(java.util.function.Supplier<? extends T>)"
            + " throws E, java.io.IOException",
        "  protected void hook()",
        "  @Deprecated(forRemoval=true) public static <K, V extends Number & Comparable<V>>"
            + " java.util.Map<K, java.util.List<V>> index(java.util.Map<? extends K, V>)",
        "  public java.util.Iterator<T> iterator()");
  }

  @Test
  void memberTypesAsInSource() throws IOException {
    assertThat(render(ApiFixture.Base.Nested.class)).containsExactly(
        "protected static class " + F + ".Base.Nested",
        "  protected Nested()");
    assertThat(render(ApiFixture.Base.Inner.class)).containsExactly(
        "public class " + F + ".Base.Inner",
        "  public Inner(String)");
    assertThat(render(ApiFixture.Callback.class)).containsExactly(
        "@FunctionalInterface public interface " + F + ".Callback",
        "  public void call(int...)");
    assertThat(render(ApiFixture.Marker.class)).containsExactly(
        "public @interface " + F + ".Marker",
        "  public int[] numbers() default {1, 2}",
        "  public Class<?> type() default Object.class",
        "  public String value() default \"m\"");
  }

  @Test
  void sealedHierarchyWithPermitsRecordComponentsAndNonSealed() throws IOException {
    assertThat(render(ApiFixture.Shape.class)).containsExactly(
        "public sealed interface " + F + ".Shape permits " + F + ".Circle, " + F + ".Polygon, "
            + F + ".Square",
        "  public double area()",
        "  public default String describe()",
        "  public static " + F + ".Shape unit()");
    // components in declaration order; accessors, equals, hashCode, toString implied by "record"
    assertThat(render(ApiFixture.Circle.class)).containsExactly(
        "public record " + F + ".Circle implements " + F + ".Shape",
        "  component double radius",
        "  component java.util.List<String> labels",
        "  public Circle(double, java.util.List<String>)",
        "  public double area()",
        "  public static " + F + ".Circle of(double)");
    assertThat(render(ApiFixture.Square.class)).containsExactly(
        "public static final class " + F + ".Square implements " + F + ".Shape",
        "  public Square()",
        "  public double area()");
    assertThat(render(ApiFixture.Polygon.class)).containsExactly(
        "public static non-sealed class " + F + ".Polygon implements " + F + ".Shape",
        "  public Polygon()",
        "  public double area()");
  }

  @Test
  void enumConstantsInDeclarationOrderWithoutValuesAndValueOf() throws IOException {
    assertThat(render(ApiFixture.Level.class)).containsExactly(
        "public enum " + F + ".Level implements java.util.function.Supplier<String>",
        "  enum constant LOW",
        "  enum constant HIGH",
        "  enum constant MEDIUM",
        "  public String get()");
  }

  @Test
  void onlyTypesAUserCanNameAreApi() {
    assertThat(ApiSignature.isApi(ApiFixture.class)).isTrue();
    assertThat(ApiSignature.isApi(ApiFixture.Base.Nested.class)).isTrue();
    assertThat(ApiSignature.isApi(ApiFixture.Base.Inner.class)).isTrue();
    assertThat(ApiSignature.isApi(ApiFixture.PackagePrivate.class)).isFalse();
    assertThat(ApiSignature.isApi(ApiFixture.PackagePrivate.Deeper.class)).isFalse();
    Runnable anonymous = ApiFixture.anonymous();
    assertThat(ApiSignature.isApi(anonymous.getClass())).isFalse();
    assertThat(ApiSignature.isApi(ApiSignatureTest.class)).isFalse();
  }
}
