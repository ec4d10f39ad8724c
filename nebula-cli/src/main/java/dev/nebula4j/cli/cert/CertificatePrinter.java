package dev.nebula4j.cli.cert;

import static dev.nebula4j.cli.GoStrings.appendJsonString;

import dev.nebula4j.cert.Certificate;
import dev.nebula4j.cert.Curve;
import dev.nebula4j.cert.Fingerprint;
import dev.nebula4j.net.IpNetwork;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * {@code nebula-cert print} output as Go 1.6.1 writes it: the {@code NebulaCertificate {...}}
 * text layout and the JSON form (keys in Go's sorted map order, times in RFC 3339 in the local
 * zone, Go's string escaping). P-256 certificates, which 1.6.1 cannot read, additionally show
 * their curve as nebula 1.7+ does.
 */
final class CertificatePrinter {
  private static final DateTimeFormatter TEXT_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss Z zzz", Locale.ROOT);
  /** RFC 3339 as Go writes it: seconds, then {@code Z} for UTC or a {@code +hh:mm} offset. */
  private static final DateTimeFormatter JSON_TIME =
      new DateTimeFormatterBuilder()
          .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
          .appendOffset("+HH:MM", "Z")
          .toFormatter(Locale.ROOT);

  private final ZoneId zone;

  CertificatePrinter(ZoneId zone) {
    this.zone = zone;
  }

  /** Go's {@code NebulaCertificate.String()} (no trailing newline). */
  String text(Certificate c) {
    StringBuilder s = new StringBuilder("NebulaCertificate {\n\tDetails {\n");
    s.append("\t\tName: ").append(c.name()).append('\n');
    list(s, "Ips", c.networks(), false);
    list(s, "Subnets", c.unsafeNetworks(), false);
    list(s, "Groups", c.groups(), true);
    s.append("\t\tNot before: ").append(TEXT_TIME.format(zoned(c.notBefore()))).append('\n');
    s.append("\t\tNot After: ").append(TEXT_TIME.format(zoned(c.notAfter()))).append('\n');
    s.append("\t\tIs CA: ").append(c.isCa()).append('\n');
    s.append("\t\tIssuer: ").append(c.issuer().map(Fingerprint::hex).orElse("")).append('\n');
    s.append("\t\tPublic key: ").append(c.publicKey().hex()).append('\n');
    if (c.curve() != Curve.CURVE25519) {
      s.append("\t\tCurve: ").append(c.curve()).append('\n');
    }
    s.append("\t}\n");
    s.append("\tFingerprint: ").append(c.fingerprint().hex()).append('\n');
    s.append("\tSignature: ").append(HexFormat.of().formatHex(c.signature())).append('\n');
    s.append('}');
    return s.toString();
  }

  /** A {@code Label: [...]} block of the text form, one item a line, in quotes if {@code quote}. */
  private static void list(StringBuilder s, String label, List<?> items, boolean quote) {
    if (items.isEmpty()) {
      s.append("\t\t").append(label).append(": []\n");
      return;
    }
    s.append("\t\t").append(label).append(": [\n");
    for (Object item : items) {
      s.append("\t\t\t");
      if (quote) {
        s.append('"').append(item).append('"');
      } else {
        s.append(item);
      }
      s.append('\n');
    }
    s.append("\t\t]\n");
  }

  /** Go's {@code json.Marshal(cert)} for 1.6.1 (no trailing newline). */
  String json(Certificate c) {
    StringBuilder s = new StringBuilder(512);
    s.append("{\"details\":{");
    if (c.curve() != Curve.CURVE25519) {
      s.append("\"curve\":");
      appendJsonString(s, c.curve().name());
      s.append(',');
    }
    s.append("\"groups\":");
    strings(s, c.groups());
    s.append(",\"ips\":");
    networks(s, c.networks());
    s.append(",\"isCa\":").append(c.isCa());
    s.append(",\"issuer\":");
    appendJsonString(s, c.issuer().map(Fingerprint::hex).orElse(""));
    s.append(",\"name\":");
    appendJsonString(s, c.name());
    s.append(",\"notAfter\":");
    appendJsonString(s, JSON_TIME.format(zoned(c.notAfter())));
    s.append(",\"notBefore\":");
    appendJsonString(s, JSON_TIME.format(zoned(c.notBefore())));
    s.append(",\"publicKey\":");
    appendJsonString(s, c.publicKey().hex());
    s.append(",\"subnets\":");
    networks(s, c.unsafeNetworks());
    s.append("},\"fingerprint\":");
    appendJsonString(s, c.fingerprint().hex());
    s.append(",\"signature\":");
    appendJsonString(s, HexFormat.of().formatHex(c.signature()));
    s.append('}');
    return s.toString();
  }

  private ZonedDateTime zoned(Instant t) {
    return t.atZone(zone);
  }

  private static void networks(StringBuilder s, List<IpNetwork> nets) {
    strings(s, nets.stream().map(IpNetwork::toString).toList());
  }

  private static void strings(StringBuilder s, List<String> values) {
    s.append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        s.append(',');
      }
      appendJsonString(s, values.get(i));
    }
    s.append(']');
  }
}
