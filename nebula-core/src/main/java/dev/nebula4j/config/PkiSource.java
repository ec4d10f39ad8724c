package dev.nebula4j.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a {@code pki.ca}, {@code pki.cert} or {@code pki.key} value comes from. Go reads the value
 * as inline PEM when it contains {@code -----BEGIN}, else as a file path; Go 1.10+ also accepts a
 * {@code pkcs11:} URI for the key. Nothing here reads the file: see {@link PkiCheck}.
 */
public sealed interface PkiSource permits PkiSource.File, PkiSource.Inline, PkiSource.Pkcs11 {

  /** The value as written in the config. */
  String configValue();

  /** Interprets a config string the way Go does. */
  static PkiSource of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.contains("-----BEGIN")) {
      return new Inline(value);
    }
    if (value.startsWith("pkcs11:")) {
      return new Pkcs11(value);
    }
    if (value.isEmpty()) {
      throw new IllegalArgumentException("a pki path or PEM must not be empty");
    }
    return new File(Path.of(value));
  }

  /** A file path, relative paths being relative to the working directory (as in Go). */
  record File(Path path) implements PkiSource {
    public File {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public String configValue() {
      return path.toString();
    }
  }

  /**
   * PEM text written into the config itself. {@link #toString()} never shows the text (it may be a
   * private key); read it with {@link #pem()}.
   */
  record Inline(String pem) implements PkiSource {
    public Inline {
      Objects.requireNonNull(pem, "pem");
      if (!pem.contains("-----BEGIN")) {
        throw new IllegalArgumentException("inline PEM must contain a -----BEGIN line");
      }
    }

    @Override
    public String configValue() {
      return pem;
    }

    /** The first banner, e.g. {@code NEBULA CERTIFICATE}, for messages. */
    public String banner() {
      int b = pem.indexOf("-----BEGIN ");
      int e = b < 0 ? -1 : pem.indexOf("-----", b + 11);
      return b < 0 || e < 0 ? "?" : pem.substring(b + 11, e);
    }

    @Override
    public String toString() {
      return "Inline[" + banner() + ", " + pem.length() + " chars]";
    }
  }

  /** A PKCS#11 URI for the private key (Go 1.10+ pkcs11 builds; nebula4j does not support it). */
  record Pkcs11(String uri) implements PkiSource {
    public Pkcs11 {
      Objects.requireNonNull(uri, "uri");
    }

    @Override
    public String configValue() {
      return uri;
    }
  }
}
