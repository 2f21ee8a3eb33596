package io.jenkins.plugins.mesh.engine.validate;

import static io.jenkins.plugins.mesh.engine.config.YamlValues.list;
import static io.jenkins.plugins.mesh.engine.config.YamlValues.map;

import io.jenkins.plugins.mesh.engine.config.MeshConfig;
import io.jenkins.plugins.mesh.engine.config.MeshResource;
import io.jenkins.plugins.mesh.engine.config.VirtualServiceConfig;
import io.jenkins.plugins.mesh.engine.config.Workloads;
import java.util.Map;

/**
 * IST0149: a VirtualService routes on a JWT claim ({@code @request.auth.claims.*} in headers or withoutHeaders) through
 * a gateway whose pods no RequestAuthentication (in {@code istio-system} or the pod's namespace) selects: the claims
 * are never validated, so the route never matches.
 */
final class JwtClaimRouteRule implements Rule {

    private static final String CLAIM_PREFIX = "@request.auth.claims.";

    @Override
    public void check(MeshConfig mesh, Findings out) {
        for (VirtualServiceConfig vs : mesh.virtualServices()) {
            if (!Rule.inWorkspace(vs.resource())) {
                continue;
            }
            String claim = claimKey(vs.resource());
            if (claim == null) {
                continue;
            }
            for (String key : vs.gatewayKeys()) {
                MeshResource gateway = mesh.gateway(key);
                if (gateway == null) {
                    continue;
                }
                for (Workloads.Pod pod : mesh.workloads().selectedBy(GatewayServers.selector(gateway))) {
                    if (!authenticated(mesh, pod)) {
                        out.add(FindingCode.IST0149, vs.resource(), "spec.gateways", "The virtual service uses the JWT "
                                + "claim based routing (key: " + claim + ") but found no request authentication for "
                                + "the gateway (" + key + ") pod (" + pod.name() + "). The request authentication must "
                                + "first be applied for the gateway pods to validate the JWT token and make the claims "
                                + "available for routing.");
                    }
                }
            }
        }
    }

    private static String claimKey(MeshResource vs) {
        for (Object route : list(vs.spec().get("http"))) {
            for (Object match : list(map(route).get("match"))) {
                for (String field : new String[] {"headers", "withoutHeaders"}) {
                    for (String key : map(map(match).get(field)).keySet()) {
                        if (key.startsWith(CLAIM_PREFIX)) {
                            return key;
                        }
                    }
                }
            }
        }
        return null;
    }

    private static boolean authenticated(MeshConfig mesh, Workloads.Pod pod) {
        for (MeshResource authentication : mesh.requestAuthentications()) {
            String namespace = authentication.namespace();
            if (!namespace.equals(Workloads.ISTIO_SYSTEM) && !namespace.equals(pod.namespace())) {
                continue;
            }
            Map<String, String> selector = Workloads.labelMap(map(authentication.spec().get("selector"))
                    .get("matchLabels"));
            if (Workloads.matches(selector, pod.labels())) {
                return true;
            }
        }
        return false;
    }
}
