package io.jenkins.plugins.mesh.engine.validate;

import static io.jenkins.plugins.mesh.engine.validate.MeshFixture.findings;
import static io.jenkins.plugins.mesh.engine.validate.MeshFixture.single;
import static io.jenkins.plugins.mesh.engine.validate.MeshFixture.validate;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.Test;

/** DestinationRule, Gateway, ServiceEntry and Service schema checks. */
public class ResourceSchemaRulesTest {

    private static String object(String kind, String apiVersion, String spec) {
        return MeshFixture.probe(apiVersion, kind, spec);
    }

    private static String error(String kind, String apiVersion, String spec) {
        return single(validate(object(kind, apiVersion, spec)), FindingCode.IST0106).message();
    }

    private static void valid(String kind, String apiVersion, String spec) {
        assertThat(findings(validate(object(kind, apiVersion, spec)), FindingCode.IST0106)).isEmpty();
    }

    @Test
    public void destinationRuleNeedsAHost() {
        assertThat(error("DestinationRule", "networking.istio.io/v1", "subsets: [{name: v1}]")).contains("spec.host");
    }

    @Test
    public void subsetNamesAreUniqueDnsLabels() {
        String dr = "networking.istio.io/v1beta1";
        assertThat(error("DestinationRule", dr, "host: reviews\nsubsets: [{name: V_1}]")).contains("DNS-1123 label");
        assertThat(error("DestinationRule", dr, "host: 'reviews/shop'")).contains("invalid label 'reviews/shop'");
        assertThat(error("DestinationRule", dr, "host: reviews\nsubsets: [{name: v1}, {name: v1}]"))
                .contains("used twice (subsets 0 and 1)");
        assertThat(error("DestinationRule", dr, "host: reviews\nsubsets: [{labels: {version: v1}}]"))
                .contains("has no name");
        assertThat(error("DestinationRule", dr, "host: reviews\nsubsets: [{name: v1, labels: [a]}]"))
                .contains("labels must be a mapping");
        valid("DestinationRule", dr, "host: reviews\nsubsets: [{name: v1-canary, labels: {version: v1}}, {name: v2}]");
    }

    @Test
    public void gatewayServersNeedHostsAndPorts() {
        String gw = "networking.istio.io/v1";
        assertThat(error("Gateway", gw, "selector: {istio: ingressgateway}")).contains("no servers");
        assertThat(error("Gateway", gw, "servers:\n- port: {number: 80, name: http, protocol: HTTP}"))
                .contains("has no hosts");
        assertThat(error("Gateway", gw, "servers:\n- port: {number: 0, name: http, protocol: HTTP}\n  hosts: ['*']"))
                .contains("from 1 to 65535");
        assertThat(error("Gateway", gw, "servers:\n- port: {number: 80, name: http}\n  hosts: ['*']"))
                .contains("has no protocol");
        assertThat(error("Gateway", gw, "servers:\n- hosts: ['*']")).contains("has no port");
        assertThat(error("Gateway", gw, "servers:\n- port: {number: 80, name: http, protocol: HTTP}\n"
                + "  hosts: ['shop/www example.com']")).contains("host 'www example.com' has an invalid label");
        assertThat(error("Gateway", gw, "servers:\n- port: {number: 443, name: https, protocol: HTTPS}\n  hosts: ['*']"))
                .contains("has no tls settings");
        assertThat(error("Gateway", gw, """
                servers:
                - port: {number: 80, name: web, protocol: HTTP}
                  hosts: [a.example.com]
                - port: {number: 8080, name: web, protocol: HTTP}
                  hosts: [b.example.com]
                """)).contains("port name 'web' is used by two servers");
        valid("Gateway", gw, """
                servers:
                - port: {number: 443, name: https, protocol: HTTPS}
                  hosts: [shop/*.example.com]
                  tls: {mode: SIMPLE, credentialName: shop-cert}
                """);
    }

    @Test
    public void serviceEntryNeedsHostsAndValidEnums() {
        String se = "networking.istio.io/v1alpha3";
        assertThat(error("ServiceEntry", se, "ports: [{number: 443, name: https, protocol: TLS}]")).contains("no hosts");
        assertThat(error("ServiceEntry", se, "hosts: [a.example.com]\nresolution: MAGIC")).contains("resolution 'MAGIC'");
        assertThat(error("ServiceEntry", se, "hosts: [a..example.com]")).contains("invalid label ''");
        valid("ServiceEntry", se, "hosts: ['*.example.com', api.Example.com]");
        assertThat(error("ServiceEntry", se, "hosts: [a.example.com]\nlocation: OUTSIDE")).contains("location 'OUTSIDE'");
        assertThat(error("ServiceEntry", se, "hosts: [a.example.com]\nports: [{number: 99999, name: x}]"))
                .contains("from 1 to 65535");
        valid("ServiceEntry", se, "hosts: [a.example.com]\nresolution: DNS\nports: [{number: 443, name: https}]");
    }

    @Test
    public void servicePortsAreInRange() {
        assertThat(error("Service", "v1", "ports: [{port: 70000}]")).contains("from 1 to 65535");
        assertThat(error("Service", "v1", "ports: [{name: http}]")).contains("has no port");
        valid("Service", "v1", "ports: [{port: 8080, targetPort: http}]");
    }
}
