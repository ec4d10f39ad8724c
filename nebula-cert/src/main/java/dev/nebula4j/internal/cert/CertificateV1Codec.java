package dev.nebula4j.internal.cert;

import dev.nebula4j.cert.CertFormatException;
import dev.nebula4j.internal.proto.ProtoException;
import dev.nebula4j.internal.proto.ProtoReader;
import dev.nebula4j.internal.proto.ProtoWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The v1 certificate protobuf ({@code RawNebulaCertificate}), read as Go's protobuf runtime reads
 * it and written in Go's canonical form.
 *
 * <p>Reading: fields may come in any order; repeated {@code Details} occurrences merge (scalars:
 * last wins, repeated fields: appended); {@code Ips}/{@code Subnets} are accepted packed and
 * unpacked; a known field with an unexpected wire type and unknown fields are skipped; strings
 * must be valid UTF-8 (proto3). Writing: ascending field numbers, zero values omitted, packed
 * {@code Ips}/{@code Subnets}, one field-4 entry per group, {@code Details} always present.
 */
public final class CertificateV1Codec {
  private CertificateV1Codec() {}

  /** Parses certificate bytes; {@code what} names the input in error messages. */
  public static RawCertificateV1 parse(byte[] bytes, String what) {
    if (bytes.length == 0) {
      throw new CertFormatException("nil byte array" + where(what));
    }
    try {
      DetailsBuilder d = null;
      byte[] signature = new byte[0];
      ProtoReader r = new ProtoReader(bytes);
      while (r.next()) {
        if (r.field() == 1 && r.wireType() == ProtoWriter.WIRE_LEN) {
          if (d == null) {
            d = new DetailsBuilder();
          }
          d.merge(r.readMessage(), what);
        } else if (r.field() == 2 && r.wireType() == ProtoWriter.WIRE_LEN) {
          signature = r.readBytes();
        } else {
          r.skip();
        }
      }
      if (d == null) {
        throw new CertFormatException("encoded Details was nil" + where(what));
      }
      return d.build(signature);
    } catch (ProtoException e) {
      throw new CertFormatException(
          "malformed certificate protobuf: " + e.getMessage() + where(what), e);
    }
  }

  /** Canonical {@code RawNebulaCertificateDetails}; without field 7 when {@code withKey} is false. */
  public static byte[] marshalDetails(RawCertificateV1 c, boolean withKey) {
    ProtoWriter w = new ProtoWriter(128 + c.publicKey().length);
    writeDetails(w, c, withKey);
    return w.toByteArray();
  }

  /** Canonical {@code RawNebulaCertificate}. */
  public static byte[] marshal(RawCertificateV1 c, boolean withKey) {
    ProtoWriter details = new ProtoWriter(128 + c.publicKey().length);
    writeDetails(details, c, withKey);
    ProtoWriter w = new ProtoWriter(details.size() + c.signature().length + 8);
    w.message(1, details);
    w.optionalBytes(2, c.signature());
    return w.toByteArray();
  }

  private static void writeDetails(ProtoWriter w, RawCertificateV1 c, boolean withKey) {
    w.optionalString(1, c.name());
    w.packedUint32(2, c.ips());
    w.packedUint32(3, c.subnets());
    for (String g : c.groups()) {
      w.string(4, g);
    }
    w.optionalVarint(5, c.notBefore());
    w.optionalVarint(6, c.notAfter());
    if (withKey) {
      w.optionalBytes(7, c.publicKey());
    }
    w.optionalBool(8, c.isCa());
    w.optionalBytes(9, c.issuer());
    w.optionalVarint(100, c.curve());
  }

  private static final class DetailsBuilder {
    String name = "";
    final IntList ips = new IntList();
    final IntList subnets = new IntList();
    final List<String> groups = new ArrayList<>();
    long notBefore;
    long notAfter;
    byte[] publicKey = new byte[0];
    boolean isCa;
    byte[] issuer = new byte[0];
    int curve;

