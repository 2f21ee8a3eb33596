package io.jenkins.plugins.mesh.engine.traffic;

import java.util.Objects;

/**
 * One side of a canary: a host with an optional subset. Subset-based canaries use one host and two subsets
 * ({@code reviews} {@code v1}/{@code v2}); host-based canaries use two hosts and no subset
 * ({@code reviews-stable}/{@code reviews-canary}). For an HTTPRoute the host is the backendRef's Service name.
 *
 * @param host the destination host or backend Service name, as written in the route (a short name matches its FQDN in
 *     the route's namespace)
 * @param subset the DestinationRule subset, or null
 */
public record Destination(String host, String subset) {

    public Destination {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("a destination needs a host");
        }
        subset = subset == null || subset.isBlank() ? null : subset;
    }

    /** A host-based destination. */
    public static Destination host(String host) {
        return new Destination(host, null);
    }

    /** A subset-based destination. */
    public static Destination subset(String host, String subset) {
        return new Destination(host, subset);
    }

    /**
     * Whether a destination found in a route (its host and subset as written) is this one. {@code reviews} matches
     * {@code reviews.shop}, {@code reviews.shop.svc} and {@code reviews.shop.svc.cluster.local} in namespace shop.
     */
    public boolean matches(String foundHost, String foundSubset, String namespace) {
        return Objects.equals(subset, foundSubset == null || foundSubset.isBlank() ? null : foundSubset)
                && (sameHost(host, foundHost, namespace) || sameHost(foundHost, host, namespace));
    }

    private static boolean sameHost(String shortOrLong, String other, String namespace) {
        if (other == null) {
            return false;
        }
        if (shortOrLong.equals(other)) {
            return true;
        }
        if (shortOrLong.contains(".") || namespace == null) {
            return false;
        }
        String prefix = shortOrLong + "." + namespace;
        return other.equals(prefix) || other.equals(prefix + ".svc") || other.equals(prefix + ".svc.cluster.local");
    }

    /** {@code reviews:v1} or {@code reviews-canary}. */
    @Override
    public String toString() {
        return subset == null ? host : host + ":" + subset;
    }
}
