package dev.nebula4j.internal.cert;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Writes key and certificate files as Go's {@code nebula-cert} does: mode 0600. */
public final class SecureFiles {
  private static final Set<PosixFilePermission> OWNER_RW = PosixFilePermissions.fromString("rw-------");

  private SecureFiles() {}

  /** Creates {@code file} with mode 0600; fails with {@link FileAlreadyExistsException} if it exists. */
  public static void writeNew(Path file, byte[] data) throws IOException {
    try (OutputStream out = Files.newOutputStream(create(file, true), StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      out.write(data);
    }
  }

  /**
   * Writes {@code file}, replacing its content if it exists (keeping its mode, as Go's
   * {@code os.WriteFile}), creating it with mode 0600 otherwise.
   */
  public static void write(Path file, byte[] data) throws IOException {
    if (!Files.exists(file)) {
      create(file, false);
    }
    Files.write(file, data, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
  }

  private static Path create(Path file, boolean mustBeNew) throws IOException {
    try {
      if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(OWNER_RW);
        Files.createFile(file, attr);
        // the umask may have removed bits we asked for, never added: set exactly 0600
        Files.setPosixFilePermissions(file, OWNER_RW);
      } else {
        Files.createFile(file);
      }
    } catch (FileAlreadyExistsException e) {
      if (mustBeNew) {
        throw e;
      }
    }
    return file;
  }
}
