package io.jenkins.plugins.mesh.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

public class ValidationReportFormatsTest {

    private static final ValidationReport REPORT = new ValidationReport(3, List.of(
            new Finding(FindingCode.IST0101, Severity.ERROR, "VirtualService", "shop", "web", "k8s/my mesh.yaml", 12,
                    "Referenced host not found: \"x\" <&> \u0000\u001b"),
            new Finding(FindingCode.IST0131, Severity.INFO, "VirtualService", "shop", "web", "k8s/my mesh.yaml", 20,
                    "ineffective"),
            new Finding(FindingCode.MESH0007, Severity.WARNING, "Gateway", "shop", "edge", "k8s\\gw.yaml", 3,
                    "no * hosts", "no-wildcard-hosts"),
            new Finding(FindingCode.MESH0003, Severity.ERROR, "", "", "", "broken.yaml", 0, "invalid YAML")),
            List.of(new CheckedObject("VirtualService", "shop", "web", "k8s/my mesh.yaml", 1),
                    new CheckedObject("Gateway", "shop", "edge", "k8s\\gw.yaml", 1),
                    new CheckedObject("Service", "shop", "web", "k8s/svc.yaml", 1)));

    @Test
    public void sarifNamesRulesOnceAndMapsLevelsAndLocations() throws Exception {
        JsonNode run = new ObjectMapper().readTree(ValidationReportSarif.write(REPORT, "1.2.3")).path("runs").get(0);
        JsonNode driver = run.path("tool").path("driver");
        assertThat(driver.path("version").asText()).isEqualTo("1.2.3");
        assertThat(driver.path("rules").findValuesAsText("id")).containsExactly("IST0101", "IST0131",
                "no-wildcard-hosts", "MESH0003");
        JsonNode rule = driver.path("rules").get(0);
        assertThat(rule.path("shortDescription").path("text").asText()).isEqualTo("Referenced resource not found");
        assertThat(rule.path("helpUri").asText()).endsWith("docs/validate.md#ist0101-referencedresourcenotfound");
        JsonNode results = run.path("results");
        assertThat(results.findValuesAsText("level")).containsExactly("error", "note", "warning", "error");
        JsonNode first = results.get(0).path("locations").get(0);
        assertThat(first.path("physicalLocation").path("artifactLocation").path("uri").asText())
                .isEqualTo("k8s/my%20mesh.yaml");
        assertThat(first.path("physicalLocation").path("region").path("startLine").asInt()).isEqualTo(12);
        assertThat(first.path("logicalLocations").get(0).path("name").asText()).isEqualTo("shop/web");
        assertThat(results.get(2).path("locations").get(0).path("physicalLocation").path("artifactLocation")
                .path("uri").asText()).isEqualTo("k8s/gw.yaml");
        assertThat(results.get(3).path("locations").get(0).path("physicalLocation").has("region")).isFalse();
        assertThat(results.get(0).path("message").path("text").asText()).contains("<&>");
    }

    @Test
    public void junitIsWellFormedWithOneCasePerObjectAndOneForADocumentThatIsNoObject() throws Exception {
        String xml = ValidationReportJunit.write(REPORT);
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(
                xml.getBytes(StandardCharsets.UTF_8)));
        Element suites = document.getDocumentElement();
        assertThat(suites.getAttribute("tests")).isEqualTo("4");
        assertThat(suites.getAttribute("failures")).isEqualTo("2");
        var cases = document.getElementsByTagName("testcase");
        Element web = (Element) cases.item(0);
        assertThat(web.getAttribute("name")).isEqualTo("VirtualService shop/web");
        assertThat(web.getElementsByTagName("failure").item(0).getTextContent()).contains("<&> \uFFFD\uFFFD");
        assertThat(web.getElementsByTagName("system-out").item(0).getTextContent()).contains("info IST0131");
        Element edge = (Element) cases.item(1);
        assertThat(edge.getElementsByTagName("failure").getLength()).isZero();
        assertThat(edge.getElementsByTagName("system-out").item(0).getTextContent()).contains("[no-wildcard-hosts]");
        assertThat(((Element) cases.item(2)).getChildNodes().getLength()).isZero();
        Element broken = (Element) cases.item(3);
        assertThat(broken.getAttribute("classname")).isEqualTo("broken.yaml");
        assertThat(broken.getElementsByTagName("failure").item(0).getAttributes().getNamedItem("type")
                .getTextContent()).isEqualTo("MESH0003");
    }

    @Test
    public void jsonKeepsTheRuleOfPolicyFindings() throws Exception {
        ValidationReport back = ValidationReportJson.read(ValidationReportJson.write(REPORT));
        assertThat(back.findings()).extracting(Finding::rule).containsExactly(null, null, "no-wildcard-hosts", null);
    }
}
