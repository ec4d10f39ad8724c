/**
 * The 16-byte cleartext Nebula header, message types and subtypes, and the replay window.
 */
package dev.nebula4j.internal.header;
