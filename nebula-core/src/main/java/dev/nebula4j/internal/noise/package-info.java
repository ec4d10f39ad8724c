/**
 * The Noise Protocol Framework, the subset Nebula uses (spec §3.1), written here over small
 * primitives: {@link dev.nebula4j.internal.noise.HandshakeState} for the IX pattern (plus XX and NN,
 * which exist only to check the implementation against the published test vectors), X25519
 * (BouncyCastle lightweight) and P-256 (SunEC) {@link dev.nebula4j.internal.noise.DhFunction}s,
 * SHA-256 with HKDF over JCE HMAC, AES-256-GCM and ChaCha20-Poly1305, an optional prologue
 * (Nebula's is empty) and no PSK.
 *
 * <p>Everything here is single-threaded per handshake. After completion, {@link
 * dev.nebula4j.internal.noise.TransportKeys} hands the data path thread-safe AEADs from {@code
 * dev.nebula4j.internal.crypto}.
 */
package dev.nebula4j.internal.noise;
