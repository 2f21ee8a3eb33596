package io.jenkins.plugins.mesh.engine.traffic;

import io.jenkins.plugins.mesh.engine.KubernetesName;
import java.util.Objects;

/**
 * Which route's weights to manage: the object (kind, namespace, name), optionally the HTTP route's name inside it,
 * and the stable and canary destinations. Without a route name the single HTTP route holding both destinations is
 * used. Serialises to JSON as is (Jackson), so it can live in the route snapshot and a rollout's state.
 *
 * @param kind VirtualService or HTTPRoute
 * @param namespace the object's namespace
 * @param name the object's name
 * @param route the HTTP route's {@code name} (VirtualService) or rule {@code name} (HTTPRoute), or null
 * @param stable where traffic goes today
 * @param canary where the new version runs
 */
public record RouteTarget(RouteKind kind, String namespace, String name, String route, Destination stable,
        Destination canary) {

    public RouteTarget {
        Objects.requireNonNull(kind, "kind");
        KubernetesName.requireLabel("namespace", namespace);
        KubernetesName.requireSubdomain(kind.kind() + " name", name);
        Objects.requireNonNull(stable, "stable destination");
        Objects.requireNonNull(canary, "canary destination");
        route = route == null || route.isBlank() ? null : route;
        if (stable.equals(canary)) {
            throw new IllegalArgumentException("stable and canary are both " + stable + ": give two different "
                    + "destinations (subsets of one host, or two hosts)");
        }
    }

    /** A VirtualService target. */
    public static RouteTarget virtualService(String namespace, String name, String routeOrNull, Destination stable,
            Destination canary) {
        return new RouteTarget(RouteKind.VIRTUAL_SERVICE, namespace, name, routeOrNull, stable, canary);
    }

    /** An HTTPRoute target (destinations are backendRef Service names). */
    public static RouteTarget httpRoute(String namespace, String name, String ruleOrNull, Destination stable,
            Destination canary) {
        return new RouteTarget(RouteKind.HTTP_ROUTE, namespace, name, ruleOrNull, stable, canary);
    }

    /** {@code VirtualService shop/reviews}, for messages. */
    public String describe() {
        return kind.kind() + " " + namespace + "/" + name;
    }
}
