package dev.nebula4j.internal.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nebula4j.internal.header.MalformedPacketException;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class HandshakePayloadCodecTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void canonicalEncodingOfAFirstMessage() {
    byte[] encoded = HandshakePayloadCodec.encode(
        HandshakeDetails.forInitiator(new byte[] {0x0a, 0x0b}, 300, 1));
    // Details { Cert = 0a0b, InitiatorIndex = 300, Time = 1 }
    assertThat(HEX.formatHex(encoded)).isEqualTo("0a09" + "0a020a0b" + "10ac02" + "2801");
  }

  @Test
  void canonicalEncodingWithEveryField() {
    byte[] encoded = HandshakePayloadCodec.encode(
        new HandshakeDetails(new byte[] {1}, 1, 2, 3, 4, 1));
    assertThat(HEX.formatHex(encoded))
        .isEqualTo("0a0d" + "0a0101" + "1001" + "1802" + "2003" + "2804" + "4001");
  }

  @Test
  void zeroFieldsAreOmittedButDetailsIsAlwaysWritten() throws Exception {
    byte[] encoded = HandshakePayloadCodec.encode(new HandshakeDetails(null, 0, 0, 0, 0, 0));
    assertThat(HEX.formatHex(encoded)).isEqualTo("0a00");
    assertThat(HandshakePayloadCodec.decode(encoded, 0, encoded.length))
        .isEqualTo(new HandshakeDetails(new byte[0], 0, 0, 0, 0, 0));
  }

  @Test
  void unsignedExtremes() throws Exception {
    HandshakeDetails d = new HandshakeDetails(new byte[3], -1, -2, -1L, Long.MIN_VALUE, -1);
    byte[] encoded = HandshakePayloadCodec.encode(d);
    assertThat(HandshakePayloadCodec.decode(encoded, 0, encoded.length)).isEqualTo(d);
    assertThat(d.toString())
        .contains("initiatorIndex=4294967295")
        .contains("time=9223372036854775808");
  }

  @Property(tries = 200)
  void roundTrip(
      @ForAll @Size(max = 300) byte[] cert,
      @ForAll int initiatorIndex,
      @ForAll int responderIndex,
      @ForAll long cookie,
      @ForAll long time,
      @ForAll int certVersion) throws Exception {
    HandshakeDetails d =
        new HandshakeDetails(cert, initiatorIndex, responderIndex, cookie, time, certVersion);
    byte[] encoded = HandshakePayloadCodec.encode(d);
    byte[] padded = new byte[encoded.length + 7];
    System.arraycopy(encoded, 0, padded, 3, encoded.length);
    assertThat(HandshakePayloadCodec.decode(padded, 3, encoded.length)).isEqualTo(d);
  }

  @Test
  void unknownFieldsOfEveryWireTypeAreSkipped() throws Exception {
    String details = "0a0101" + "1007"
        + "3001" // field 6 varint (reserved "multiport")
        + "3a01ff" // field 7 bytes
        + "490102030405060708" // field 9 fixed64
        + "5501020304" // field 10 fixed32
        + "a00605" // field 100 varint
        + "2809";
    String outer = "1801" + "0a" + String.format("%02x", details.length() / 2) + details + "1200";
    byte[] in = HEX.parseHex(outer);
    assertThat(HandshakePayloadCodec.decode(in, 0, in.length))
        .isEqualTo(new HandshakeDetails(new byte[] {1}, 7, 0, 0, 9, 0));
  }

  @Test
  void repeatedDetailsMergeAndLastScalarWins() throws Exception {
    byte[] in = HEX.parseHex("0a05" + "0a0101" + "1002" + "0a04" + "1003" + "2805");
    assertThat(HandshakePayloadCodec.decode(in, 0, in.length))
        .isEqualTo(new HandshakeDetails(new byte[] {1}, 3, 0, 0, 5, 0));
  }

  @Test
  void oversizedUint32IsTruncatedLikeGo() throws Exception {
    // InitiatorIndex = 2^32 + 5
    byte[] in = HEX.parseHex("0a06" + "108580808010");
    assertThat(HandshakePayloadCodec.decode(in, 0, in.length).initiatorIndex()).isEqualTo(5);
  }

  @Test
  void wrongWireTypesOfKnownFieldsAreRefused() {
    assertMalformed("0a02" + "0801", "NebulaHandshakeDetails.Cert", "wire type 0");
    assertMalformed("0a02" + "1200", "NebulaHandshakeDetails.InitiatorIndex", "varint");
    assertMalformed("0a05" + "1901020304", "NebulaHandshakeDetails.ResponderIndex", "wire type 1");
    assertMalformed("0a05" + "2501020304", "NebulaHandshakeDetails.Cookie", "wire type 5");
    assertMalformed("0a02" + "2a00", "NebulaHandshakeDetails.Time", "wire type 2");
    assertMalformed("0a02" + "4200", "NebulaHandshakeDetails.CertVersion", "wire type 2");
    assertMalformed("0801", "NebulaHandshake.Details", "length-delimited");
    assertMalformed("0a00" + "1001", "NebulaHandshake.Hmac", "length-delimited");
  }

  @Test
  void truncationAndGarbageNameTheField() {
    assertMalformed("0a05" + "0a0a01", "NebulaHandshake.Details", "exceeds");
    assertMalformed("0a03" + "0a0501", "NebulaHandshakeDetails.Cert", "exceeds");
    assertMalformed("0a02" + "1080", "NebulaHandshakeDetails.InitiatorIndex", "truncated varint");
    assertMalformed("", "NebulaHandshake", "no Details");
    assertMalformed("1200", "NebulaHandshake", "no Details");
    assertMalformed("0a01" + "33", "NebulaHandshakeDetails unknown field 6", "unsupported wire type 3");
    assertMalformed("0a01" + "0b", "NebulaHandshakeDetails.Cert", "wire type 3");
  }

  @Test
  void messageSpecificChecks() throws Exception {
    byte[] noCert = HandshakePayloadCodec.encode(HandshakeDetails.forInitiator(null, 5, 1));
    assertThatThrownBy(() -> HandshakePayloadCodec.decodeInitiatorPayload(noCert, 0, noCert.length))
        .isInstanceOf(MalformedPacketException.class)
        .hasMessage("NebulaHandshakeDetails.Cert: missing certificate");
    byte[] noIndex = HandshakePayloadCodec.encode(HandshakeDetails.forInitiator(new byte[1], 0, 1));
    assertThatThrownBy(() -> HandshakePayloadCodec.decodeInitiatorPayload(noIndex, 0, noIndex.length))
        .hasMessageContaining("InitiatorIndex");
    assertThatThrownBy(() -> HandshakePayloadCodec.decodeResponderPayload(noIndex, 0, noIndex.length))
        .hasMessageContaining("ResponderIndex");
    byte[] good = HandshakePayloadCodec.encode(
        HandshakeDetails.forResponder(new byte[1], 5, 6, 7));
    assertThat(HandshakePayloadCodec.decodeResponderPayload(good, 0, good.length).responderIndex())
        .isEqualTo(6);
    assertThat(HandshakePayloadCodec.decodeInitiatorPayload(good, 0, good.length).initiatorIndex())
        .isEqualTo(5);
  }

  @Property(tries = 1000)
  void arbitraryBytesNeverThrowAnythingElse(@ForAll @Size(max = 64) byte[] junk) {
    try {
      HandshakePayloadCodec.decode(junk, 0, junk.length);
    } catch (MalformedPacketException e) {
      assertThat(e.part()).startsWith("NebulaHandshake");
    }
  }

  @Property(tries = 300)
  void everyTruncationOfAValidPayloadIsMalformed(
      @ForAll @Size(min = 1, max = 40) byte[] cert, @ForAll int index, @ForAll long time) {
    byte[] encoded = HandshakePayloadCodec.encode(HandshakeDetails.forInitiator(cert, index, time));
    for (int len = 0; len < encoded.length; len++) {
      int l = len;
      assertThatThrownBy(() -> HandshakePayloadCodec.decode(encoded, 0, l))
          .isInstanceOf(MalformedPacketException.class);
    }
  }

  @Test
  void detailsRecordCopiesItsBytes() {
    byte[] cert = {1, 2, 3};
    HandshakeDetails d = HandshakeDetails.forInitiator(cert, 1, 2);
    cert[0] = 9;
    assertThat(d.cert()).containsExactly(1, 2, 3);
    d.cert()[1] = 9;
    assertThat(d.cert()).containsExactly(1, 2, 3);
    assertThat(d.withCertVersion(2).certVersion()).isEqualTo(2);
    assertThat(d).isEqualTo(HandshakeDetails.forInitiator(new byte[] {1, 2, 3}, 1, 2));
    assertThat(d.hashCode())
        .isEqualTo(HandshakeDetails.forInitiator(new byte[] {1, 2, 3}, 1, 2).hashCode());
  }

  private static void assertMalformed(String hex, String part, String reason) {
    byte[] in = HEX.parseHex(hex);
    assertThatThrownBy(() -> HandshakePayloadCodec.decode(in, 0, in.length))
        .isInstanceOf(MalformedPacketException.class)
        .hasMessageContaining(reason)
        .extracting(e -> ((MalformedPacketException) e).part())
        .isEqualTo(part);
  }
}
