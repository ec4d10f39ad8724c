/**
 * The device SPI: where a node reads the IP packets it sends into the overlay and writes the ones
 * it receives. {@code UserspaceDevice} needs no root; a kernel TUN comes from nebula-tun-jnr.
 */
package dev.nebula4j.device;
