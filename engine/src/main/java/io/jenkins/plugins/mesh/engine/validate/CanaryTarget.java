package io.jenkins.plugins.mesh.engine.validate;

import java.util.Objects;

/**
 * The route a canary will drive: the validator then checks that it exists and holds both destinations.
 *
 * @param kind {@code VirtualService} or {@code HTTPRoute}
 * @param namespace the object's namespace
 * @param name the object's name
 * @param route the route name inside the object, or null to use the only route that holds either destination
 * @param stable the stable destination: a subset name, or a host / Service name
 * @param canary the canary destination: a subset name, or a host / Service name
 */
public record CanaryTarget(String kind, String namespace, String name, String route, String stable, String canary) {

    public CanaryTarget {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(stable, "stable");
        Objects.requireNonNull(canary, "canary");
        if (!kind.equals("VirtualService") && !kind.equals("HTTPRoute")) {
            throw new IllegalArgumentException("canary target kind '" + kind + "' is not supported; use VirtualService "
                    + "or HTTPRoute");
        }
    }
}
