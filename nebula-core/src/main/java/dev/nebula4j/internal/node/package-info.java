/**
 * The packet loop (inside and outside paths), node wiring, timers.
 */
package dev.nebula4j.internal.node;