    void merge(ProtoReader r, String what) {
      while (r.next()) {
        int wt = r.wireType();
        switch (r.field()) {
          case 1 -> {
            if (wt == ProtoWriter.WIRE_LEN) {
              name = utf8(r.readBytes(), what, "Name");
            } else {
              r.skip();
            }
          }
          case 2 -> {
            if (wt == ProtoWriter.WIRE_LEN || wt == ProtoWriter.WIRE_VARINT) {
              ips.addAll(uint32s(r.readRepeatedVarint(), what, "Ips"));
            } else {
              r.skip();
            }
          }
          case 3 -> {
            if (wt == ProtoWriter.WIRE_LEN || wt == ProtoWriter.WIRE_VARINT) {
              subnets.addAll(uint32s(r.readRepeatedVarint(), what, "Subnets"));
            } else {
              r.skip();
            }
          }
          case 4 -> {
            if (wt == ProtoWriter.WIRE_LEN) {
              groups.add(utf8(r.readBytes(), what, "Groups"));
            } else {
              r.skip();
            }
          }
          case 5 -> {
            if (wt == ProtoWriter.WIRE_VARINT) {
              notBefore = r.readVarint();
            } else {
              r.skip();
            }
          }
          case 6 -> {
            if (wt == ProtoWriter.WIRE_VARINT) {
              notAfter = r.readVarint();
            } else {
              r.skip();
            }
          }
          case 7 -> {
            if (wt == ProtoWriter.WIRE_LEN) {
              publicKey = r.readBytes();
            } else {
              r.skip();
            }
          }
          case 8 -> {
            if (wt == ProtoWriter.WIRE_VARINT) {
              long v = r.readVarint();
              if (v != 0 && v != 1) {
                throw new CertFormatException("field IsCA has the non-canonical bool value " + v
                    + where(what));
              }
              isCa = v == 1;
            } else {
              r.skip();
            }
          }
          case 9 -> {
            if (wt == ProtoWriter.WIRE_LEN) {
              issuer = r.readBytes();
            } else {
              r.skip();
            }
          }
          case 100 -> {
            if (wt == ProtoWriter.WIRE_VARINT) {
              curve = (int) r.readVarint();
            } else {
              r.skip();
            }
          }
          default -> r.skip();
        }
      }
    }

    RawCertificateV1 build(byte[] signature) {
      return new RawCertificateV1(name, ips.toArray(), subnets.toArray(), List.copyOf(groups),
          notBefore, notAfter, publicKey, isCa, issuer, curve, signature);
    }
  }

  /**
   * uint32 values, refusing encodings wider than 32 bits. Go truncates them; refusing keeps the
   * encoding of a certificate unique, so a flipped bit above bit 31 cannot go unnoticed.
   */
  private static int[] uint32s(long[] values, String what, String field) {
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      if ((values[i] >>> 32) != 0) {
        throw new CertFormatException("field " + field + " holds " + Long.toUnsignedString(values[i])
            + ", which does not fit in 32 bits" + where(what));
      }
      out[i] = (int) values[i];
    }
    return out;
  }

  /** " (what)" for error messages, or nothing. */
  public static String where(String what) {
    return what == null || what.isEmpty() ? "" : " (" + what + ")";
  }

  private static String utf8(byte[] b, String what, String field) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b))
          .toString();
    } catch (CharacterCodingException e) {
      throw new CertFormatException("field " + field + " is not valid UTF-8" + where(what));
    }
  }

  /** A growable int array that never holds more ints than the input had bytes. */
  private static final class IntList {
    private int[] a = new int[8];
    private int n;

    void addAll(int[] v) {
      if (n + v.length > a.length) {
        a = java.util.Arrays.copyOf(a, Math.max(a.length * 2, n + v.length));
      }
      System.arraycopy(v, 0, a, n, v.length);
      n += v.length;
    }

    int[] toArray() {
      return java.util.Arrays.copyOf(a, n);
    }
  }
}
