package dev.nebula4j.examples.api;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of a class file in declaration order and the compile-time constant of each that has
 * one ({@code ConstantValue} attribute, JVMS §4.7.2).
 *
 * <p>Read from the bytes rather than through reflection: reflection orders fields as it likes and
 * reading a value would run the class's static initializer. Only what javac inlines into callers
 * counts as a constant, so {@code static final Duration X = ...} has none.
 */
final class ClassFileFields {
  private static final int MAGIC = 0xCAFEBABE;

  private final List<String> names;
  private final Map<String, Object> constants;

  private ClassFileFields(List<String> names, Map<String, Object> constants) {
    this.names = Collections.unmodifiableList(names);
    this.constants = Collections.unmodifiableMap(constants);
  }

  /** Field names in class-file order (javac writes them in declaration order). */
  List<String> names() {
    return names;
  }

  /**
   * The constant of field {@code name}: {@link Integer} (also for {@code byte}, {@code short},
   * {@code char}, {@code boolean}), {@link Long}, {@link Float}, {@link Double} or {@link String};
   * {@code null} if it has none.
   */
  Object constant(String name) {
    return constants.get(name);
  }

  /** Parses {@code classFile}; {@code what} names it in errors. */
  static ClassFileFields parse(byte[] classFile, String what) {
    try {
      return read(new DataInputStream(new ByteArrayInputStream(classFile)), what);
    } catch (IOException e) {
      throw new IllegalArgumentException(what + ": truncated class file", e);
    }
  }

  private static ClassFileFields read(DataInputStream in, String what) throws IOException {
    if (in.readInt() != MAGIC) {
      throw new IllegalArgumentException(what + ": not a class file (bad magic)");
    }
    in.readUnsignedShort(); // minor version
    in.readUnsignedShort(); // major version
    Object[] pool = readConstantPool(in, what);
    in.readUnsignedShort(); // access flags
    in.readUnsignedShort(); // this_class
    in.readUnsignedShort(); // super_class
    in.skipNBytes(2L * in.readUnsignedShort()); // interfaces
    int fieldCount = in.readUnsignedShort();
    List<String> names = new ArrayList<>(fieldCount);
    Map<String, Object> constants = new HashMap<>();
    for (int f = 0; f < fieldCount; f++) {
      in.readUnsignedShort(); // access flags
      String name = (String) pool[in.readUnsignedShort()];
      in.readUnsignedShort(); // descriptor
      names.add(name);
      int attributes = in.readUnsignedShort();
      for (int a = 0; a < attributes; a++) {
        String attribute = (String) pool[in.readUnsignedShort()];
        int length = in.readInt();
        if (attribute.equals("ConstantValue")) {
          Object value = pool[in.readUnsignedShort()];
          constants.put(name, value instanceof StringRef ? pool[((StringRef) value).utf8] : value);
        } else {
          in.skipNBytes(length);
        }
      }
    }
    return new ClassFileFields(names, constants);
  }

  /** The constant pool; entries the field table cannot refer to stay {@code null}. */
  private static Object[] readConstantPool(DataInputStream in, String what) throws IOException {
    Object[] pool = new Object[in.readUnsignedShort()];
    for (int i = 1; i < pool.length; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1: // Utf8: u2 length + modified UTF-8, exactly what readUTF reads
          pool[i] = in.readUTF();
          break;
        case 3:
          pool[i] = in.readInt();
          break;
        case 4:
          pool[i] = in.readFloat();
          break;
        case 5: // Long and Double take two slots
          pool[i++] = in.readLong();
          break;
        case 6:
          pool[i++] = in.readDouble();
          break;
        case 8:
          pool[i] = new StringRef(in.readUnsignedShort());
          break;
        case 7: // Class
        case 16: // MethodType
        case 19: // Module
        case 20: // Package
          in.skipNBytes(2);
          break;
        case 15: // MethodHandle
          in.skipNBytes(3);
          break;
        case 9: // Fieldref
        case 10: // Methodref
        case 11: // InterfaceMethodref
        case 12: // NameAndType
        case 17: // Dynamic
        case 18: // InvokeDynamic
          in.skipNBytes(4);
          break;
        default:
          throw new IllegalArgumentException(
              what + ": unknown constant pool tag " + tag + " at index " + i);
      }
    }
    return pool;
  }

  /** A {@code CONSTANT_String}: the index of its Utf8 entry, resolved after the pool is read. */
  private static final class StringRef {
    final int utf8;

    StringRef(int utf8) {
      this.utf8 = utf8;
    }
  }
}
