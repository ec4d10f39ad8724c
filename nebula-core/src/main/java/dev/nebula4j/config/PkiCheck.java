package dev.nebula4j.config;

import dev.nebula4j.cert.CaPool;
import dev.nebula4j.cert.CertException;
import dev.nebula4j.cert.CertVerificationException;
import dev.nebula4j.cert.Certificate;
import dev.nebula4j.cert.HostCredential;
import dev.nebula4j.cert.PrivateKey;
import dev.nebula4j.config.ConfigProblem.Reason;
import dev.nebula4j.config.ConfigProblem.Severity;
import dev.nebula4j.net.IpNetwork;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The second half of {@code nebula -test}: reads what {@code pki} points at (files or inline PEM)
 * with the certificate library and reports, as {@link ConfigProblem}s with the {@code pki.*} path,
 * a missing or unreadable file (naming it), PEM that does not decode, a certificate that is
 * expired, a CA, or has no networks, a private key that does not belong to the certificate, and a
 * certificate file named differently from the certificate inside (a copy-paste slip). With the
 * certificate in hand it also checks what Go 1.6.1 checks against the VPN network: static_host_map
 * keys, lighthouse.hosts and tun.routes inside it, tun.unsafe_routes outside it.
 *
 * <p>Loading a config ({@link ConfigLoader}) stays free of crypto and file access; this class is
 * the only place that reads the PKI files, and its results carry the parsed CA pool and host
 * credential for the node.
 */
public final class PkiCheck {
  private PkiCheck() {}

  /**
   * What the check found.
   *
   * @param caPool the trusted CAs, when they loaded
   * @param credential this host's certificate and key, when both loaded and match
   * @param problems errors and warnings, in the order found
   */
  public record Result(
      Optional<CaPool> caPool, Optional<HostCredential> credential, List<ConfigProblem> problems) {
    public Result {
      Objects.requireNonNull(caPool, "caPool");
      Objects.requireNonNull(credential, "credential");
      problems = List.copyOf(problems);
    }

    public boolean hasErrors() {
      return problems.stream().anyMatch(ConfigProblem::isError);
    }
  }

  /** Runs every check at time {@code now}. */
  public static Result run(NebulaConfig config, Instant now) {
    List<ConfigProblem> problems = new ArrayList<>();
    PkiConfig pki = config.pki();

    CaPool pool = null;
    byte[] ca = read(pki.ca(), "pki.ca", problems);
    if (ca != null) {
      try {
        pool = CaPool.fromPem(ca);
        if (!pool.hasUsableCa(now)) {
          add(problems, Severity.ERROR, "pki.ca", Reason.INVALID_CERTIFICATE, pki.ca(),
              "pki.ca " + describe(pki.ca()) + ": no valid CA certificates present (all expired)");
        } else {
          for (Certificate expired : pool.expired(now)) {
            add(problems, Severity.WARNING, "pki.ca", Reason.INVALID_CERTIFICATE, pki.ca(),
                "pki.ca " + describe(pki.ca()) + ": expired certificate present in CA pool: "
                    + expired.name());
          }
        }
      } catch (CertException e) {
        add(problems, Severity.ERROR, "pki.ca", Reason.INVALID_PEM, pki.ca(),
            "error while adding CA certificate to CA trust store from " + describe(pki.ca())
                + ": " + e.getMessage());
      }
    }

    Certificate cert = null;
    byte[] certBytes = read(pki.cert(), "pki.cert", problems);
    if (certBytes != null) {
      try {
        cert = Certificate.fromPem(certBytes);
      } catch (CertException e) {
        add(problems, Severity.ERROR, "pki.cert", Reason.INVALID_PEM, pki.cert(),
            "error while unmarshaling pki.cert " + describe(pki.cert()) + ": " + e.getMessage());
      }
    }
    if (cert != null) {
      if (cert.isCa()) {
        add(problems, Severity.ERROR, "pki.cert", Reason.INVALID_CERTIFICATE, pki.cert(),
            "pki.cert " + describe(pki.cert()) + " is a CA certificate, not a host certificate");
      }
      if (cert.isExpired(now)) {
        add(problems, Severity.ERROR, "pki.cert", Reason.INVALID_CERTIFICATE, pki.cert(),
            "nebula certificate for this host is expired (valid " + cert.notBefore() + " to "
                + cert.notAfter() + ")");
      }
      if (cert.networks().isEmpty()) {
        add(problems, Severity.ERROR, "pki.cert", Reason.INVALID_CERTIFICATE, pki.cert(),
            "no IPs encoded in certificate " + describe(pki.cert()));
      }
      if (pool != null && !cert.isCa()) {
        try {
          pool.verify(cert, now);
        } catch (CertVerificationException e) {
          add(problems, Severity.WARNING, "pki.cert", Reason.INVALID_CERTIFICATE, pki.cert(),
              "pki.cert " + describe(pki.cert()) + " does not verify against pki.ca ("
                  + e.getMessage() + "); peers trusting that CA will refuse it");
        }
      }
      nameCheck(pki, cert, problems);
    }

    PrivateKey key = null;
    if (pki.key() instanceof PkiSource.Pkcs11) {
      add(problems, Severity.ERROR, "pki.key", Reason.NOT_IMPLEMENTED, pki.key(),
          "pki.key: PKCS#11 keys are not supported by nebula4j");
    } else {
      byte[] keyBytes = read(pki.key(), "pki.key", problems);
      if (keyBytes != null) {
        try {
          key = PrivateKey.fromPem(keyBytes);
        } catch (CertException e) {
          add(problems, Severity.ERROR, "pki.key", Reason.INVALID_PEM, pki.key(),
              "error while unmarshaling pki.key " + describe(pki.key()) + ": " + e.getMessage());
        } finally {
          Arrays.fill(keyBytes, (byte) 0);
        }
      }
    }

    HostCredential credential = null;
    if (cert != null && key != null) {
      if (!cert.matches(key)) {
        add(problems, Severity.ERROR, "pki.key", Reason.KEY_MISMATCH, pki.key(),
            "private key " + describe(pki.key()) + " is not a pair with the public key in "
                + describe(pki.cert()));
      } else if (!cert.isCa()) {
        credential = HostCredential.of(cert, key);
      }
    }
    if (cert != null && !cert.networks().isEmpty()) {
      networkChecks(config, cert.networks(), problems);
    }
    return new Result(Optional.ofNullable(pool), Optional.ofNullable(credential), problems);
  }

