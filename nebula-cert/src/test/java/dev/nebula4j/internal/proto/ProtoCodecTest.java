package dev.nebula4j.internal.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ProtoCodecTest {

  @Test
  void encodesLikeGo() {
    // Field 2 packed (10.42.0.0, 255.255.0.0) from the spec's worked example; field 100 curve.
    ProtoWriter w = new ProtoWriter();
    w.optionalString(1, "Test CA")
        .packedUint32(2, new int[] {0x0a2a0000, 0xffff0000})
        .optionalBool(8, true)
        .optionalVarint(100, 1);
    assertThat(HexFormat.of().formatHex(w.toByteArray()))
        .isEqualTo("0a0754657374204341" + "12098080a8518080fcff0f" + "4001" + "a00601");
  }

  @Test
  void readsPackedAndUnpackedRepeatedFields() {
    byte[] packed = HexFormat.of().parseHex("12098080a8518080fcff0f");
    ProtoReader r = new ProtoReader(packed);
    assertThat(r.next()).isTrue();
    assertThat(r.readRepeatedUint32()).containsExactly(0x0a2a0000, 0xffff0000);
    assertThat(r.next()).isFalse();

    byte[] unpacked = HexFormat.of().parseHex("10011002");
    r = new ProtoReader(unpacked);
    assertThat(r.next()).isTrue();
    assertThat(r.readRepeatedUint32()).containsExactly(1);
    assertThat(r.next()).isTrue();
    assertThat(r.readRepeatedUint32()).containsExactly(2);
  }

  @Test
  void hugeLengthPrefixIsRefusedBeforeAllocating() {
    byte[] evil = HexFormat.of().parseHex("0affffffff0f00");
    ProtoReader r = new ProtoReader(evil);
    r.next();
    assertThatThrownBy(r::readBytes)
        .isInstanceOf(ProtoException.class)
        .hasMessageContaining("exceeds");
  }

  @Property
  void arbitraryBytesOnlyEverRaiseProtoException(@ForAll("bytes") byte[] input) {
    try {
      ProtoReader r = new ProtoReader(input);
      while (r.next()) {
        if (r.wireType() == 2 && r.field() % 2 == 0) {
          r.readRepeatedUint32();
        } else {
          r.skip();
        }
      }
    } catch (ProtoException expected) {
      // fine: the only exception allowed
    }
  }

  @Property
  void varintsRoundTrip(@ForAll long value) {
    ProtoWriter w = new ProtoWriter();
    w.varint(5, value);
    ProtoReader r = new ProtoReader(w.toByteArray());
    assertThat(r.next()).isTrue();
    assertThat(r.field()).isEqualTo(5);
    assertThat(r.readVarint()).isEqualTo(value);
    assertThat(w.size()).isEqualTo(1 + ProtoWriter.varintSize(value));
  }

  @Provide
  Arbitrary<byte[]> bytes() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
  }
}
