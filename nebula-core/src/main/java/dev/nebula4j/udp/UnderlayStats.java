package dev.nebula4j.udp;

/**
 * Counters of an {@link Underlay}, a snapshot.
 *
 * @param datagramsReceived datagrams handed to the handler
 * @param datagramsSent datagrams handed to the kernel (or the in-memory network)
 * @param sendErrors sends that failed with an exception
 * @param receiveErrors receive calls that failed while the socket was open
 * @param handlerErrors handler calls that threw
 */
public record UnderlayStats(long datagramsReceived, long datagramsSent, long sendErrors,
    long receiveErrors, long handlerErrors) {}
