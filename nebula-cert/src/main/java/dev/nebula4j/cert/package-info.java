/**
 * Nebula certificates, keys and CA pools, byte-compatible with Go nebula's {@code nebula-cert}.
 */
package dev.nebula4j.cert;
