package dev.nebula4j.cli;

import dev.nebula4j.cli.cert.NebulaCertTool;

/**
 * {@code bin/nebula-cert}: a drop-in for Go's {@code nebula-cert} (modes {@code ca}, {@code
 * keygen}, {@code sign}, {@code print}, {@code verify}).
 */
public final class NebulaCertMain {
  private NebulaCertMain() {}

  public static void main(String[] args) {
    System.exit(NebulaCertTool.runWithSystem(args));
  }
}
