package io.jenkins.plugins.mesh.engine.validate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A report as JSON, {@code {"resources": N, "findings": [{"code", "severity", "kind", "namespace", "name", "file",
 * "line", "message", "rule"}]}} ({@code rule} only for policy findings): what {@code mesh validate --format json} prints, and how a build can keep a report
 * without keeping engine objects.
 */
public final class ValidationReportJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ValidationReportJson() {
    }

    /** The report as indented JSON. */
    public static String write(ValidationReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("resources", report.resources());
        ArrayNode findings = root.putArray("findings");
        for (Finding finding : report.findings()) {
            ObjectNode node = findings.addObject().put("code", finding.code().name())
                    .put("severity", finding.severity().label()).put("kind", finding.kind())
                    .put("namespace", finding.namespace()).put("name", finding.name()).put("file", finding.file())
                    .put("line", finding.line()).put("message", finding.message());
            if (finding.rule() != null) {
                node.put("rule", finding.rule());
            }
        }
        return root.toPrettyString();
    }

    /** Reads what {@link #write} wrote. */
    public static ValidationReport read(String json) throws JsonProcessingException {
        JsonNode root = MAPPER.readTree(json);
        List<Finding> findings = new ArrayList<>();
        for (JsonNode node : root.path("findings")) {
            findings.add(new Finding(FindingCode.valueOf(node.path("code").asText()),
                    Severity.valueOf(node.path("severity").asText().toUpperCase(java.util.Locale.ROOT)),
                    node.path("kind").asText(), node.path("namespace").asText(), node.path("name").asText(),
                    node.path("file").asText(), node.path("line").asInt(), node.path("message").asText(),
                    node.hasNonNull("rule") ? node.path("rule").asText() : null));
        }
        return new ValidationReport(root.path("resources").asInt(), findings);
    }
}
