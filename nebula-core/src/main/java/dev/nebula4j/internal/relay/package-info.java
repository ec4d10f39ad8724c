/**
 * Relays: NebulaControl codec, relay state, relay frames.
 */
package dev.nebula4j.internal.relay;
