/**
 * Interop tests against Debian's Go nebula 1.6.1, run in network namespaces by the harness in
 * {@code dev.nebula4j.interop.harness}. The Go-to-Go tests here prove the harness itself; Java
 * nodes join the same topologies through {@link dev.nebula4j.interop.harness.JvmLink}.
 */
package dev.nebula4j.interop;
