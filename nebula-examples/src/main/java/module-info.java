/**
 * Examples of nebula4j as a library: the in-process demo mesh and small embedding patterns.
 * They use only the exported API of {@code dev.nebula4j.core} and {@code dev.nebula4j.cert}.
 */
module dev.nebula4j.examples {
  requires dev.nebula4j.core;

  exports dev.nebula4j.examples;
}
