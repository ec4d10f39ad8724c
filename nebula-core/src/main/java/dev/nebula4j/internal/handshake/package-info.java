/**
 * Handshake payload codec and the handshake manager (pending tunnels, retries, races).
 */
package dev.nebula4j.internal.handshake;
