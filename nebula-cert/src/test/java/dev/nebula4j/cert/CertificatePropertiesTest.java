package dev.nebula4j.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.nebula4j.internal.cert.PemCodec;
import dev.nebula4j.net.IpNetwork;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Properties of the certificate codec: round trips of arbitrary certificates, every single-bit
 * flip of a signed certificate refused, and hostile bytes or PEM raising only {@link
 * CertException}.
 */
class CertificatePropertiesTest {
  private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");

  /** What a generated certificate should contain. */
  record Shape(Curve curve, String name, int address, int prefix, List<String> groups,
      List<IpNetwork> unsafe, long validitySeconds, boolean constrainedCa) {}

  @Provide
  Arbitrary<Shape> shapes() {
    Arbitrary<String> names = Arbitraries.strings().ofMinLength(1).ofMaxLength(40)
        .filter(s -> !s.isBlank());
    Arbitrary<List<String>> groups = Arbitraries.strings().alpha().numeric().withChars("-_. äø")
        .ofMinLength(1).ofMaxLength(12).filter(s -> !s.isBlank()).list().ofMaxSize(5);
    Arbitrary<List<IpNetwork>> unsafe = Combinators.combine(Arbitraries.integers(),
            Arbitraries.integers().between(0, 32))
        .as(IpNetwork::ofIpv4).list().ofMaxSize(3);
    return Combinators.combine(Arbitraries.of(Curve.class), names,
            Arbitraries.integers().filter(a -> a != 0), Arbitraries.integers().between(0, 32),
            groups, unsafe, Arbitraries.longs().between(1, 10L * 365 * 24 * 3600),
            Arbitraries.of(true, false))
        .as(Shape::new);
  }

  /** A fresh CA and a host credential it signed, shaped by {@code s}. */
  record Issued(CertificateAuthority ca, HostCredential host) {}

  static HostCredential issue(Shape s) {
    return issueWithCa(s).host();
  }

  static Issued issueWithCa(Shape s) {
    CaSpec spec = CaSpec.named("CA " + s.name()).curve(s.curve()).notBefore(T0)
        .validFor(Duration.ofSeconds(s.validitySeconds() + 10));
    IpNetwork net = IpNetwork.ofIpv4(s.address(), s.prefix());
    if (s.constrainedCa()) {
      spec = spec.groups(s.groups().isEmpty() ? List.of("only") : s.groups())
          .networks(List.of(net.masked()))
          .unsafeNetworks(s.unsafe().isEmpty() ? List.of(IpNetwork.parse("0.0.0.0/0"))
              : masked(s.unsafe()));
    }
    CertificateAuthority ca = CertificateAuthority.create(spec)
        .withClock(Clock.fixed(T0.plusSeconds(1), ZoneOffset.UTC));
    return new Issued(ca, ca.sign(HostSpec.named(s.name()).networks(List.of(net))
        .groups(s.groups()).unsafeNetworks(s.unsafe())
        .validFor(Duration.ofSeconds(s.validitySeconds()))));
  }

  private static List<IpNetwork> masked(List<IpNetwork> nets) {
    List<IpNetwork> out = new ArrayList<>();
    for (IpNetwork n : nets) {
      out.add(n.masked());
    }
    return out;
  }

  @Property(tries = 150)
  void arbitraryCertificatesRoundTrip(@ForAll("shapes") Shape s) {
    HostCredential host = issue(s);
    Certificate c = host.certificate();
    Certificate back = Certificate.fromPem(c.toPem());
    assertThat(back).isEqualTo(c);
    assertThat(back.name()).isEqualTo(s.name());
    assertThat(back.networks()).containsExactly(IpNetwork.ofIpv4(s.address(), s.prefix()));
    assertThat(back.groups()).isEqualTo(s.groups());
    assertThat(back.unsafeNetworks()).isEqualTo(s.unsafe());
    assertThat(back.curve()).isEqualTo(s.curve());
    assertThat(back.fingerprint()).isEqualTo(c.fingerprint());
    assertThat(back.marshal()).isEqualTo(c.marshal());
    Certificate recombined = Certificate.fromHandshake(CertificateVersion.V1,
        c.marshalForHandshake(), c.publicKey().bytes(), s.curve());
    assertThat(recombined).isEqualTo(c);
    assertThat(HostCredential.fromPem(back.toPem(),
        host.privateKey().toPem(InsecureSecretKeyAccess.get())).certificate()).isEqualTo(c);
  }

  @Provide
  Arbitrary<Shape> curve25519Shapes() {
    return shapes().filter(s -> s.curve() == Curve.CURVE25519);
  }

  @Provide
  Arbitrary<Shape> p256Shapes() {
    return shapes().filter(s -> s.curve() == Curve.P256);
  }

  @Property(tries = 10)
  void everySingleBitFlipFailsVerificationCurve25519(@ForAll("curve25519Shapes") Shape s) {
    everySingleBitFlipFails(s);
  }

  /** Fewer tries: every flip costs a P-256 signature check through the JDK. */
  @Property(tries = 1)
  void everySingleBitFlipFailsVerificationP256(@ForAll("p256Shapes") Shape s) {
    everySingleBitFlipFails(s);
  }

