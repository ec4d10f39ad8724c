/**
 * Command-line front ends with Go nebula's flag names, defaults and exit codes.
 */
package dev.nebula4j.cli;
