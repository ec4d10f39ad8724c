package dev.nebula4j.examples.api;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public API of a module as text: what a user of the jar can compile against, one
 * declaration per line, in an order that depends only on the code (never on reflection order).
 *
 * <pre>
 * module dev.nebula4j.cert                       the module, its "requires transitive"
 *   exports dev.nebula4j.cert                    and its unqualified exports (sorted)
 *
 * public final class dev.nebula4j.cert.CaPool    one block per public (or protected nested)
 *   public static dev.nebula4j.cert.CaPool of(dev.nebula4j.cert.Certificate...)
 *   ...                                          type of those packages, by canonical name
 * </pre>
 *
 * <p>A type line has its modifiers, kind ({@code class}, {@code interface}, {@code enum},
 * {@code record}, {@code @interface}; {@code sealed}/{@code non-sealed}), type parameters,
 * supertypes and {@code permits}. Under it: enum constants (declaration order: it is their
 * ordinal), record components (declaration order), then fields, constructors and methods, each
 * sorted, with generic signatures, varargs and {@code throws}. Public and protected members only;
 * compile-time constants with their value. Left out because the kind implies them: an enum's
 * {@code values()}/{@code valueOf(String)}, a record's accessors, {@code equals}, {@code
 * hashCode} and {@code toString}. Types outside {@code java.lang} are fully qualified.
 */
final class ApiSignature {
  private static final String CLASS_SUFFIX = ".class";

  private ApiSignature() {}

  /**
   * The API of {@code module}: the public and protected types of the packages it exports to
   * everyone, loaded (without initialization) through {@code loader}.
   */
  static List<String> ofModule(ModuleReference module, ClassLoader loader) throws IOException {
    ModuleDescriptor descriptor = module.descriptor();
    Set<String> exported = new TreeSet<>();
    for (ModuleDescriptor.Exports export : descriptor.exports()) {
      if (!export.isQualified()) {
        exported.add(export.source());
      }
    }
    List<String> lines = new ArrayList<>();
    lines.add("module " + descriptor.name());
    descriptor.requires().stream()
        .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
        .map(ModuleDescriptor.Requires::name).sorted()
        .forEach(name -> lines.add("  requires transitive " + name));
    exported.forEach(p -> lines.add("  exports " + p));

    Map<String, List<String>> types = new TreeMap<>(); // canonical name -> its block
    try (ModuleReader reader = module.open()) {
      List<String> classFiles;
      try (Stream<String> resources = reader.list()) {
        classFiles = resources.filter(r -> r.endsWith(CLASS_SUFFIX))
            .filter(r -> exported.contains(packageOf(r)))
            .filter(r -> !r.endsWith("/package-info.class"))
            .collect(Collectors.toList());
      }
      for (String classFile : classFiles) {
        String binaryName =
            classFile.substring(0, classFile.length() - CLASS_SUFFIX.length()).replace('/', '.');
        Class<?> type = load(binaryName, loader);
        if (isApi(type)) {
          byte[] bytes;
          try (InputStream in = reader.open(classFile).orElseThrow()) {
            bytes = in.readAllBytes();
          }
          types.put(type.getCanonicalName(), ofType(type, bytes));
        }
      }
    }
    for (List<String> block : types.values()) {
      lines.add("");
      lines.addAll(block);
    }
    return lines;
  }

  /** One type's block: its declaration line, then its members indented by two spaces. */
  static List<String> ofType(Class<?> type, byte[] classFile) {
    List<String> lines = new ArrayList<>();
    lines.add(declaration(type));
    ClassFileFields fileFields = ClassFileFields.parse(classFile, type.getName());
    Map<String, Field> fields = new TreeMap<>();
    for (Field f : type.getDeclaredFields()) {
      if (isVisible(f.getModifiers()) && !f.isSynthetic()) {
        fields.put(f.getName(), f);
      }
    }
    if (type.isEnum()) {
      for (String name : fileFields.names()) {
        Field f = fields.get(name);
        if (f != null && f.isEnumConstant()) {
          lines.add("  " + annotations(f) + "enum constant " + name);
        }
      }
    }
    if (type.isRecord()) {
      for (RecordComponent c : type.getRecordComponents()) {
        lines.add("  " + annotations(c) + "component " + name(c.getGenericType()) + " "
            + c.getName());
      }
    }
    for (Field f : fields.values()) {
      if (!f.isEnumConstant()) {
        lines.add("  " + field(f, fileFields.constant(f.getName())));
      }
    }
    lines.addAll(sortedMembers(Arrays.stream(type.getDeclaredConstructors())
        .filter(c -> isVisible(c.getModifiers()) && !c.isSynthetic())
        .map(c -> new Member(type.getSimpleName(), executable(c, type)))));
    lines.addAll(sortedMembers(Arrays.stream(type.getDeclaredMethods())
        .filter(m -> isVisible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge())
        .filter(m -> !impliedByKind(type, m))
        .map(m -> new Member(m.getName(), executable(m, type)))));
    return lines;
  }

