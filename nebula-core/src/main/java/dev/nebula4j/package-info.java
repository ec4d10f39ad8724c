/**
 * {@link dev.nebula4j.NebulaException}, the root of nebula-core's exceptions. The API itself lives
 * in the subpackages: {@code config}, {@code firewall}, {@code device}, {@code udp}, {@code node}.
 */
package dev.nebula4j;
