/**
 * The packet layer's cleartext parts (spec §2.1, §2.2, §2.5, §2.7): the 16-byte header read and
 * written in place by {@link dev.nebula4j.internal.header.HeaderCodec} (and as a value, {@link
 * dev.nebula4j.internal.header.Header}), message types and subtypes, the recv_error packet, the
 * per-tunnel {@link dev.nebula4j.internal.header.ReplayWindow}, and {@link
 * dev.nebula4j.internal.header.MalformedPacketException}, nebula-core's internal exception for
 * undecodable packets and protobufs.
 */
package dev.nebula4j.internal.header;
