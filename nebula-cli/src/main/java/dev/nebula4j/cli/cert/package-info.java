/**
 * The {@code nebula-cert} command: Go nebula-cert's modes ({@code ca}, {@code keygen}, {@code
 * sign}, {@code print}, {@code verify}), single-dash flags, defaults, messages and exit codes,
 * on top of {@code dev.nebula4j.cert}, with {@code -out-qr} QR code images. Options are declared
 * with picocli annotations; {@link dev.nebula4j.cli.GoFlagSet} gives them Go's {@code flag}
 * package parsing and help layout.
 */
package dev.nebula4j.cli.cert;
