/**
 * Lighthouse protocol: NebulaMeta codec, host updates, queries, punch notifications.
 */
package dev.nebula4j.internal.lighthouse;
