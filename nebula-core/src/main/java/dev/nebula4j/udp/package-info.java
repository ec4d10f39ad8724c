/**
 * The underlay SPI: how a node sends and receives UDP datagrams. The default is a JDK
 * {@code DatagramChannel}; batched (recvmmsg) and in-memory implementations plug in here.
 */
package dev.nebula4j.udp;