  /** A public type, or a public/protected member type all of whose enclosing types are API. */
  static boolean isApi(Class<?> type) {
    if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()) {
      return false;
    }
    Class<?> enclosing = type.getDeclaringClass();
    if (enclosing == null) {
      return Modifier.isPublic(type.getModifiers());
    }
    return isVisible(type.getModifiers()) && isApi(enclosing);
  }

  private static boolean isVisible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static String packageOf(String resource) {
    int slash = resource.lastIndexOf('/');
    return slash < 0 ? "" : resource.substring(0, slash).replace('/', '.');
  }

  private static Class<?> load(String binaryName, ClassLoader loader) {
    try {
      return Class.forName(binaryName, false, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          binaryName + " is in the module but not visible to the class loader " + loader, e);
    }
  }

  // ---------------------------------------------------------------- declarations

  private static String declaration(Class<?> type) {
    StringBuilder s = new StringBuilder(annotations(type));
    int modifiers = type.getModifiers();
    s.append(Modifier.isPublic(modifiers) ? "public " : "protected ");
    String kind;
    if (type.isAnnotation()) {
      kind = "@interface";
    } else if (type.isInterface()) {
      kind = "interface";
    } else if (type.isEnum()) {
      kind = "enum";
    } else if (type.isRecord()) {
      kind = "record";
    } else {
      kind = "class";
      if (Modifier.isAbstract(modifiers)) {
        s.append("abstract ");
      }
      if (type.getDeclaringClass() != null && Modifier.isStatic(modifiers)) {
        s.append("static ");
      }
      if (Modifier.isFinal(modifiers)) {
        s.append("final ");
      }
    }
    boolean sealable = kind.equals("class") || kind.equals("interface");
    if (sealable && type.isSealed()) {
      s.append("sealed ");
    } else if (sealable && !Modifier.isFinal(modifiers) && hasSealedDirectSupertype(type)) {
      s.append("non-sealed ");
    }
    s.append(kind).append(' ').append(type.getCanonicalName())
        .append(typeParameters(type.getTypeParameters()));

    Type superclass = type.getGenericSuperclass();
    if (kind.equals("class") && superclass != Object.class) {
      s.append(" extends ").append(name(superclass));
    }
    if (!type.isAnnotation()) {
      String interfaces = Arrays.stream(type.getGenericInterfaces()).map(ApiSignature::name)
          .sorted().collect(Collectors.joining(", "));
      if (!interfaces.isEmpty()) {
        s.append(type.isInterface() ? " extends " : " implements ").append(interfaces);
      }
    }
    if (sealable && type.isSealed()) {
      s.append(" permits ").append(Arrays.stream(type.getPermittedSubclasses())
          .map(ApiSignature::name).sorted().collect(Collectors.joining(", ")));
    }
    return s.toString();
  }

  private static boolean hasSealedDirectSupertype(Class<?> type) {
    Class<?> superclass = type.getSuperclass();
    if (superclass != null && superclass.isSealed()) {
      return true;
    }
    return Arrays.stream(type.getInterfaces()).anyMatch(Class::isSealed);
  }

  private static String field(Field f, Object constant) {
    StringBuilder s = new StringBuilder(annotations(f));
    s.append(visibility(f.getModifiers()));
    if (Modifier.isStatic(f.getModifiers())) {
      s.append("static ");
    }
    if (Modifier.isFinal(f.getModifiers())) {
      s.append("final ");
    }
    s.append(name(f.getGenericType())).append(' ').append(f.getName());
    if (constant != null) {
      s.append(" = ").append(literal(f.getType(), constant));
    }
    return s.toString();
  }

  private static String executable(Executable e, Class<?> owner) {
    StringBuilder s = new StringBuilder(annotations(e));
    int modifiers = e.getModifiers();
    s.append(visibility(modifiers));
    if (e instanceof Method) {
      Method m = (Method) e;
      if (m.isDefault()) {
        s.append("default ");
      } else if (Modifier.isAbstract(modifiers) && !owner.isInterface()) {
        s.append("abstract ");
      }
      if (Modifier.isStatic(modifiers)) {
        s.append("static ");
      }
      // final says something only where a subclass could override
      boolean ownerFinal = Modifier.isFinal(owner.getModifiers()) || owner.isEnum()
          || owner.isRecord();
      if (Modifier.isFinal(modifiers) && !ownerFinal) {
        s.append("final ");
      }
    }
    String typeParameters = typeParameters(e.getTypeParameters());
    if (!typeParameters.isEmpty()) {
      s.append(typeParameters).append(' ');
    }
    if (e instanceof Method) {
      Method m = (Method) e;
      s.append(name(m.getGenericReturnType())).append(' ').append(m.getName());
    } else {
      s.append(owner.getSimpleName());
    }
    List<String> parameters = Arrays.stream(e.getGenericParameterTypes()).map(ApiSignature::name)
        .collect(Collectors.toList());
    boolean inner = owner.getDeclaringClass() != null && !Modifier.isStatic(owner.getModifiers());
    if (e instanceof Constructor && inner && parameters.size() == e.getParameterCount()) {
      // without a generic signature reflection lists the enclosing instance; source does not
      parameters.remove(0);
    }
    if (e.isVarArgs()) {
      int last = parameters.size() - 1;
      String array = parameters.get(last);
      parameters.set(last, array.substring(0, array.length() - 2) + "...");
    }
    s.append('(').append(String.join(", ", parameters)).append(')');
    Type[] exceptions = e.getGenericExceptionTypes();
    if (exceptions.length > 0) {
      s.append(" throws ").append(Arrays.stream(exceptions).map(ApiSignature::name).sorted()
          .collect(Collectors.joining(", ")));
    }
    if (e instanceof Method && ((Method) e).getDefaultValue() != null) {
      s.append(" default ").append(annotationValue(((Method) e).getDefaultValue()));
    }
    return s.toString();
  }

  /** What every enum or record has, so the kind on the type line says it already. */
  private static boolean impliedByKind(Class<?> type, Method m) {
    String name = m.getName();
    int parameters = m.getParameterCount();
    if (type.isEnum() && Modifier.isStatic(m.getModifiers())) {
      return (name.equals("values") && parameters == 0)
          || (name.equals("valueOf") && parameters == 1
              && m.getParameterTypes()[0] == String.class);
    }
    if (type.isRecord() && !Modifier.isStatic(m.getModifiers())) {
      if (parameters == 0 && (name.equals("hashCode") || name.equals("toString"))) {
        return true;
      }
      if (parameters == 1 && name.equals("equals") && m.getParameterTypes()[0] == Object.class) {
        return true;
      }
      return parameters == 0 && Arrays.stream(type.getRecordComponents())
          .anyMatch(c -> c.getName().equals(name));
    }
    return false;
  }

  private static String visibility(int modifiers) {
    return Modifier.isPublic(modifiers) ? "public " : "protected ";
  }

  private static String annotations(java.lang.reflect.AnnotatedElement element) {
    StringBuilder s = new StringBuilder();
    if (element.isAnnotationPresent(Deprecated.class)) {
      Deprecated d = element.getAnnotation(Deprecated.class);
      s.append(d.forRemoval() ? "@Deprecated(forRemoval=true) " : "@Deprecated ");
    }
    if (element.isAnnotationPresent(FunctionalInterface.class)) {
      s.append("@FunctionalInterface ");
    }
    return s.toString();
  }

  // ---------------------------------------------------------------- types and values

  private static String typeParameters(TypeVariable<?>[] variables) {
    if (variables.length == 0) {
      return "";
    }
    return Arrays.stream(variables).map(v -> {
      List<Type> bounds = Arrays.asList(v.getBounds());
      if (bounds.equals(List.of(Object.class))) {
        return v.getName();
      }
      return v.getName() + " extends "
          + bounds.stream().map(ApiSignature::name).collect(Collectors.joining(" & "));
    }).collect(Collectors.joining(", ", "<", ">"));
  }

  /** A type as in source, fully qualified except for {@code java.lang}'s own types. */
  static String name(Type type) {
    if (type instanceof Class) {
      Class<?> c = (Class<?>) type;
      if (c.isArray()) {
        return name(c.getComponentType()) + "[]";
      }
      if (c.isPrimitive()) {
        return c.getName();
      }
      String canonical = c.getCanonicalName();
      String packageName = c.getPackageName();
      if (packageName.equals("java.lang") && canonical.indexOf('.', "java.lang.".length()) < 0) {
        return canonical.substring("java.lang.".length());
      }
      return canonical;
    }
    if (type instanceof ParameterizedType) {
      ParameterizedType p = (ParameterizedType) type;
      Class<?> raw = (Class<?>) p.getRawType();
      String base = p.getOwnerType() instanceof ParameterizedType
          ? name(p.getOwnerType()) + "." + raw.getSimpleName()
          : name(raw);
      return base + Arrays.stream(p.getActualTypeArguments()).map(ApiSignature::name)
          .collect(Collectors.joining(", ", "<", ">"));
    }
    if (type instanceof WildcardType) {
      WildcardType w = (WildcardType) type;
      if (w.getLowerBounds().length > 0) {
        return "? super " + bounds(w.getLowerBounds());
      }
      if (w.getUpperBounds().length == 0 || w.getUpperBounds()[0] == Object.class) {
        return "?";
      }
      return "? extends " + bounds(w.getUpperBounds());
    }
    if (type instanceof TypeVariable) {
      return ((TypeVariable<?>) type).getName();
    }
    if (type instanceof GenericArrayType) {
      return name(((GenericArrayType) type).getGenericComponentType()) + "[]";
    }
    throw new IllegalArgumentException("unknown kind of type: " + type);
  }

  private static String bounds(Type[] bounds) {
    return Arrays.stream(bounds).map(ApiSignature::name).collect(Collectors.joining(" & "));
  }

  /** A constant as a Java literal of the field's type. */
  static String literal(Class<?> type, Object value) {
    if (type == String.class) {
      return quote((String) value, '"');
    }
    if (type == boolean.class) {
      return ((Integer) value) != 0 ? "true" : "false";
    }
    if (type == char.class) {
      return quote(String.valueOf((char) ((Integer) value).intValue()), '\'');
    }
    if (type == long.class) {
      return value + "L";
    }
    if (type == float.class) {
      return value + "f";
    }
    return String.valueOf(value); // int, short, byte, double
  }

  private static String annotationValue(Object value) {
    if (value instanceof String) {
      return quote((String) value, '"');
    }
    if (value.getClass().isArray()) {
      int length = java.lang.reflect.Array.getLength(value);
      List<String> elements = new ArrayList<>();
      for (int i = 0; i < length; i++) {
        elements.add(annotationValue(java.lang.reflect.Array.get(value, i)));
      }
      return elements.stream().collect(Collectors.joining(", ", "{", "}"));
    }
    if (value instanceof Class) {
      return name((Class<?>) value) + ".class";
    }
    return String.valueOf(value);
  }

  private static String quote(String text, char quote) {
    StringBuilder s = new StringBuilder().append(quote);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == quote || c == '\\') {
        s.append('\\').append(c);
      } else if (c == '\n') {
        s.append("\\n");
      } else if (c == '\t') {
        s.append("\\t");
      } else if (c == '\r') {
        s.append("\\r");
      } else if (c < 0x20 || c > 0x7e) {
        s.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        s.append(c);
      }
    }
    return s.append(quote).toString();
  }

  private static List<String> sortedMembers(Stream<Member> members) {
    return members.sorted(Comparator.comparing(Member::name).thenComparing(Member::line))
        .map(m -> "  " + m.line()).collect(Collectors.toList());
  }

  /** A constructor or method line with the name it sorts by. */
  private record Member(String name, String line) {}
}