  private static void nameCheck(PkiConfig pki, Certificate cert, List<ConfigProblem> problems) {
    if (!(pki.cert() instanceof PkiSource.File f)) {
      return;
    }
    String base = baseName(f.path());
    if (!base.equals(cert.name()) && !base.equals("host") && !base.equals("cert")) {
      add(problems, Severity.WARNING, "pki.cert", Reason.NAME_MISMATCH, pki.cert(),
          "pki.cert file " + f.path() + " holds the certificate of '" + cert.name()
              + "', not of '" + base + "': check that this is the host you mean");
    }
    if (pki.key() instanceof PkiSource.File k && !baseName(k.path()).equals(base)) {
      add(problems, Severity.WARNING, "pki.key", Reason.NAME_MISMATCH, pki.key(),
          "pki.key " + k.path() + " and pki.cert " + f.path() + " have different names");
    }
  }

  private static String baseName(Path p) {
    String n = p.getFileName() == null ? "" : p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }

  private static void networkChecks(
      NebulaConfig c, List<IpNetwork> networks, List<ConfigProblem> problems) {
    for (InetAddress ip : c.staticHostMap().keySet()) {
      if (!inAny(networks, ip)) {
        problems.add(new ConfigProblem(Severity.ERROR,
            "static_host_map.\"" + IpNetwork.formatAddress(ip) + "\"", Reason.NOT_IN_NETWORK,
            IpNetwork.formatAddress(ip), Optional.empty(),
            "static_host_map key " + IpNetwork.formatAddress(ip)
                + " is not in our VPN network " + networks));
      }
    }
    List<InetAddress> hosts = c.lighthouse().hosts();
    for (int i = 0; i < hosts.size(); i++) {
      if (!inAny(networks, hosts.get(i))) {
        problems.add(new ConfigProblem(Severity.ERROR, "lighthouse.hosts[" + i + "]",
            Reason.NOT_IN_NETWORK, IpNetwork.formatAddress(hosts.get(i)), Optional.empty(),
            "lighthouse host " + IpNetwork.formatAddress(hosts.get(i))
                + " is not in our VPN network " + networks));
      }
    }
    List<TunRoute> routes = c.tun().routes();
    for (int i = 0; i < routes.size(); i++) {
      IpNetwork r = routes.get(i).route();
      boolean inside = networks.stream().anyMatch(n -> n.masked().contains(r));
      if (!inside) {
        problems.add(new ConfigProblem(Severity.ERROR, "tun.routes[" + i + "].route",
            Reason.NOT_IN_NETWORK, r.toString(), Optional.empty(),
            "tun.routes[" + i + "] " + r + " is not contained within the certificate's network "
                + networks));
      }
    }
    List<UnsafeRoute> unsafe = c.tun().unsafeRoutes();
    for (int i = 0; i < unsafe.size(); i++) {
      IpNetwork r = unsafe.get(i).route();
      if (networks.stream().anyMatch(n -> n.masked().contains(r.address()))) {
        problems.add(new ConfigProblem(Severity.ERROR, "tun.unsafe_routes[" + i + "].route",
            Reason.NOT_IN_NETWORK, r.toString(), Optional.empty(),
            "tun.unsafe_routes[" + i + "] " + r + " is contained within the certificate's network "
                + networks));
      }
    }
  }

  private static boolean inAny(List<IpNetwork> networks, InetAddress ip) {
    return networks.stream().anyMatch(n -> n.contains(ip));
  }

  private static byte[] read(PkiSource src, String path, List<ConfigProblem> problems) {
    if (src instanceof PkiSource.Inline in) {
      return in.pem().getBytes(StandardCharsets.UTF_8);
    }
    if (src instanceof PkiSource.File f) {
      try {
        return Files.readAllBytes(f.path());
      } catch (NoSuchFileException e) {
        add(problems, Severity.ERROR, path, Reason.MISSING_FILE, src,
            "unable to read " + path + " file " + f.path() + ": no such file");
      } catch (IOException e) {
        add(problems, Severity.ERROR, path, Reason.MISSING_FILE, src,
            "unable to read " + path + " file " + f.path() + ": " + e);
      }
      return null;
    }
    add(problems, Severity.ERROR, path, Reason.NOT_IMPLEMENTED, src,
        path + ": " + src.configValue() + " is not supported here");
    return null;
  }

  private static void add(List<ConfigProblem> problems, Severity severity, String path,
      Reason reason, PkiSource src, String message) {
    problems.add(
        new ConfigProblem(severity, path, reason, describe(src), Optional.empty(), message));
  }

  /** The source for messages; never key material: inline values are shown as {@code <inline>}. */
  private static String describe(PkiSource src) {
    return src instanceof PkiSource.Inline ? "<inline>" : src.configValue();
  }
}
