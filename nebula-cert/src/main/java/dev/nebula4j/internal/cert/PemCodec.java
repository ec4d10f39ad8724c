package dev.nebula4j.internal.cert;

import dev.nebula4j.cert.CertFormatException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * PEM armour with Go's {@code encoding/pem} behaviour, which is what decides whether Go nebula
 * accepts a file.
 *
 * <p>Decoding: a block starts with {@code -----BEGIN TYPE-----} at the start of the input or of a
 * line (text before it is skipped), may carry {@code Key: value} header lines (ignored), holds
 * base64 with arbitrary line breaks, spaces and tabs, and ends with {@code -----END TYPE-----}
 * followed only by blanks up to the end of that line. A candidate that breaks any of these rules
 * is skipped and the search goes on at the next {@code BEGIN}, as Go does.
 *
 * <p>Encoding: {@code -----BEGIN TYPE-----\n}, base64 in 64-character lines, {@code -----END
 * TYPE-----\n}.
 */
public final class PemCodec {
  private static final byte[] BEGIN = "-----BEGIN ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "-----END ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DASHES = "-----".getBytes(StandardCharsets.US_ASCII);
  private static final int LINE_LENGTH = 64;

  private PemCodec() {}

  /** Encodes one block exactly as Go's {@code pem.EncodeToMemory} without headers. */
  public static String encode(String type, byte[] payload) {
    String b64 = Base64.getEncoder().encodeToString(payload);
    StringBuilder sb = new StringBuilder(b64.length() + b64.length() / LINE_LENGTH + 2 * type.length() + 40);
    sb.append("-----BEGIN ").append(type).append("-----\n");
    for (int i = 0; i < b64.length(); i += LINE_LENGTH) {
      sb.append(b64, i, Math.min(b64.length(), i + LINE_LENGTH)).append('\n');
    }
    sb.append("-----END ").append(type).append("-----\n");
    return sb.toString();
  }

  /**
   * The first well-formed block of {@code pem}.
   *
   * @throws CertFormatException with Go's {@code input did not contain a valid PEM encoded block}
   *     when there is none
   */
  public static PemBlock decodeFirst(byte[] pem) {
    PemBlock block = decode(pem, 0);
    if (block == null) {
      throw new CertFormatException("input did not contain a valid PEM encoded block");
    }
    return block;
  }

  /**
   * Finds the first well-formed block at or after {@code from}; null when there is none (Go's
   * {@code p == nil}).
   */
  public static PemBlock decode(byte[] data, int from) {
    int pos = from;
    while (true) {
      int begin = findBegin(data, pos);
      if (begin < 0) {
        return null;
      }
      int typeStart = begin + BEGIN.length;
      int[] line = line(data, typeStart);
      int typeLineEnd = line[0];
      int rest = line[1];
      pos = rest;
      if (!endsWith(data, typeStart, typeLineEnd, DASHES)) {
        continue;
      }
      int typeEnd = typeLineEnd - DASHES.length;
      // header lines "Key: value" until the first line without a colon
      boolean headers = false;
      boolean ranOut = false;
      while (true) {
        if (rest >= data.length) {
          ranOut = true;
          break;
        }
        int[] h = line(data, rest);
        if (indexOf(data, rest, h[0], (byte) ':') < 0) {
          break;
        }
        headers = true;
        rest = h[1];
      }
      if (ranOut) {
        return null;
      }
      int endIndex;
      int trailer;
      if (!headers && startsWith(data, rest, END)) {
        endIndex = rest;
        trailer = rest + END.length;
      } else {
        endIndex = findNewlineEnd(data, rest);
        if (endIndex < 0) {
          continue;
        }
        trailer = endIndex + 1 + END.length;
      }
      int typeLen = typeEnd - typeStart;
      if (data.length - trailer < typeLen + DASHES.length
          || !regionEquals(data, trailer, data, typeStart, typeLen)
          || !regionEquals(data, trailer + typeLen, DASHES, 0, DASHES.length)) {
        continue;
      }
      int afterEndLine = trailer + typeLen + DASHES.length;
      int[] endLine = line(data, afterEndLine);
      if (endLine[0] != afterEndLine) {
        continue;
      }
      byte[] payload = decodeBase64(data, rest, endIndex);
      if (payload == null) {
        continue;
      }
      String type = new String(data, typeStart, typeLen, StandardCharsets.ISO_8859_1);
      return new PemBlock(type, payload, endLine[1]);
    }
  }

  /** Whether only spaces, tabs, CR and LF remain from {@code from} on. */
  public static boolean isBlank(byte[] data, int from) {
    for (int i = from; i < data.length; i++) {
      byte b = data[i];
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != 0x0b && b != 0x0c) {
        return false;
      }
    }
    return true;
  }

  private static int findBegin(byte[] data, int from) {
    for (int i = from; i <= data.length - BEGIN.length; i++) {
      if ((i == from || data[i - 1] == '\n') && regionEquals(data, i, BEGIN, 0, BEGIN.length)) {
        return i;
      }
    }
    return -1;
  }

  /** Index of "\n-----END " at or after {@code from}, pointing at the newline; -1 if none. */
  private static int findNewlineEnd(byte[] data, int from) {
    for (int i = from; i < data.length - END.length; i++) {
      if (data[i] == '\n' && regionEquals(data, i + 1, END, 0, END.length)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Go's getLine: returns {end of line content without trailing blanks and CR, start of next line}.
   */
  private static int[] line(byte[] data, int from) {
    int nl = indexOf(data, from, data.length, (byte) '\n');
    int end;
    int next;
    if (nl < 0) {
      end = data.length;
      next = data.length;
    } else {
      next = nl + 1;
      end = nl;
      if (end > from && data[end - 1] == '\r') {
        end--;
      }
    }
    while (end > from && (data[end - 1] == ' ' || data[end - 1] == '\t')) {
      end--;
    }
    return new int[] {end, next};
  }

  private static byte[] decodeBase64(byte[] data, int from, int to) {
    byte[] clean = new byte[Math.max(0, to - from)];
    int n = 0;
    for (int i = from; i < to; i++) {
      byte b = data[i];
      if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
        continue;
      }
      boolean alphabet = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
          || b == '+' || b == '/' || b == '=';
      if (!alphabet) {
        return null;
      }
      clean[n++] = b;
    }
    if (n % 4 != 0) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(n == clean.length ? clean : java.util.Arrays.copyOf(clean, n));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean startsWith(byte[] data, int at, byte[] prefix) {
    return data.length - at >= prefix.length && regionEquals(data, at, prefix, 0, prefix.length);
  }

  private static boolean endsWith(byte[] data, int from, int to, byte[] suffix) {
    return to - from >= suffix.length && regionEquals(data, to - suffix.length, suffix, 0, suffix.length);
  }

  private static int indexOf(byte[] data, int from, int to, byte b) {
    for (int i = from; i < to; i++) {
      if (data[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static boolean regionEquals(byte[] a, int aOff, byte[] b, int bOff, int len) {
    if (aOff < 0 || bOff < 0 || aOff + len > a.length || bOff + len > b.length) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (a[aOff + i] != b[bOff + i]) {
        return false;
      }
    }
    return true;
  }
}
