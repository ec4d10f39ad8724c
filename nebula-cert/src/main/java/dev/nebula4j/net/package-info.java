/**
 * Address value types shared by certificates, configuration, firewall and routing: {@link
 * dev.nebula4j.net.IpNetwork} (an address with a prefix length, host bits kept, as Go's
 * {@code net.IPNet} in a certificate) and strict, DNS-free address parsing.
 */
package dev.nebula4j.net;
