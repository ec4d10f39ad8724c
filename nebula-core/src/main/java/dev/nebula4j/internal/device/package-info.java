/**
 * Device implementation details (userspace IP stack helpers).
 */
package dev.nebula4j.internal.device;
