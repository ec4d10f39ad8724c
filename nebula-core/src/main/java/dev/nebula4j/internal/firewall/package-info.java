/**
 * Firewall evaluation: packet classification, rule tables, conntrack, reject packets, explain.
 */
package dev.nebula4j.internal.firewall;
