package io.jenkins.plugins.mesh.plugin.steps;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.mesh.engine.config.ClusterConfigReader;
import io.jenkins.plugins.mesh.engine.config.ClusterReadException;
import io.jenkins.plugins.mesh.engine.config.LoadedConfig;
import io.jenkins.plugins.mesh.engine.config.MeshResource;
import io.jenkins.plugins.mesh.engine.config.YamlConfigLoader;
import io.jenkins.plugins.mesh.engine.policy.PolicyException;
import io.jenkins.plugins.mesh.engine.policy.PolicyFile;
import io.jenkins.plugins.mesh.engine.policy.PolicyValidation;
import io.jenkins.plugins.mesh.engine.validate.Finding;
import io.jenkins.plugins.mesh.engine.validate.Severity;
import io.jenkins.plugins.mesh.engine.validate.ValidationReport;
import io.jenkins.plugins.mesh.engine.validate.ValidationReportJson;
import io.jenkins.plugins.mesh.plugin.config.MeshPipelineConfiguration;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code meshValidate} on the engine: the workspace files' texts are read by the engine's YAML loader (each under its
 * workspace path, so findings point at file and line), the cluster's live objects of the namespaces they touch are
 * read when a cluster is given, and the engine's standard validator judges them.
 */
final class ConfigValidation {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigValidation() {
    }

    /**
     * Validates the workspace files with the policy files' rules and the admission policies, and prints the findings
     * compiler-style.
     *
     * @throws AbortException when a policy file is not valid (the message names the file, line and rule) or the
     *     cluster cannot be read
     */
    static ValidationReport validate(List<WorkspaceFile> files, List<WorkspaceFile> policies, String planJson,
            Run<?, ?> run, TaskListener listener) throws IOException {
        JsonNode plan = PlanJson.read(planJson);
        String clusterName = PlanJson.text(plan, "cluster");
        String namespace = PlanJson.text(plan, "namespace");
        if (namespace == null && clusterName != null) {
            namespace = MeshPipelineConfiguration.get().requireCluster(clusterName).getNamespace();
        }
        List<PolicyFile> policyFiles = new ArrayList<>();
        try {
            for (WorkspaceFile policy : policies) {
                policyFiles.add(PolicyFile.read(policy.path(), policy.content()));
            }
        } catch (PolicyException e) {
            throw new AbortException("meshValidate: " + e.getMessage());
        }
        Map<String, String> texts = new LinkedHashMap<>();
        for (WorkspaceFile file : files) {
            texts.put(file.path(), file.content());
        }
        LoadedConfig workspace = new YamlConfigLoader(namespace).readAll(texts);
        PrintStream log = listener.getLogger();
        List<MeshResource> live = List.of();
        if (clusterName != null) {
            try (BuildCluster cluster = BuildCluster.open(clusterName, run)) {
                ClusterConfigReader.PolicyContext context = PolicyValidation.readCluster(
                        new ClusterConfigReader(cluster.client()), workspace.namespaces());
                live = context.resources();
                for (String unread : context.unread()) {
                    log.println(Messages.ConfigValidation_Unread(unread));
                }
            } catch (ClusterReadException e) {
                throw new AbortException("meshValidate: " + e.getMessage());
            }
        }
        ValidationReport report = PolicyValidation.validator(policyFiles).validate(workspace, live, null);
        for (Finding finding : report.findings()) {
            log.println(finding.toText());
        }
        log.println(Messages.ConfigValidation_Summary(report.resources(), report.count(Severity.ERROR),
                report.count(Severity.WARNING), report.count(Severity.INFO)));
        return report;
    }

    /** Fails the step when the report has findings at or above the plan's {@code failOn}. */
    static void failOn(ValidationReport report, String planJson) throws AbortException {
        String failOn = PlanJson.text(PlanJson.read(planJson), "failOn");
        if (failOn != null && !failOn.equals("never")
                && report.failsAt(Severity.valueOf(failOn.toUpperCase(Locale.ROOT)))) {
            throw new AbortException(Messages.ConfigValidation_Failed(failOn));
        }
    }

    /** The findings in the engine's report JSON shape: code, severity, kind, namespace, name, file, line, message. */
    static List<Map<String, Object>> findings(ValidationReport report) throws IOException {
        JsonNode findings = JSON.readTree(ValidationReportJson.write(report)).path("findings");
        return new ArrayList<>(JSON.convertValue(findings, new TypeReference<List<Map<String, Object>>>() {
        }));
    }
}
