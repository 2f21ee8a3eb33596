package io.jenkins.plugins.mesh.engine.validate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A report as SARIF 2.1.0 ({@code mesh validate --format sarif}, the {@code mesh-validate.sarif} of
 * {@code meshValidate}), for Warnings Next Generation's {@code sarif} tool and code scanning: one run, the codes and
 * policy rules found as {@code tool.driver.rules}, one result per finding with its level, message and
 * {@code file:line}.
 */
public final class ValidationReportSarif {

    /** Where each code is explained; rules' {@code helpUri} point at their section. */
    public static final String DOCS = "https://github.com/jenkinsci/mesh-pipeline-plugin/blob/main/docs/validate.md";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ValidationReportSarif() {
    }

    /** The report as a SARIF log; {@code version} is the tool's version (or null). */
    public static String write(ValidationReport report, String version) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "mesh validate");
        driver.put("informationUri", DOCS);
        if (version != null) {
            driver.put("version", version);
        }
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        ArrayNode results = run.putArray("results");
        for (Finding finding : report.findings()) {
            Integer index = ruleIndex.get(finding.ruleId());
            if (index == null) {
                index = ruleIndex.size();
                ruleIndex.put(finding.ruleId(), index);
                addRule(rules, finding);
            }
            ObjectNode result = results.addObject();
            result.put("ruleId", finding.ruleId());
            result.put("ruleIndex", index);
            result.put("level", level(finding.severity()));
            result.putObject("message").put("text", finding.message());
            ObjectNode location = result.putArray("locations").addObject();
            ObjectNode physical = location.putObject("physicalLocation");
            physical.putObject("artifactLocation").put("uri", uri(finding.file()));
            if (finding.line() > 0) {
                physical.putObject("region").put("startLine", finding.line());
            }
            if (!finding.kind().isEmpty()) {
                location.putArray("logicalLocations").addObject()
                        .put("name", (finding.namespace().isEmpty() ? "" : finding.namespace() + "/") + finding.name())
                        .put("kind", finding.kind());
            }
            ObjectNode properties = result.putObject("properties");
            properties.put("code", finding.code().name());
            properties.put("kind", finding.kind());
            properties.put("namespace", finding.namespace());
            properties.put("name", finding.name());
        }
        run.putArray("artifacts");
        run.putObject("properties").put("resources", report.resources());
        return root.toPrettyString();
    }

    private static void addRule(ArrayNode rules, Finding finding) {
        ObjectNode rule = rules.addObject();
        rule.put("id", finding.ruleId());
        if (finding.rule() == null) {
            FindingCode code = finding.code();
            rule.put("name", code.title());
            rule.putObject("shortDescription").put("text", words(code.title()));
            rule.put("helpUri", DOCS + "#" + code.name().toLowerCase(Locale.ROOT) + "-"
                    + code.title().toLowerCase(Locale.ROOT));
            rule.putObject("defaultConfiguration").put("level", level(code.severity()));
        } else {
            rule.put("name", finding.rule());
            rule.putObject("shortDescription").put("text", (finding.code() == FindingCode.MESH0007 ? "Policy rule "
                    : "Admission policy ") + finding.rule());
            rule.put("helpUri", DOCS + "#" + finding.code().name().toLowerCase(Locale.ROOT) + "-"
                    + finding.code().title().toLowerCase(Locale.ROOT));
            rule.putObject("properties").put("code", finding.code().name());
        }
    }

    /** SARIF's levels: error, warning, note. */
    static String level(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    /** {@code ReferencedResourceNotFound} as {@code Referenced resource not found}. */
    private static String words(String title) {
        String spaced = title.replaceAll("(?<=[a-z0-9])(?=[A-Z])", " ");
        return spaced.charAt(0) + spaced.substring(1).toLowerCase(Locale.ROOT).replace("http", "HTTP")
                .replace("jwt", "JWT").replace("authn", "AuthN");
    }

    /** The file as a relative URI reference: forward slashes, characters a URI cannot hold percent-encoded. */
    static String uri(String file) {
        String path = file.replace('\\', '/');
        try {
            return new URI(null, null, path, null).getRawPath();
        } catch (URISyntaxException e) {
            return path.replace(" ", "%20");
        }
    }
}
