/**
 * Noise Protocol Framework, the subset Nebula uses: IX pattern, X25519 and P-256 DH, SHA-256,
 * AES-256-GCM and ChaCha20-Poly1305, empty prologue, no PSK.
 */
package dev.nebula4j.internal.noise;
