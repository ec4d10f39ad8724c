/**
 * Logging of {@code bin/nebula} and {@code bin/nebula-cert}: an SLF4J binding that writes lines in
 * Go nebula's (logrus) text or JSON format, with {@code logging.level}, {@code logging.format},
 * {@code logging.disable_timestamp} and {@code logging.timestamp_format} applied at start and on
 * reload.
 */
package dev.nebula4j.cli.logging;
