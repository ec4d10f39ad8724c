/**
 * A minimal hand-written protobuf (proto3 wire format) reader and writer, used for the few messages
 * Nebula puts on disk and on the wire: certificates v1, encrypted keys, handshake payloads,
 * lighthouse and control messages. No protobuf-java.
 *
 * <p>The writer emits Go's canonical encoding when fields are written in ascending order and
 * default values are skipped by the caller. The reader bounds every length against the remaining
 * input before allocating, so hostile length prefixes cannot cause large allocations.
 */
package dev.nebula4j.internal.proto;
