package dev.nebula4j.cli.cert;

import dev.nebula4j.cert.CertException;
import dev.nebula4j.cert.Certificate;
import dev.nebula4j.cert.CertificateV1;
import dev.nebula4j.cert.Curve;
import dev.nebula4j.config.GoDuration;
import dev.nebula4j.internal.cert.PemBlock;
import dev.nebula4j.internal.cert.PemCodec;
import dev.nebula4j.net.IpNetwork;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One {@code nebula-cert} mode: its picocli-declared flags, summary and behaviour. */
abstract class Mode {
  /** The mode's one-line summary, as Go prints it in usage. */
  abstract String summary();

  /** Runs the mode with flags already bound into the subclass's fields. */
  abstract void run(CliContext ctx) throws CliException;

  /** Go's {@code mustFlagString}. */
  static void required(String flag, String value) throws CliException {
    if (value == null || value.isEmpty()) {
      throw CliException.usage("-" + flag + " is required");
    }
  }

  /** A {@code duration} flag value, with Go's flag error. */
  static Duration duration(String flag, String value) throws CliException {
    try {
      return GoDuration.parse(value);
    } catch (IllegalArgumentException e) {
      throw CliException.flag("invalid value \"" + value + "\" for flag -" + flag + ": parse error");
    }
  }

  /** A {@code uint} flag value ({@code strconv.ParseUint(s, 0, 64)}), with Go's flag error. */
  static long uint(String flag, String value) throws CliException {
    try {
      String v = value.replace("_", "");
      BigInteger n;
      if (v.startsWith("0x") || v.startsWith("0X")) {
        n = new BigInteger(v.substring(2), 16);
      } else if (v.startsWith("0b") || v.startsWith("0B")) {
        n = new BigInteger(v.substring(2), 2);
      } else if (v.startsWith("0o") || v.startsWith("0O")) {
        n = new BigInteger(v.substring(2), 8);
      } else if (v.length() > 1 && v.startsWith("0")) {
        n = new BigInteger(v.substring(1), 8);
      } else {
        n = new BigInteger(v);
      }
      if (n.signum() < 0 || n.bitLength() > 64 || value.contains("-") || value.contains("+")) {
        throw new NumberFormatException();
      }
      return n.bitLength() > 63 ? Long.MAX_VALUE : n.longValue();
    } catch (NumberFormatException e) {
      throw CliException.flag("invalid value \"" + value + "\" for flag -" + flag + ": parse error");
    }
  }

  /** Comma-separated groups, trimmed, empty entries dropped (Go's parsing). */
  static List<String> groups(String csv) {
    List<String> out = new ArrayList<>();
    if (!csv.isEmpty()) {
      for (String g : csv.split(",", -1)) {
        String t = g.strip();
        if (!t.isEmpty()) {
          out.add(t);
        }
      }
    }
    return out;
  }

  /**
   * Comma-separated IPv4 CIDRs, as Go's {@code ca -ips}, {@code ca/sign -subnets}: spaces
   * trimmed, empty entries dropped; {@code masked} clears host bits (Go does for subnets).
   */
  static List<IpNetwork> cidrs(String csv, String what, boolean masked) throws CliException {
    List<IpNetwork> out = new ArrayList<>();
    if (csv.isEmpty()) {
      return out;
    }
    for (String raw : csv.split(",", -1)) {
      String rs = trimSpaces(raw);
      if (!rs.isEmpty()) {
        IpNetwork n = cidr(rs, what);
        out.add(masked ? n.masked() : n);
      }
    }
    return out;
  }

  /** One IPv4 CIDR with Go's {@code invalid <what> definition: ...} errors. */
  static IpNetwork cidr(String rs, String what) throws CliException {
    IpNetwork n;
    try {
      n = IpNetwork.parse(rs);
    } catch (IllegalArgumentException e) {
      throw CliException.usage("invalid " + what + " definition: invalid CIDR address: " + rs);
    }
    if (!n.isIpv4()) {
      throw CliException.usage("invalid " + what + " definition: can only be ipv4, have " + rs);
    }
    return n;
  }

  /** A {@code -curve} value ({@code 25519}, {@code P256}) with Go's {@code invalid curve} error. */
  static Curve curve(String value) throws CliException {
    try {
      return Curve.parse(value);
    } catch (IllegalArgumentException e) {
      throw CliException.error("invalid curve: " + value);
    }
  }

  /**
   * The PEM block at {@code pos} of {@code raw}, or Go's {@code input did not contain a valid PEM
   * encoded block} after {@code prefix}.
   */
  static PemBlock pemBlock(byte[] raw, int pos, String prefix) throws CliException {
    PemBlock block = PemCodec.decode(raw, pos);
    if (block == null) {
      throw CliException.error(prefix + "input did not contain a valid PEM encoded block");
    }
    return block;
  }

  /**
   * Go's {@code UnmarshalNebulaCertificateFromPEM} on a decoded block: a v1 certificate, or the
   * banner or parse error after {@code prefix}.
   */
  static Certificate certificate(PemBlock block, String prefix) throws CliException {
    if (!Certificate.PEM_BANNER_V1.equals(block.type())) {
      throw CliException.error(prefix + "bytes did not contain a proper nebula certificate banner");
    }
    try {
      return CertificateV1.fromBytes(block.bytes());
    } catch (CertException e) {
      throw CliException.error(prefix + e.getMessage());
    }
  }

  private static String trimSpaces(String s) {
    int a = 0;
    int b = s.length();
    while (a < b && s.charAt(a) == ' ') {
      a++;
    }
    while (b > a && s.charAt(b - 1) == ' ') {
      b--;
    }
    return s.substring(a, b);
  }

  /**
   * The CA passphrase: {@code NEBULA_CA_PASSPHRASE}, else up to five prompts on stderr until a
   * non-empty one is typed.
   */
  static byte[] passphrase(CliContext ctx, String noTerminalMessage, String emptyMessage)
      throws CliException {
    String env = ctx.environment().get("NEBULA_CA_PASSPHRASE");
    if (env != null && !env.isEmpty()) {
      return env.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    byte[] pass = new byte[0];
    for (int i = 0; i < 5 && pass.length == 0; i++) {
      ctx.err().print("Enter passphrase: ");
      ctx.err().flush();
      try {
        pass = ctx.passphrases().read();
      } catch (PassphraseReader.NoTerminal e) {
        throw CliException.error(noTerminalMessage);
      }
      ctx.out().println();
    }
    if (pass.length == 0) {
      throw CliException.error(emptyMessage);
    }
    return pass;
  }
}
