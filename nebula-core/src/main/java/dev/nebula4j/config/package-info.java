/**
 * Go nebula's {@code config.yaml}: loading (file, directory of fragments, string), typed immutable
 * sections with Go's defaults, validation problems as data ({@code ConfigException}), a builder and
 * {@code toYaml()} that writes files Go nebula accepts, and reload diffs.
 */
package dev.nebula4j.config;
