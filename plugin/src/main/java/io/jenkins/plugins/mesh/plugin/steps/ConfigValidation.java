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
import io.jenkins.plugins.mesh.engine.validate.Finding;
import io.jenkins.plugins.mesh.engine.validate.Severity;
import io.jenkins.plugins.mesh.engine.validate.ValidationReport;
import io.jenkins.plugins.mesh.engine.validate.ValidationReportJson;
import io.jenkins.plugins.mesh.engine.validate.Validator;
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

    /** Prints the findings compiler-style and returns them as maps; fails per {@code failOn}. */
    static List<Map<String, Object>> validate(List<WorkspaceFile> files, String planJson, Run<?, ?> run,
            TaskListener listener) throws IOException {
        JsonNode plan = PlanJson.read(planJson);
        String clusterName = PlanJson.text(plan, "cluster");
        String namespace = PlanJson.text(plan, "namespace");
        if (namespace == null && clusterName != null) {
            namespace = MeshPipelineConfiguration.get().requireCluster(clusterName).getNamespace();
        }
        Map<String, String> texts = new LinkedHashMap<>();
        for (WorkspaceFile file : files) {
            texts.put(file.path(), file.content());
        }
        LoadedConfig workspace = new YamlConfigLoader(namespace).readAll(texts);
        List<MeshResource> live = List.of();
        if (clusterName != null) {
            try (BuildCluster cluster = BuildCluster.open(clusterName, run)) {
                live = new ClusterConfigReader(cluster.client()).read(workspace.namespaces());
            } catch (ClusterReadException e) {
                throw new AbortException("meshValidate: " + e.getMessage());
            }
        }
        ValidationReport report = Validator.standard().validate(workspace, live, null);
        PrintStream log = listener.getLogger();
        for (Finding finding : report.findings()) {
            log.println(finding.toText());
        }
        log.println(Messages.ConfigValidation_Summary(report.resources(), report.count(Severity.ERROR),
                report.count(Severity.WARNING), report.count(Severity.INFO)));
        String failOn = PlanJson.text(plan, "failOn");
        if (failOn != null && !failOn.equals("never")
                && report.failsAt(Severity.valueOf(failOn.toUpperCase(Locale.ROOT)))) {
            throw new AbortException(Messages.ConfigValidation_Failed(failOn));
        }
        return findings(report);
    }

    /** The findings in the engine's report JSON shape: code, severity, kind, namespace, name, file, line, message. */
    private static List<Map<String, Object>> findings(ValidationReport report) throws IOException {
        JsonNode findings = JSON.readTree(ValidationReportJson.write(report)).path("findings");
        return new ArrayList<>(JSON.convertValue(findings, new TypeReference<List<Map<String, Object>>>() {
        }));
    }
}
