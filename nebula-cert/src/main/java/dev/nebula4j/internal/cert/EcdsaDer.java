package dev.nebula4j.internal.cert;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;

/** Strict DER {@code SEQUENCE { INTEGER r, INTEGER s }} for ECDSA signatures. */
final class EcdsaDer {
  private EcdsaDer() {}

  static BigInteger[] decode(byte[] der) {
    int[] pos = {0};
    expect(der, pos, 0x30);
    int len = length(der, pos);
    if (len != der.length - pos[0]) {
      throw new IllegalArgumentException("bad ECDSA signature: sequence length");
    }
    BigInteger r = integer(der, pos);
    BigInteger s = integer(der, pos);
    if (pos[0] != der.length) {
      throw new IllegalArgumentException("bad ECDSA signature: trailing bytes");
    }
    return new BigInteger[] {r, s};
  }

  static byte[] encode(BigInteger r, BigInteger s) {
    byte[] rb = r.toByteArray();
    byte[] sb = s.toByteArray();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writeTlv(body, 0x02, rb);
    writeTlv(body, 0x02, sb);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeTlv(out, 0x30, body.toByteArray());
    return out.toByteArray();
  }

  private static void writeTlv(ByteArrayOutputStream out, int tag, byte[] value) {
    out.write(tag);
    if (value.length < 128) {
      out.write(value.length);
    } else {
      out.write(0x81);
      out.write(value.length);
    }
    out.write(value, 0, value.length);
  }

  private static void expect(byte[] b, int[] pos, int tag) {
    if (pos[0] >= b.length || (b[pos[0]] & 0xFF) != tag) {
      throw new IllegalArgumentException("bad ECDSA signature: expected tag " + tag);
    }
    pos[0]++;
  }

  private static int length(byte[] b, int[] pos) {
    if (pos[0] >= b.length) {
      throw new IllegalArgumentException("bad ECDSA signature: truncated");
    }
    int first = b[pos[0]++] & 0xFF;
    if (first < 0x80) {
      return first;
    }
    if (first == 0x81 && pos[0] < b.length) {
      int l = b[pos[0]++] & 0xFF;
      if (l < 0x80) {
        throw new IllegalArgumentException("bad ECDSA signature: non-minimal length");
      }
      return l;
    }
    throw new IllegalArgumentException("bad ECDSA signature: length form");
  }

  private static BigInteger integer(byte[] b, int[] pos) {
    expect(b, pos, 0x02);
    int len = length(b, pos);
    if (len == 0 || len > b.length - pos[0]) {
      throw new IllegalArgumentException("bad ECDSA signature: integer length");
    }
    if (len > 1 && b[pos[0]] == 0 && (b[pos[0] + 1] & 0x80) == 0) {
      throw new IllegalArgumentException("bad ECDSA signature: non-minimal integer");
    }
    if ((b[pos[0]] & 0x80) != 0) {
      throw new IllegalArgumentException("bad ECDSA signature: negative integer");
    }
    byte[] v = java.util.Arrays.copyOfRange(b, pos[0], pos[0] + len);
    pos[0] += len;
    return new BigInteger(1, v);
  }
}
