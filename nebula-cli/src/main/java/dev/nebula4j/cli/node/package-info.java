/**
 * {@code bin/nebula -config PATH}: running a node as a process, with Go nebula's start-up checks,
 * log lines, signals ({@code SIGTERM}/{@code SIGINT} stop, {@code SIGHUP} reloads) and exit codes.
 */
package dev.nebula4j.cli.node;
