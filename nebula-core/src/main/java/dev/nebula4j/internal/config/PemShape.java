package dev.nebula4j.internal.config;

import java.util.Base64;

/**
 * Checks the shape of PEM text without interpreting its content (no crypto): every {@code -----BEGIN
 * X-----} has a matching {@code -----END X-----} and the lines between are valid base64. The
 * certificate library checks the content later.
 */
final class PemShape {
  private PemShape() {}

  /** Null when well formed, else what is wrong. */
  static String problem(String text) {
    String[] lines = text.split("\\r?\\n", -1);
    int blocks = 0;
    String banner = null;
    StringBuilder body = null;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (banner == null) {
        if (line.isEmpty()) {
          continue;
        }
        if (line.startsWith("-----BEGIN ") && line.endsWith("-----") && line.length() > 16) {
          banner = line.substring(11, line.length() - 5);
          body = new StringBuilder();
          continue;
        }
        return "line " + (i + 1) + " of the PEM is outside a -----BEGIN/-----END block";
      }
      if (line.startsWith("-----END ")) {
        if (!line.equals("-----END " + banner + "-----")) {
          return "-----BEGIN " + banner + "----- ends with " + line;
        }
        if (body.length() == 0) {
          return "the " + banner + " block is empty";
        }
        try {
          Base64.getMimeDecoder().decode(body.toString());
          if (!body.toString().matches("[A-Za-z0-9+/]*={0,2}")) {
            return "the " + banner + " block is not base64";
          }
        } catch (IllegalArgumentException e) {
          return "the " + banner + " block is not base64";
        }
        blocks++;
        banner = null;
        continue;
      }
      body.append(line);
    }
    if (banner != null) {
      return "-----BEGIN " + banner + "----- has no -----END line";
    }
    return blocks == 0 ? "no PEM block found" : null;
  }
}
