/**
 * The {@code nebula-cert} command: Go nebula-cert's modes ({@code ca}, {@code keygen}, {@code
 * sign}, {@code print}, {@code verify}), single-dash flags, defaults, messages and exit codes,
 * on top of {@code dev.nebula4j.cert}. Options are declared with picocli annotations; {@link
 * dev.nebula4j.cli.cert.GoFlagSet} gives them Go's {@code flag} package parsing and help layout.
 */
package dev.nebula4j.cli.cert;
