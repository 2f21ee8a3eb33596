package io.jenkins.plugins.mesh.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.mesh.engine.config.ClusterConfigReader;
import io.jenkins.plugins.mesh.engine.config.ClusterReadException;
import io.jenkins.plugins.mesh.engine.config.LoadedConfig;
import io.jenkins.plugins.mesh.engine.config.MeshResource;
import io.jenkins.plugins.mesh.engine.config.YamlConfigLoader;
import io.jenkins.plugins.mesh.engine.policy.PolicyException;
import io.jenkins.plugins.mesh.engine.policy.PolicyFile;
import io.jenkins.plugins.mesh.engine.policy.PolicyValidation;
import io.jenkins.plugins.mesh.engine.validate.CanaryTarget;
import io.jenkins.plugins.mesh.engine.validate.Finding;
import io.jenkins.plugins.mesh.engine.validate.Severity;
import io.jenkins.plugins.mesh.engine.validate.ValidationReport;
import io.jenkins.plugins.mesh.engine.validate.ValidationReportJson;
import io.jenkins.plugins.mesh.engine.validate.ValidationReportJunit;
import io.jenkins.plugins.mesh.engine.validate.ValidationReportSarif;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mesh validate}: checks Istio and Gateway API config files, optionally with the live cluster. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check Istio and Gateway API config files before they are applied.",
            "VirtualService, DestinationRule, Gateway, ServiceEntry, Service and HTTPRoute: schema, cross-references,",
            "route order and istioctl analyze's checks, the canary route, your CEL policy rules (--policy), the",
            "ValidatingAdmissionPolicies among the files and (with --cluster) live objects. Codes: docs/validate.md."},
        footer = {"%nExit codes: 0 no errors, 1 errors found, 2 usage or I/O problem (missing path, kubeconfig)."})
public final class ValidateCommand implements Callable<Integer> {

    /** How findings are printed. */
    enum Format { text, json, sarif, junit }

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "files or folders (.yaml, .yml, .json)")
    List<Path> paths;

    @Option(names = "--format", defaultValue = "text", description = "text (like a compiler), json, sarif (SARIF "
            + "2.1.0, for Warnings Next Generation and code scanning) or junit (JUnit XML, one test per object)")
    Format format;

    @Option(names = "--policy", paramLabel = "FILE", description = "a policy file of CEL rules every object must "
            + "keep (repeatable); see examples/policy/mesh-policy.yaml")
    List<Path> policies = new ArrayList<>();

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", defaultValue = "default",
            description = "namespace of objects that name none (default: ${DEFAULT-VALUE})")
    String namespace;

    @Option(names = "--cluster", description = "also read DestinationRules, Services, ServiceEntries and Gateways of "
            + "the namespaces involved from the cluster, with their Namespaces and the ValidatingAdmissionPolicies "
            + "bound there (read-only; files win over live objects)")
    boolean cluster;

    @Mixin
    KubeconfigOptions kubeconfig;

    @ArgGroup(exclusive = false, heading = "%nCanary route check (all of --target, --stable, --canary):%n")
    CanaryOptions canary;

    /** The route a canary will drive, checked to hold both destinations. */
    static final class CanaryOptions {
        @Option(names = "--target", required = true, paramLabel = "KIND/NS/NAME",
                description = "VirtualService/shop/reviews or HTTPRoute/shop/web")
        String target;

        @Option(names = "--route", paramLabel = "NAME", description = "route name inside the target")
        String route;

        @Option(names = "--stable", required = true, paramLabel = "DEST", description = "stable subset or host")
        String stable;

        @Option(names = "--canary", required = true, paramLabel = "DEST", description = "canary subset or host")
        String canary;

        CanaryTarget toTarget() {
            String[] parts = target.split("/", -1);
            if (parts.length != 3 || parts[1].isEmpty() || parts[2].isEmpty()) {
                throw new IllegalArgumentException("--target '" + target + "' must be KIND/NAMESPACE/NAME, e.g. "
                        + "VirtualService/shop/reviews");
            }
            return new CanaryTarget(parts[0], parts[1], parts[2], route, stable, canary);
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            CanaryTarget target = canary == null ? null : canary.toTarget();
            List<PolicyFile> policyFiles = new ArrayList<>();
            for (Path policy : policies) {
                policyFiles.add(PolicyFile.load(policy));
            }
            LoadedConfig files = new YamlConfigLoader(namespace).load(paths);
            List<MeshResource> live = cluster ? readCluster(files, err) : List.of();
            ValidationReport report = PolicyValidation.validator(policyFiles).validate(files, live, target);
            switch (format) {
                case json -> out.println(ValidationReportJson.write(report));
                case sarif -> out.println(ValidationReportSarif.write(report, new MeshCommand.Version().getVersion()[0]
                        .substring("mesh ".length())));
                case junit -> out.print(ValidationReportJunit.write(report));
                default -> printText(report, out);
            }
            return report.hasErrors() ? 1 : 0;
        } catch (IOException | ClusterReadException | PolicyException | IllegalArgumentException e) {
            err.println("mesh validate: " + e.getMessage());
            return 2;
        }
    }

    private List<MeshResource> readCluster(LoadedConfig files, PrintWriter err) throws IOException,
            ClusterReadException {
        try (KubernetesClient client = kubeconfig.connect()) {
            ClusterConfigReader.PolicyContext context = PolicyValidation.readCluster(new ClusterConfigReader(client),
                    files.namespaces());
            for (String unread : context.unread()) {
                err.println("mesh validate: note: access denied to " + unread + "; checked without it "
                        + "(docs/rbac.md lists what policies read)");
            }
            return context.resources();
        }
    }

    private static void printText(ValidationReport report, PrintWriter out) {
        for (Finding finding : report.findings()) {
            out.println(finding.toText());
        }
        out.println(report.resources() + " resources checked: " + report.count(Severity.ERROR) + " errors, "
                + report.count(Severity.WARNING) + " warnings, " + report.count(Severity.INFO) + " infos");
    }
}
