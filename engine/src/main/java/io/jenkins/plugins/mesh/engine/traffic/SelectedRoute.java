package io.jenkins.plugins.mesh.engine.traffic;

/**
 * The HTTP route (VirtualService {@code http[index]}, HTTPRoute {@code rules[index]}) whose weights are managed.
 *
 * @param index its position in the list
 * @param name its name, or null when it has none
 */
public record SelectedRoute(int index, String name) {

    /** The name, or {@code route-<index>} when unnamed: part of the Lease name and shown to users. */
    public String key() {
        return name != null ? name : "route-" + index;
    }
}
