package dev.nebula4j.internal.hostmap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nebula4j.cert.CaPool;
import dev.nebula4j.cert.CaSpec;
import dev.nebula4j.cert.CertificateAuthority;
import dev.nebula4j.cert.HostSpec;
import dev.nebula4j.cert.InsecureSecretKeyAccess;
import dev.nebula4j.cert.SecretBytes;
import dev.nebula4j.cert.VerifiedCertificate;
import dev.nebula4j.firewall.FirewallPeer;
import dev.nebula4j.internal.crypto.AeadAlgorithm;
import dev.nebula4j.internal.crypto.InsecureCounterNonceAead;
import dev.nebula4j.net.IpNetwork;
import java.net.InetSocketAddress;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Roaming (spec §8.3): a tunnel follows its peer, but not back to the old address within 2 s. */
class TunnelRoamingTest {
  private static final InetSocketAddress A = new InetSocketAddress("127.0.0.1", 4001);
  private static final InetSocketAddress B = new InetSocketAddress("127.0.0.1", 4002);
  private static final InetSocketAddress C = new InetSocketAddress("127.0.0.1", 4003);
  private static final long SECOND = 1_000_000_000L;

  private static Tunnel tunnel(InetSocketAddress remote) {
    CertificateAuthority ca = CertificateAuthority.create(CaSpec.named("roaming test CA"));
    VerifiedCertificate peer = CaPool.of(ca.certificate()).verify(
        ca.sign(HostSpec.named("peer").network("10.9.0.2/24")).certificate(), Instant.now());
    SecretBytes key = SecretBytes.copyFrom(new byte[32], InsecureSecretKeyAccess.get());
    InsecureCounterNonceAead aead = InsecureCounterNonceAead.create(AeadAlgorithm.AES_256_GCM, key);
    return Tunnel.builder()
        .indexes(11, 22)
        .peer(peer, IpNetwork.parse("10.9.0.2/32").ipv4Address(),
            FirewallPeer.builder().name("peer").vpnNetwork(IpNetwork.parse("10.9.0.2/24")).build())
        .keys(aead, aead)
        .established(Instant.now())
        .remote(remote)
        .build();
  }

  @Test
  void followsTheSourceAndReportsThePreviousRemote() {
    Tunnel t = tunnel(A);
    assertThat(t.roamTo(A, 0)).as("same address: no roam").isNull();
    assertThat(t.roamTo(B, 10 * SECOND)).isEqualTo(A);
    assertThat(t.remote()).isEqualTo(B);
    assertThat(t.roamTo(C, 10 * SECOND + 1)).as("a third address is always taken").isEqualTo(B);
    assertThat(t.remote()).isEqualTo(C);
  }

  @Test
  void doesNotRoamBackToThePreviousAddressWithinTwoSeconds() {
    Tunnel t = tunnel(A);
    t.roamTo(B, 10 * SECOND);
    assertThat(t.roamTo(A, 10 * SECOND + Tunnel.ROAMING_SUPPRESS_NANOS - 1))
        .as("straggler from the old address within 2 s").isNull();
    assertThat(t.remote()).isEqualTo(B);
    assertThat(t.roamTo(A, 10 * SECOND + Tunnel.ROAMING_SUPPRESS_NANOS)).isEqualTo(B);
    assertThat(t.remote()).isEqualTo(A);
  }

  @Test
  void firstRoamIsNeverSuppressed() {
    Tunnel t = tunnel(A);
    // no roam happened yet: even at time 0 a new address is taken
    assertThat(t.roamTo(B, 0)).isEqualTo(A);
  }
}
