package io.jenkins.plugins.mesh.cli.bench;

/**
 * Writes a realistic mesh of about {@code size} objects as one YAML text: per application a Service, a
 * DestinationRule with two subsets and a VirtualService with a header route and a weighted 90/10 route; per 20
 * applications a Gateway and an edge VirtualService; per 50 a ServiceEntry; per 100 a Namespace, every other one
 * labelled {@code env: prod}. About 1 in 100 applications has a mistake (a missing subset), so the validator also
 * reports findings.
 */
public final class GeneratedMesh {

    private static final int APPS_PER_NAMESPACE = 100;

    private GeneratedMesh() {
    }

    /** The YAML of a mesh with close to {@code size} objects. */
    public static String yaml(int size) {
        StringBuilder out = new StringBuilder(size * 400);
        int objects = 0;
        for (int app = 0; objects < size; app++) {
            String ns = "ns-" + (app / APPS_PER_NAMESPACE);
            String name = "app-" + app;
            boolean broken = app % 100 == 99;
            if (app % APPS_PER_NAMESPACE == 0) {
                out.append("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ").append(ns).append("\n  labels: {env: ")
                        .append(app / APPS_PER_NAMESPACE % 2 == 0 ? "prod" : "test").append("}\n---\n");
                objects += 1;
            }
            out.append("apiVersion: v1\nkind: Service\nmetadata:\n  name: ").append(name).append("\n  namespace: ")
                    .append(ns).append("\nspec:\n  ports:\n  - port: 8080\n    name: http\n---\n");
            out.append("apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: ").append(name)
                    .append("\n  namespace: ").append(ns).append("\nspec:\n  host: ").append(name)
                    .append("\n  subsets:\n  - name: stable\n    labels: {version: v1}\n")
                    .append("  - name: canary\n    labels: {version: v2}\n---\n");
            out.append("apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: ").append(name)
                    .append("\n  namespace: ").append(ns).append("\nspec:\n  hosts:\n  - ").append(name)
                    .append("\n  http:\n  - name: testers\n    match:\n    - headers:\n        x-canary:\n")
                    .append("          exact: \"true\"\n    route:\n    - destination:\n        host: ").append(name)
                    .append("\n        subset: canary\n  - name: primary\n    timeout: 2s\n    retries:\n")
                    .append("      attempts: 2\n      perTryTimeout: 500ms\n      retryOn: 5xx,reset\n    route:\n")
                    .append("    - destination:\n        host: ").append(name).append("\n        subset: stable\n")
                    .append("      weight: 90\n    - destination:\n        host: ").append(name)
                    .append("\n        subset: ").append(broken ? "canary-typo" : "canary").append("\n")
                    .append("      weight: 10\n---\n");
            objects += 3;
            if (app % 20 == 0) {
                out.append("apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: edge-").append(app)
                        .append("\n  namespace: ").append(ns).append("\nspec:\n  selector: {istio: ingressgateway}\n")
                        .append("  servers:\n  - port: {number: 80, name: http, protocol: HTTP}\n    hosts:\n")
                        .append("    - \"app-").append(app).append(".example.com\"\n---\n");
                out.append("apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: edge-")
                        .append(app).append("\n  namespace: ").append(ns).append("\nspec:\n  hosts:\n  - app-")
                        .append(app).append(".example.com\n  gateways: [edge-").append(app).append("]\n  http:\n")
                        .append("  - match:\n    - uri: {regex: \"^/api/v[0-9]+/.*\"}\n    route:\n")
                        .append("    - destination: {host: ").append(name).append(", subset: stable}\n")
                        .append("  - route:\n    - destination: {host: ").append(name).append(", subset: stable}\n---\n");
                objects += 2;
            }
            if (app % 50 == 0) {
                out.append("apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n  name: ext-")
                        .append(app).append("\n  namespace: ").append(ns).append("\nspec:\n  hosts: [api-").append(app)
                        .append(".partner.example.com]\n  ports: [{number: 443, name: https, protocol: TLS}]\n")
                        .append("  resolution: DNS\n---\n");
                objects += 1;
            }
        }
        return out.toString();
    }
}
