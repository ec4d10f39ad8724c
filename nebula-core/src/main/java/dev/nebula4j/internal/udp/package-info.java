/**
 * UDP underlay implementations.
 */
package dev.nebula4j.internal.udp;
