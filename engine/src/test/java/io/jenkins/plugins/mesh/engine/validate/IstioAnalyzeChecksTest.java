package io.jenkins.plugins.mesh.engine.validate;

import static io.jenkins.plugins.mesh.engine.validate.MeshFixture.findings;
import static io.jenkins.plugins.mesh.engine.validate.MeshFixture.single;
import static io.jenkins.plugins.mesh.engine.validate.MeshFixture.validate;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mesh.engine.config.YamlConfigLoader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.Test;

/**
 * One test per check added for parity with istioctl analyze: the code, its severity, the object, the line and the
 * message (src/test/resources/parity measures the parity itself).
 */
public class IstioAnalyzeChecksTest {

    private static final String TWO_PORTS = """
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec:
              ports: [{port: 80, name: http}, {port: 9090, name: grpc}]
            ---
            """;

    /** A Service visible in its own namespace only. */
    private static final String LEDGER_IN_FINANCE_ONLY = """
            apiVersion: v1
            kind: Service
            metadata:
              name: ledger
              namespace: finance
              annotations: {networking.istio.io/exportTo: "."}
            ---
            """;

    private static String vs(String name, String spec) {
        return "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: " + name
                + ", namespace: shop}\nspec:\n" + spec.indent(2) + "---\n";
    }

