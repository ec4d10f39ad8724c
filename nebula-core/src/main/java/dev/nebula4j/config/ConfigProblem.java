package dev.nebula4j.config;

import java.util.Objects;
import java.util.Optional;

/**
 * One thing wrong (or worth a warning) in a {@code config.yaml}: where it is, why, and the text
 * that caused it. Tests and tools assert on the fields, never on the message.
 *
 * @param severity whether loading fails ({@link Severity#ERROR}) or only warns
 * @param path the YAML path of the offending key, e.g. {@code firewall.inbound[1].port} or {@code
 *     static_host_map."10.10.10.1"[0]}; empty for whole-file problems
 * @param reason what kind of problem this is
 * @param value the offending text as written (empty when the key is missing)
 * @param location file, line and column where known
 * @param message a sentence for people, naming the key and what was expected
 */
public record ConfigProblem(
    Severity severity,
    String path,
    Reason reason,
    String value,
    Optional<ConfigLocation> location,
    String message) {

  /** Whether the problem stops the config from loading. */
  public enum Severity {
    ERROR,
    WARNING
  }

  /** Why a value was refused or flagged. */
  public enum Reason {
    /** The file is not YAML (syntax error, unknown alias, non-map document). */
    YAML_SYNTAX,
    /** The input exceeds the parser limits (size, nesting depth, node count, alias expansion). */
    TOO_LARGE,
    /** No config at all: empty string, empty directory, no {@code *.yml}/{@code *.yaml} files. */
    EMPTY_CONFIG,
    /** A file or directory could not be read. */
    UNREADABLE_FILE,
    /** A key appears twice in one mapping; Go keeps the last one. */
    DUPLICATE_KEY,
    /** A map where a list was expected, a list where a scalar was expected, etc. */
    WRONG_TYPE,
    /** A required key is missing or empty. */
    MISSING_KEY,
    /** Not a Go duration ({@code 12m}, {@code 1h30m}, {@code 200ms}). */
    INVALID_DURATION,
    /** Not a Go boolean ({@code true/false/1/0/t/f/yes/no/y/n}). */
    INVALID_BOOLEAN,
    /** Not a base-10 integer. */
    INVALID_INTEGER,
    /** A number outside the allowed range. */
    OUT_OF_RANGE,
    /** A firewall port selector that is not {@code any}, {@code fragment}, {@code N} or {@code N-M}. */
    INVALID_PORT,
    /** A firewall {@code proto} other than {@code any}, {@code tcp}, {@code udp}, {@code icmp}. */
    INVALID_PROTOCOL,
    /** Not a CIDR ({@code 10.0.0.0/8}). */
    INVALID_CIDR,
    /** Not an IP address, or not a {@code host:port} with a valid host. */
    INVALID_ADDRESS,
    /** A word outside the allowed set (cipher, log level, action, ...). */
    INVALID_VALUE,
    /** Two keys that cannot be combined, or a combination Go refuses. */
    CONFLICT,
    /** Go nebula ignores this key (unknown to every release read); so do we. */
    UNKNOWN_KEY,
    /** Accepted and kept for Go nodes, but nebula4j does not run this feature. */
    NOT_IMPLEMENTED,
    /** A legacy spelling that still works. */
    DEPRECATED,
    /** A {@code pki} file that does not exist or cannot be read. */
    MISSING_FILE,
    /** PEM text that does not decode (banner, base64, content). */
    INVALID_PEM,
    /** A certificate that parses but is not usable (expired, no networks, not a CA, ...). */
    INVALID_CERTIFICATE,
    /** The private key does not belong to the certificate. */
    KEY_MISMATCH,
    /** A file name that does not match the certificate name (a likely copy-paste slip). */
    NAME_MISMATCH,
    /** An address outside (or inside) the certificate's networks where Go requires otherwise. */
    NOT_IN_NETWORK
  }

  public ConfigProblem {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(message, "message");
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** The line (1-based) where known, else 0. */
  public int line() {
    return location.map(ConfigLocation::line).orElse(0);
  }

  /**
   * One line for people: {@code ERROR firewall.inbound[1].port (config.yaml:23:13): message}.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append(severity).append(' ');
    if (!path.isEmpty()) {
      sb.append(path).append(' ');
    }
    location.ifPresent(l -> sb.append('(').append(l).append(") "));
    sb.append(message);
    return sb.toString();
  }
}
