/**
 * Implementation of {@code dev.nebula4j.cert}: Go-compatible PEM armour, the canonical v1
 * protobuf codec, curve operations (Ed25519/X25519 through BouncyCastle's lightweight API,
 * P-256 through the JDK), Argon2id key encryption, and Go's print formats. Not API.
 */
package dev.nebula4j.internal.cert;
