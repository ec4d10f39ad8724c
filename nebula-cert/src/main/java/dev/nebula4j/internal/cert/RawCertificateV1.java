package dev.nebula4j.internal.cert;

import java.util.List;

/**
 * The fields of a v1 certificate as they are on the wire ({@code RawNebulaCertificate}), before
 * any interpretation. Arrays are owned by the record's creator and not copied.
 *
 * @param ips address/netmask pairs, flattened (may be odd-sized when read from hostile input)
 * @param subnets address/netmask pairs of the unsafe networks, flattened
 * @param curve the raw enum value of field 100
 */
public record RawCertificateV1(
    String name,
    int[] ips,
    int[] subnets,
    List<String> groups,
    long notBefore,
    long notAfter,
    byte[] publicKey,
    boolean isCa,
    byte[] issuer,
    int curve,
    byte[] signature) {}
