package io.jenkins.plugins.mesh.engine.traffic;

/**
 * Names the Lease that locks one route and holds its snapshot: all a rollout must persist to restore the route later,
 * from any process ({@link TrafficController#restore(LeaseRef, Holder)}).
 */
public record LeaseRef(String namespace, String name) {

    @Override
    public String toString() {
        return "Lease " + namespace + "/" + name;
    }
}
