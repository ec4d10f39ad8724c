package dev.nebula4j.internal.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class HeaderTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void recvErrorMatchesTheBytesSeenFromGo() {
    // spec §2.7 / Appendix A: 1.6.1's answer to unknown index 0xdeadbeef
    byte[] buf = new byte[16];
    assertThat(RecvErrorPacket.write(buf, 0, 0xdeadbeef)).isEqualTo(16);
    assertThat(HEX.formatHex(buf)).isEqualTo("12000000deadbeef0000000000000000");
    assertThat(RecvErrorPacket.isRecvError(buf, 0, 16)).isTrue();
    assertThat(RecvErrorPacket.isRecvError(buf, 0, 15)).isFalse();
    assertThat(RecvErrorPacket.unmatchedIndex(buf, 0)).isEqualTo(0xdeadbeef);
  }

  @Test
  void dataHeaderLayout() {
    byte[] buf = new byte[20];
    HeaderCodec.write(buf, 2, MessageType.MESSAGE, 0, 0x01020304, 0x05060708090a0b0cL);
    assertThat(HEX.formatHex(buf, 2, 18)).isEqualTo("11000000010203040506" + "0708090a0b0c");
    assertThat(HeaderCodec.version(buf, 2)).isEqualTo(1);
    assertThat(HeaderCodec.type(buf, 2)).isEqualTo(MessageType.MESSAGE);
    assertThat(HeaderCodec.remoteIndex(buf, 2)).isEqualTo(0x01020304);
    assertThat(HeaderCodec.counter(buf, 2)).isEqualTo(0x05060708090a0b0cL);
  }

  @Test
  void handshakeAndTestHeadersAsOnTheWire() {
    assertThat(HEX.formatHex(Header.of(MessageType.HANDSHAKE, 0, 0, 1).toBytes()))
        .isEqualTo("10000000000000000000000000000001");
    assertThat(HEX.formatHex(Header.of(MessageType.TEST, MessageType.SUBTYPE_TEST_REPLY, 7, 3)
            .toBytes()))
        .isEqualTo("14010000000000070000000000000003");
    assertThat(HEX.formatHex(Header.of(MessageType.MESSAGE, MessageType.SUBTYPE_MESSAGE_RELAY,
            -1, -1L).toBytes()))
        .isEqualTo("1101" + "0000" + "ffffffff" + "ffffffffffffffff");
  }

  @Test
  void inPlaceRewritesForRelaying() {
    byte[] buf = Header.of(MessageType.MESSAGE, 1, 5, 9).toBytes();
    HeaderCodec.writeRemoteIndex(buf, 0, 0xcafebabe);
    HeaderCodec.writeCounter(buf, 0, 0x1122334455667788L);
    assertThat(HEX.formatHex(buf)).isEqualTo("11010000cafebabe1122334455667788");
  }

  @Property
  void roundTrip(
      @ForAll @IntRange(min = 0, max = 15) int version,
      @ForAll @IntRange(min = 0, max = 15) int type,
      @ForAll @IntRange(min = 0, max = 255) int subtype,
      @ForAll @IntRange(min = 0, max = 0xFFFF) int reserved,
      @ForAll int remoteIndex,
      @ForAll long counter,
      @ForAll @IntRange(min = 0, max = 8) int offset) throws Exception {
    Header h = new Header(version, type, subtype, reserved, remoteIndex, counter);
    byte[] buf = new byte[offset + 16];
    assertThat(h.writeTo(buf, offset)).isEqualTo(16);
    assertThat(Header.parse(buf, offset, 16)).isEqualTo(h);
    assertThat(HeaderCodec.counter(buf, offset)).isEqualTo(counter);
    assertThat(HeaderCodec.remoteIndex(buf, offset)).isEqualTo(remoteIndex);
    assertThat(HeaderCodec.subtype(buf, offset)).isEqualTo(subtype);
    assertThat(HeaderCodec.reserved(buf, offset)).isEqualTo(reserved);
  }

  @Test
  void shortPacketsAreMalformed() {
    byte[] punch = {0x00};
    assertThatThrownBy(() -> Header.parse(punch, 0, 1))
        .isInstanceOf(MalformedPacketException.class)
        .hasMessageContaining("1 bytes is shorter than the 16-byte header")
        .extracting(e -> ((MalformedPacketException) e).part())
        .isEqualTo("header");
  }

  @Test
  void outOfRangeFieldsAreRefused() {
    assertThatThrownBy(() -> Header.of(16, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Header.of(0, 256, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HeaderCodec.write(new byte[16], 0, 1, 0, 0, 0x10000, 0, 0L))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void knownTypeSubtypePairs() {
    assertThat(MessageType.isKnown(MessageType.HANDSHAKE, 0)).isTrue();
    assertThat(MessageType.isKnown(MessageType.HANDSHAKE, 1)).isFalse(); // XXPSK0: never implemented
    assertThat(MessageType.isKnown(MessageType.MESSAGE, 1)).isTrue();
    assertThat(MessageType.isKnown(MessageType.MESSAGE, 2)).isFalse();
    assertThat(MessageType.isKnown(MessageType.TEST, 1)).isTrue();
    assertThat(MessageType.isKnown(MessageType.CLOSE_TUNNEL, 1)).isFalse();
    assertThat(MessageType.isKnown(7, 0)).isFalse();
    assertThat(MessageType.isTunnelAuthenticated(MessageType.HANDSHAKE)).isFalse();
    assertThat(MessageType.isTunnelAuthenticated(MessageType.RECV_ERROR)).isFalse();
    assertThat(MessageType.isTunnelAuthenticated(MessageType.CLOSE_TUNNEL)).isTrue();
    assertThat(MessageType.isTunnelAuthenticated(9)).isFalse();
  }

  @Test
  void toStringNamesTypes() {
    assertThat(Header.of(MessageType.TEST, 0, -2, -1L).toString())
        .isEqualTo("Header[ver=1 type=test subtype=testRequest reserved=0 remoteIndex=4294967294"
            + " counter=18446744073709551615]");
    assertThat(Header.of(12, 3, 0, 0).toString()).contains("type=unknown(12)");
  }
}
