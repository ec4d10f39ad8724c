package dev.nebula4j.config;

import dev.nebula4j.internal.config.ConfigTree;
import dev.nebula4j.internal.config.YamlEmitter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a {@link NebulaConfig} as a {@code config.yaml} that Go nebula 1.6.1 and newer accept.
 *
 * <ul>
 *   <li>The keys every release reads (pki, static_host_map, lighthouse am_lighthouse/interval/
 *       hosts, listen host/port, punchy.punch, relay, tun basics, logging level/format, conntrack
 *       timeouts, firewall rules) are always written, so the file documents itself.
 *   <li>Every other key, in particular those newer than 1.6.1 (inbound_action, local_cidr, ECMP
 *       unsafe routes, static_map, ...), is written only when it differs from Go's default. Go
 *       1.6.1 ignores keys it does not know, so such a file still loads there (without the newer
 *       behaviour).
 *   <li>{@code pki.disconnect_invalid} is always written because its default changed in 1.8.
 *   <li>Strings that YAML 1.1 would read as booleans, numbers or null are quoted; inline PEM
 *       becomes a literal block.
 * </ul>
 *
 * Loading the written text gives back an equal {@link NebulaConfig}, with one normalisation: a
 * firewall rule without any host/group/cidr/CA selector is written as {@code host: any}, which is
 * what it means and what Go requires.
 */
public final class ConfigWriter {
  private ConfigWriter() {}

  /** The YAML text. */
  public static String toYaml(NebulaConfig config) {
    return "# written by nebula4j; readable by Go nebula 1.6.1 and newer\n"
        + YamlEmitter.emit(ConfigTree.compact(config));
  }

  /**
   * Writes the YAML to {@code file} (created or replaced), readable only by its owner when the
   * config holds an inline private key.
   */
  public static void write(NebulaConfig config, Path file) throws IOException {
    byte[] bytes = toYaml(config).getBytes(StandardCharsets.UTF_8);
    Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE);
    if (config.pki().key() instanceof PkiSource.Inline) {
      try {
        Files.setPosixFilePermissions(
            file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: nothing more we can do
      }
    }
  }
}
