package dev.nebula4j.interop.harness;

import dev.nebula4j.config.NebulaConfig;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The users' tutorial setup as Go nodes: lighthouse {@code leuchtturm1} (10.10.10.1) and the two
 * database nodes {@code prod1-postgresql-0} (10.10.10.2) and {@code prod4-postgresql-0}
 * (10.10.10.3), each in its own namespace on one {@link Underlay}, configured as the tutorial's
 * {@code lighthouse.yaml} and {@code node.yaml} ({@link TutorialConfigs#lighthouse()},
 * {@link TutorialConfigs#node}), certificates from one CA.
 *
 * <pre>{@code
 * TutorialMesh mesh = TutorialMesh.builder()
 *     .node3(cfg -> cfg.tun(t -> t.disabled(true)))
 *     .start(lab);
 * mesh.node2().netns().ping(mesh.node3().overlayAddress(), 3);
 * }</pre>
 */
public final class TutorialMesh {
  public static final String LIGHTHOUSE_NAME = "leuchtturm1";
  public static final String NODE2_NAME = "prod1-postgresql-0";
  public static final String NODE3_NAME = "prod4-postgresql-0";
  public static final String LIGHTHOUSE_CIDR = "10.10.10.1/24";
  public static final String NODE2_CIDR = "10.10.10.2/24";
  public static final String NODE3_CIDR = "10.10.10.3/24";
  public static final String LIGHTHOUSE_IP = "10.10.10.1";

  private final Underlay underlay;
  private final CertificateIssuer issuer;
  private final GoNebula lighthouse;
  private final GoNebula node2;
  private final GoNebula node3;

  private TutorialMesh(
      Underlay underlay, CertificateIssuer issuer, GoNebula lighthouse, GoNebula node2, GoNebula node3) {
    this.underlay = underlay;
    this.issuer = issuer;
    this.lighthouse = lighthouse;
    this.node2 = node2;
    this.node3 = node3;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The tutorial mesh exactly as the tutorial configures it. */
  public static TutorialMesh start(InteropLab lab) {
    return builder().start(lab);
  }

  public Underlay underlay() {
    return underlay;
  }

  /** The CA all three nodes trust; issue more hosts (a Java node) from it. */
  public CertificateIssuer issuer() {
    return issuer;
  }

  /** {@code leuchtturm1}, 10.10.10.1. */
  public GoNebula lighthouse() {
    return lighthouse;
  }

  /** {@code prod1-postgresql-0}, 10.10.10.2. */
  public GoNebula node2() {
    return node2;
  }

  /** {@code prod4-postgresql-0}, 10.10.10.3. */
  public GoNebula node3() {
    return node3;
  }

  /** Config adjustments per role, applied on top of the tutorial presets. */
  public static final class Builder {
    private Consumer<NebulaConfig.Builder> all = b -> {};
    private Consumer<NebulaConfig.Builder> lighthouse = b -> {};
    private Consumer<NebulaConfig.Builder> node2 = b -> {};
    private Consumer<NebulaConfig.Builder> node3 = b -> {};
    private CertificateIssuer issuer;

    private Builder() {}

    /** Applied to every node's config (before the per-node adjustments). */
    public Builder all(Consumer<NebulaConfig.Builder> change) {
      all = Objects.requireNonNull(change, "change");
      return this;
    }

    public Builder lighthouse(Consumer<NebulaConfig.Builder> change) {
      lighthouse = Objects.requireNonNull(change, "change");
      return this;
    }

    public Builder node2(Consumer<NebulaConfig.Builder> change) {
      node2 = Objects.requireNonNull(change, "change");
      return this;
    }

    public Builder node3(Consumer<NebulaConfig.Builder> change) {
      node3 = Objects.requireNonNull(change, "change");
      return this;
    }

    /** Certificates from this issuer instead of a fresh {@code nebula-cert} CA "My New CA". */
    public Builder issuer(CertificateIssuer issuer) {
      this.issuer = Objects.requireNonNull(issuer, "issuer");
      return this;
    }

    /** Builds the underlay and starts the lighthouse, then both nodes; all owned by {@code lab}. */
    public TutorialMesh start(InteropLab lab) {
      CertificateIssuer ca = issuer != null ? issuer : lab.nebulaCertCa("My New CA");
      Underlay net = lab.newUnderlay();
      Netns lhNs = net.addHost("lighthouse " + LIGHTHOUSE_NAME);
      Netns n2Ns = net.addHost("node " + NODE2_NAME);
      Netns n3Ns = net.addHost("node " + NODE3_NAME);

      NebulaConfig.Builder lhCfg = TutorialConfigs.lighthouse();
      all.accept(lhCfg);
      lighthouse.accept(lhCfg);
      GoNebula lh =
          lab.goNebula("lighthouse", lhNs)
              .config(lhCfg)
              .credentials(ca.issue(LIGHTHOUSE_NAME, LIGHTHOUSE_CIDR))
              .start();

      InetSocketAddress lhEndpoint = lh.underlayEndpoint();
      GoNebula n2 = startNode(lab, ca, n2Ns, "node2", NODE2_NAME, NODE2_CIDR, lhEndpoint, node2);
      GoNebula n3 = startNode(lab, ca, n3Ns, "node3", NODE3_NAME, NODE3_CIDR, lhEndpoint, node3);
      return new TutorialMesh(net, ca, lh, n2, n3);
    }

    private GoNebula startNode(
        InteropLab lab,
        CertificateIssuer ca,
        Netns ns,
        String label,
        String certName,
        String cidr,
        InetSocketAddress lighthouseEndpoint,
        Consumer<NebulaConfig.Builder> change) {
      NebulaConfig.Builder cfg = TutorialConfigs.node(LIGHTHOUSE_IP, lighthouseEndpoint);
      all.accept(cfg);
      change.accept(cfg);
      return lab.goNebula(label, ns).config(cfg).credentials(ca.issue(certName, cidr)).start();
    }
  }
}
