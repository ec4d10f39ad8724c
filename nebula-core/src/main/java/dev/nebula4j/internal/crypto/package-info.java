/**
 * Data-path AEADs with counter nonces (dangerous by design, hence the names) and other small
 * crypto helpers.
 */
package dev.nebula4j.internal.crypto;
