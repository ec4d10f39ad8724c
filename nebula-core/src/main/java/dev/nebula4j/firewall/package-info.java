/**
 * Firewall rule types (public): rules, port and protocol selectors, actions, the policy a node runs
 * with. Evaluation and conntrack live in {@code dev.nebula4j.internal.firewall}.
 */
package dev.nebula4j.firewall;