    @Test
    public void ist0112DestinationWithoutPortOnAServiceWithSeveral() {
        Finding finding = single(validate(TWO_PORTS + vs("web", "hosts: [web]\nhttp:\n- route:\n"
                + "  - destination: {host: web}\n")), FindingCode.IST0112);
        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.line()).isEqualTo(14);
        assertThat(finding.message()).isEqualTo("This VirtualService routes to a service \"web\" that exposes multiple "
                + "ports [80 9090]. Specifying a port in the destination is required to disambiguate.");
        assertThat(findings(validate(TWO_PORTS + vs("web", "hosts: [web]\nhttp:\n- route:\n"
                + "  - destination: {host: web, port: {number: 9090}}\n")), FindingCode.IST0112)).isEmpty();
    }

    @Test
    public void ist0101PortTheHostDoesNotHave() {
        Finding finding = single(validate(TWO_PORTS + vs("web", "hosts: [web]\nhttp:\n- route:\n"
                + "  - destination: {host: web, port: {number: 8080}}\n")), FindingCode.IST0101);
        assertThat(finding.message()).startsWith("Referenced host:port not found: \"web:8080\"; Service shop/web has "
                + "ports [80, 9090]");
    }

    @Test
    public void ist0101HostsNotExportedToTheRoutesNamespace() {
        String hidden = LEDGER_IN_FINANCE_ONLY + """
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: rates, namespace: finance}
                spec: {hosts: [rates.example.com], exportTo: [finance]}
                ---
                """;
        List<Finding> found = findings(validate(hidden + vs("web", "hosts: [web.shop.svc.cluster.local]\nhttp:\n"
                + "- route:\n  - destination: {host: ledger.finance.svc.cluster.local}\n"
                + "- route:\n  - destination: {host: rates.example.com}\n")), FindingCode.IST0101);
        assertThat(found).extracting(Finding::message).allSatisfy(m -> assertThat(m).contains(
                "it exists but is not exported to namespace shop"));
        assertThat(found).hasSize(2);
        assertThat(findings(validate(hidden + vs("web", "hosts: [web.shop.svc.cluster.local]\nexportTo: [finance]\n"
                + "http:\n- route:\n  - destination: {host: rates.example.com}\n")), FindingCode.IST0101)).isEmpty();
    }

    @Test
    public void ist0128And0129TlsWithoutServerVerification() {
        String rule = """
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: db, namespace: shop}
                spec:
                  host: db.example.com
                  trafficPolicy:
                    tls: {mode: SIMPLE}
                    portLevelSettings:
                    - port: {number: 5432}
                      tls: {mode: MUTUAL, clientCertificate: /c.pem, privateKey: /k.pem}
                    - port: {number: 5433}
                      tls: {mode: SIMPLE, insecureSkipVerify: true}
                """;
        Finding host = single(validate(rule), FindingCode.IST0128);
        assertThat(host.severity()).isEqualTo(Severity.WARNING);
        assertThat(host.line()).isEqualTo(7);
        assertThat(host.message()).startsWith("DestinationRule db in namespace shop has TLS mode set to SIMPLE but no "
                + "caCertificates are set to validate server identity for host: db.example.com");
        Finding port = single(validate(rule), FindingCode.IST0129);
        assertThat(port.line()).isEqualTo(10);
        assertThat(port.message()).contains("TLS mode set to MUTUAL").contains("at port 5432");
    }

    private static final String ENTRY = """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: %s, namespace: shop}
            spec:
              hosts: [db.example.com]
              ports: [{number: 5432, name: db, protocol: %s}]
              resolution: DNS
            ---
            """;

    @Test
    public void ist0134TcpServiceEntryWithoutAddresses() {
        Finding finding = single(validate(ENTRY.formatted("db", "TCP")), FindingCode.IST0134);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.line()).isEqualTo(6);
        assertThat(findings(validate(ENTRY.formatted("db", "HTTP")), FindingCode.IST0134)).isEmpty();
        assertThat(findings(validate(ENTRY.formatted("db", "TCP").replace("resolution", "addresses: [10.0.0.9]\n  "
                + "resolution")), FindingCode.IST0134)).isEmpty();
    }

    @Test
    public void ist0177ConflictingProtocolsForOneHostAndPort() {
        List<Finding> found = findings(validate(ENTRY.formatted("db-http", "HTTP") + ENTRY.formatted("db-tcp",
                "TCP")), FindingCode.IST0177);
        assertThat(found).extracting(Finding::name).containsExactlyInAnyOrder("db-http", "db-tcp");
        assertThat(found.get(0).message()).startsWith("Multiple ServiceEntries (shop/db-http, shop/db-tcp) define the "
                + "same host \"db.example.com\" and port 5432 with conflicting protocols (HTTP, TCP)");
    }

    private static String gateway(String name, String selector, String servers) {
        return "apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: " + name
                + ", namespace: istio-system}\nspec:\n  selector: " + selector + "\n  servers:\n" + servers.indent(2)
                + "---\n";
    }

    private static final String TLS_SERVER = "- port: {number: 443, name: https, protocol: HTTPS}\n"
            + "  tls: {mode: SIMPLE, credentialName: shop-cert}\n  hosts: [%s]\n";

    @Test
    public void ist0138OneCertificateOnTwoGatewaysOfOneWorkload() {
        List<Finding> found = findings(validate(gateway("a", "{istio: ingressgateway}", TLS_SERVER.formatted("a.shop"))
                + gateway("b", "{istio: ingressgateway}", TLS_SERVER.formatted("b.shop"))), FindingCode.IST0138);
        assertThat(found).extracting(Finding::name).containsExactlyInAnyOrder("a", "b");
        assertThat(found.get(0).message()).startsWith("Duplicate certificate in multiple gateways [istio-system/a "
                + "istio-system/b] may cause 404s");
    }

    @Test
    public void ist0145TwoGatewaysForOneHostAndPort() {
        String server = "- port: {number: 80, name: http, protocol: HTTP}\n  hosts: [shop.example.com]\n";
        List<Finding> found = findings(validate(gateway("a", "{istio: ingressgateway}", server)
                + gateway("b", "{istio: ingressgateway}", server)), FindingCode.IST0145);
        assertThat(found).extracting(Finding::name).containsExactlyInAnyOrder("a", "b");
        assertThat(found.get(0).severity()).isEqualTo(Severity.ERROR);
        assertThat(found.get(0).message()).startsWith("Conflict with gateways istio-system/b (workload selector "
                + "istio=ingressgateway, port 80, hosts shop.example.com)");
    }

    @Test
    public void ist0162PortTheDefaultIngressServiceDoesNotExpose() {
        Finding finding = single(validate(gateway("a", "{istio: ingressgateway}",
                "- port: {number: 9443, name: https, protocol: HTTPS}\n  tls: {mode: PASSTHROUGH}\n  hosts: [a.shop]\n")),
                FindingCode.IST0162);
        assertThat(finding.message()).startsWith("The gateway is listening on a target port (port 9443) that is not "
                + "defined in the Service associated with its workload instances (Pod selector istio=ingressgateway)");
        assertThat(findings(validate(gateway("a", "{istio: ingressgateway}",
                "- port: {number: 8080, name: http, protocol: HTTP}\n  hosts: ['*']\n")), FindingCode.IST0162)).isEmpty();
    }

    private static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web-1
              namespace: shop
              labels: {app: web, version: v1}
            ---
            """;

    @Test
    public void ist0101GatewaySelectorWithoutPodOnceThePodsAreKnown() {
        String edge = gateway("edge", "{istio: ingress}", "- port: {number: 80, name: http, protocol: HTTP}\n"
                + "  hosts: ['*']\n");
        assertThat(findings(validate(edge), FindingCode.IST0101)).as("files without pods").isEmpty();
        Finding finding = single(validate(POD + edge), FindingCode.IST0101);
        assertThat(finding.message()).startsWith("Referenced selector not found: \"istio=ingress\"");
        assertThat(finding.line()).isEqualTo(12);
    }

    @Test
    public void ist0173SubsetThatSelectsNoPod() {
        String rule = """
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: shop}
                ---
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: web, namespace: shop}
                spec:
                  host: web
                  subsets:
                  - {name: v1, labels: {version: v1}}
                  - {name: v2, labels: {version: v2}}
                """;
        assertThat(findings(validate(rule), FindingCode.IST0173)).as("files without pods").isEmpty();
        Finding finding = single(validate(POD + rule), FindingCode.IST0173);
        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.message()).startsWith("The Subset v2 defined in the DestinationRule does not select any pods");
    }

    @Test
    public void ist0174HostNotExportedToTheRulesNamespace() {
        String yaml = LEDGER_IN_FINANCE_ONLY + """
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: ledger, namespace: shop}
                spec: {host: ledger.finance.svc.cluster.local}
                """;
        assertThat(single(validate(yaml), FindingCode.IST0174).message()).startsWith("The host "
                + "ledger.finance.svc.cluster.local defined in the DestinationRule does not match any services");
    }

    @Test
    public void ist0140GatewayRouteIgnoresTheSubsetsOfTheMeshRoute() {
        String yaml = """
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: shop}
                ---
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: web, namespace: shop}
                spec: {host: web, subsets: [{name: v1, labels: {version: v1}}]}
                ---
                """ + gateway("edge", "{istio: ingressgateway}", "- port: {number: 80, name: http, protocol: HTTP}\n"
                + "  hosts: [shop.example.com]\n") + vs("edge", "hosts: [shop.example.com]\n"
                + "gateways: [istio-system/edge]\nhttp:\n- route:\n  - destination: {host: web}\n")
                + vs("web", "hosts: [web]\nhttp:\n- route:\n  - destination: {host: web, subset: v1}\n");
        Finding finding = single(validate(yaml), FindingCode.IST0140);
        assertThat(finding.name()).isEqualTo("edge");
        assertThat(finding.message()).startsWith("Subset in virtual service shop/web has no effect on ingress gateway "
                + "shop/edge requests");
    }

    @Test
    public void ist0149JwtClaimRouteWithoutRequestAuthentication() {
        String route = gateway("edge", "{istio: ingressgateway}", "- port: {number: 80, name: http, protocol: HTTP}\n"
                + "  hosts: [shop.example.com]\n") + vs("edge", """
                hosts: [shop.example.com]
                gateways: [istio-system/edge]
                http:
                - match:
                  - headers: {"@request.auth.claims.group": {exact: beta}}
                  route:
                  - destination: {host: web.shop.svc.cluster.local}
                """);
        Finding finding = single(validate(route), FindingCode.IST0149);
        assertThat(finding.message()).startsWith("The virtual service uses the JWT claim based routing (key: "
                + "@request.auth.claims.group) but found no request authentication for the gateway (istio-system/edge)");
        String authentication = """
                apiVersion: security.istio.io/v1
                kind: RequestAuthentication
                metadata: {name: jwt, namespace: istio-system}
                spec:
                  selector: {matchLabels: {istio: ingressgateway}}
                ---
                """;
        assertThat(findings(validate(authentication + route), FindingCode.IST0149)).isEmpty();
    }

    @Test
    public void ist0165RouteToAGeneratedGateway() {
        Finding finding = single(validate(vs("web", "hosts: [shop.example.com]\n"
                + "gateways: [infra/public~istio-autogenerated-k8s-gateway~http]\nhttp:\n- route:\n"
                + "  - destination: {host: web.shop.svc.cluster.local}\n")), FindingCode.IST0165);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).startsWith("Gateway reference in VirtualService shop/web is to an "
                + "implementation-generated internal Gateway: infra/public~istio-autogenerated-k8s-gateway~http");
    }

    @Test
    public void ist0161ExpiredOrMissingCertificateInTheGatewaysSecret() {
        String secret = """
                apiVersion: v1
                kind: Secret
                metadata: {name: shop-cert, namespace: istio-system}
                type: kubernetes.io/tls
                data: {tls.crt: bm90IGEgY2VydA==, tls.key: a2V5}
                ---
                """;
        String yaml = secret + gateway("a", "{istio: ingressgateway}", TLS_SERVER.formatted("a.shop"))
                + gateway("b", "{istio: ingressgateway}", TLS_SERVER.replace("shop-cert", "other-cert")
                        .formatted("b.shop"));
        var report = Validator.standard(Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC))
                .validate(new YamlConfigLoader("default").read("test.yaml", yaml), List.of(), null);
        assertThat(single(report, FindingCode.IST0161).message()).endsWith("Secret istio-system/shop-cert holds no "
                + "PEM certificate");
        assertThat(findings(report, FindingCode.IST0101)).extracting(Finding::message).containsExactly(
                "Referenced credentialName not found: \"other-cert\"; create the Secret istio-system/other-cert (in "
                        + "the namespace of the gateway's pods) or fix the name");
    }
}
