package io.jenkins.plugins.mesh.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.Test;

public class ValidationReportJsonTest {

    @Test
    public void roundTrips() throws Exception {
        ValidationReport report = MeshFixture.withMesh("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: probe, namespace: shop}
                spec:
                  hosts: [ratings]
                  http:
                  - route:
                    - destination: {host: "caf\u00e9 \\"quoted\\"", subset: v9}
                      weight: -1
                """);
        assertThat(report.findings()).hasSizeGreaterThan(1);
        String json = ValidationReportJson.write(report);
        assertThat(json).contains("\"resources\" : 10").contains("\"severity\" : \"error\"");
        // the JSON lists the findings, not every object checked
        assertThat(ValidationReportJson.read(json)).isEqualTo(new ValidationReport(report.resources(), report.findings()));
    }
}
