package dev.nebula4j.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/** Argument checks shared by the section records and their builders; messages name the key. */
final class Checks {
  private Checks() {}

  static int range(int v, long min, long max, String key) {
    if (v < min || v > max) {
      throw new IllegalArgumentException(key + " must be in " + min + ".." + max + ", was " + v);
    }
    return v;
  }

  static Duration nonNegative(Duration d, String key) {
    Objects.requireNonNull(d, key);
    if (d.isNegative()) {
      throw new IllegalArgumentException(key + " must not be negative, was " + GoDuration.format(d));
    }
    return d;
  }

  static Duration positive(Duration d, String key) {
    Objects.requireNonNull(d, key);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(key + " must be positive, was " + GoDuration.format(d));
    }
    return d;
  }

  static Duration wholeSeconds(Duration d, String key) {
    nonNegative(d, key);
    if (d.getNano() != 0) {
      throw new IllegalArgumentException(
          key + " is a whole number of seconds in Go's config, was " + GoDuration.format(d));
    }
    if (d.getSeconds() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(key + " is too large: " + d.getSeconds() + "s");
    }
    return d;
  }

  static String notNull(String s, String key) {
    return Objects.requireNonNull(s, key);
  }

  static String notEmpty(String s, String key) {
    Objects.requireNonNull(s, key);
    if (s.isEmpty()) {
      throw new IllegalArgumentException(key + " must not be empty");
    }
    return s;
  }

  static OptionalInt certVersion(OptionalInt v) {
    Objects.requireNonNull(v, "pki.initiating_version");
    if (v.isPresent() && v.getAsInt() != 1 && v.getAsInt() != 2) {
      throw new IllegalArgumentException(
          "pki.initiating_version must be 1 or 2, was " + v.getAsInt());
    }
    return v;
  }

  static Optional<Duration> optionalNonNegative(Optional<Duration> d, String key) {
    Objects.requireNonNull(d, key);
    d.ifPresent(x -> nonNegative(x, key));
    return d;
  }

  /** An unmodifiable copy that keeps insertion order (for writing back) and refuses nulls. */
  static <K, V> Map<K, V> copyOrdered(Map<K, V> m, String key) {
    Objects.requireNonNull(m, key);
    LinkedHashMap<K, V> copy = new LinkedHashMap<>();
    for (Map.Entry<K, V> e : m.entrySet()) {
      copy.put(Objects.requireNonNull(e.getKey(), key), Objects.requireNonNull(e.getValue(), key));
    }
    return Collections.unmodifiableMap(copy);
  }

  static <T> T req(T v, String key) {
    return Objects.requireNonNull(v, key);
  }
}
