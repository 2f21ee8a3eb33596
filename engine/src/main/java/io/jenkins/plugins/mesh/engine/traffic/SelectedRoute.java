package io.jenkins.plugins.mesh.engine.traffic;

/**
 * The HTTP route (VirtualService {@code http[index]}, HTTPRoute {@code rules[index]}) whose weights are managed.
 *
 * @param index its position in the list
 * @param name its name, or null when it has none
 * @param position its position among the routes that Mesh Pipeline did not add (A/B and sticky routes inserted
 *     ahead of it do not count), so that an unnamed route keeps its key, and its Lease, while they are there
 */
public record SelectedRoute(int index, String name, int position) {

    /** A route at {@code index} with no route added ahead of it. */
    public SelectedRoute(int index, String name) {
        this(index, name, index);
    }

    /** The name, or {@code route-<position>} when unnamed: part of the Lease name and shown to users. */
    public String key() {
        return name != null ? name : "route-" + position;
    }
}
