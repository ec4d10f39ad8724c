/**
 * The overlay node: {@code NebulaNode}, its builder, the event listener and tunnel listings.
 */
package dev.nebula4j.node;
