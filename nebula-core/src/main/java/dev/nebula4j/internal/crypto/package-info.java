/**
 * Data-path cryptography: the counter-nonce AEADs of spec §2.3 (dangerous by design, hence
 * "Insecure" in their names: the caller supplies the nonce counter and must never repeat it). Keys
 * arrive as nebula-cert's {@link dev.nebula4j.cert.SecretBytes}; every read of their raw bytes
 * presents {@link dev.nebula4j.cert.InsecureSecretKeyAccess} ({@code grep -rn
 * InsecureSecretKeyAccess} finds them all).
 *
 * <p>{@link dev.nebula4j.internal.crypto.InsecureCounterNonceAead} is safe for concurrent use;
 * {@link dev.nebula4j.internal.crypto.InsecureCounterNonceCipher} belongs to one thread. Both run
 * on the JCE with heap arrays (AES-GCM uses the AES-NI/CLMUL intrinsics there) and never throw from
 * {@code open}: bad packets come back as negative codes to be counted and dropped.
 */
package dev.nebula4j.internal.crypto;