  private static void everySingleBitFlipFails(Shape s) {
    Issued issued = issueWithCa(s);
    Certificate c = issued.host().certificate();
    CaPool pool = CaPool.of(issued.ca().certificate());
    Instant now = T0.plusSeconds(2);
    pool.verify(c, now);
    byte[] good = c.marshal();
    for (int bit = 0; bit < good.length * 8; bit++) {
      byte[] bad = good.clone();
      bad[bit / 8] ^= (byte) (1 << (bit % 8));
      int b = bit;
      try {
        Certificate parsed = CertificateV1.fromBytes(bad);
        pool.verify(parsed, now);
        throw new AssertionError("flipping bit " + b + " still verifies: " + parsed);
      } catch (CertException expected) {
        // refused, as it must be
      }
    }
  }

  @Property(tries = 400)
  void randomBytesRaiseOnlyCertExceptions(@ForAll @Size(max = 400) byte[] bytes) {
    onlyCertExceptions(() -> CertificateV1.fromBytes(bytes));
    onlyCertExceptions(() -> Certificate.fromPem(bytes));
    onlyCertExceptions(() -> PrivateKey.fromPem(bytes));
    onlyCertExceptions(() -> PublicKey.fromPem(bytes));
    onlyCertExceptions(() -> CaPool.fromPem(bytes));
  }

  @Property(tries = 400)
  void mutatedCertificatesRaiseOnlyCertExceptions(
      @ForAll("shapes") Shape s,
      @ForAll @IntRange(min = 0, max = 10_000) int position,
      @ForAll byte value,
      @ForAll @IntRange(min = 0, max = 3) int mutation) {
    byte[] good = issue(s).certificate().marshal();
    int at = position % good.length;
    byte[] bad = switch (mutation) {
      case 0 -> replace(good, at, value);
      case 1 -> insert(good, at, value);
      case 2 -> java.util.Arrays.copyOf(good, at);
      default -> remove(good, at);
    };
    onlyCertExceptions(() -> CertificateV1.fromBytes(bad));
    String pem = PemCodec.encode("NEBULA CERTIFICATE", bad);
    onlyCertExceptions(() -> CaPool.fromPem(pem));
    onlyCertExceptions(() -> Certificate.fromHandshake(CertificateVersion.V1, bad,
        new byte[] {1, 2, 3}, Curve.CURVE25519));
  }

  @Property(tries = 300)
  void mutatedAndTruncatedPemRaisesOnlyCertExceptions(
      @ForAll("shapes") Shape s,
      @ForAll @IntRange(min = 0, max = 10_000) int position,
      @ForAll char value,
      @ForAll @IntRange(min = 0, max = 2) int mutation) {
    HostCredential host = issue(s);
    String[] texts = {host.certificate().toPem(),
        host.privateKey().toPem(InsecureSecretKeyAccess.get()),
        host.privateKey().publicKey().toPem(),
        host.certificate().toPem() + host.certificate().toPem()};
    for (String text : texts) {
      int at = position % text.length();
      String bad = switch (mutation) {
        case 0 -> text.substring(0, at) + value + text.substring(at + 1);
        case 1 -> text.substring(0, at);
        default -> text.substring(0, at) + value + text.substring(at);
      };
      byte[] raw = bad.getBytes(StandardCharsets.UTF_8);
      onlyCertExceptions(() -> Certificate.fromPem(raw));
      onlyCertExceptions(() -> Certificate.listFromPem(raw));
      onlyCertExceptions(() -> CaPool.fromPem(raw));
      onlyCertExceptions(() -> PrivateKey.fromPem(raw));
      onlyCertExceptions(() -> PublicKey.fromPem(raw));
      onlyCertExceptions(() -> HostCredential.fromPem(bad, bad));
    }
  }

  @Property(tries = 30)
  void truncatedEncryptedKeysRaiseOnlyCertExceptions(@ForAll @IntRange(min = 0, max = 400) int cut) {
    String pem = ENCRYPTED;
    String bad = pem.substring(0, Math.min(cut, pem.length()));
    byte[] pass = "pw".getBytes(StandardCharsets.UTF_8);
    onlyCertExceptions(() -> PrivateKey.decryptPem(bad, pass));
    byte[] payload = PemCodec.decode(pem.getBytes(StandardCharsets.US_ASCII), 0).bytes();
    byte[] truncated = java.util.Arrays.copyOf(payload, Math.min(cut / 2, payload.length));
    onlyCertExceptions(() -> PrivateKey.decryptPem(
        PemCodec.encode("NEBULA ED25519 ENCRYPTED PRIVATE KEY", truncated), pass));
  }

  private static final String ENCRYPTED = PrivateKey.generate(KeyType.ED25519)
      .toEncryptedPem("pw".getBytes(StandardCharsets.UTF_8), new Argon2Parameters(32, 1, 1));

  @Property(tries = 200)
  void fingerprintsParseOnlyHex(@ForAll @Size(max = 70) String s) {
    onlyCertExceptions(() -> Fingerprint.fromHex(s));
  }

  private static void onlyCertExceptions(Runnable r) {
    assertThatCode(() -> {
      try {
        r.run();
      } catch (CertException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }).doesNotThrowAnyException();
  }

  private static byte[] replace(byte[] b, int at, byte v) {
    byte[] out = b.clone();
    out[at] = v;
    return out;
  }

  private static byte[] insert(byte[] b, int at, byte v) {
    byte[] out = new byte[b.length + 1];
    System.arraycopy(b, 0, out, 0, at);
    out[at] = v;
    System.arraycopy(b, at, out, at + 1, b.length - at);
    return out;
  }

  private static byte[] remove(byte[] b, int at) {
    byte[] out = new byte[b.length - 1];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(b, at + 1, out, at, b.length - at - 1);
    return out;
  }
}
