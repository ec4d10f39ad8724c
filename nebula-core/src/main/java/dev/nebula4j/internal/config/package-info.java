/**
 * Implementation of {@code dev.nebula4j.config}: a YAML tree with source positions read through
 * Jackson's streaming YAML parser under strict limits, Go's multi-file merge, the binder that turns
 * the tree into typed sections while collecting problems, and the YAML writer.
 */
package dev.nebula4j.internal.config;
