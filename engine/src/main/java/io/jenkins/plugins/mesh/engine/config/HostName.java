package io.jenkins.plugins.mesh.engine.config;

/**
 * Istio's host names: a short name (no dot) means a Service in the namespace of the object that names it
 * ({@code reviews} in {@code shop} is {@code reviews.shop.svc.cluster.local}); a name with a dot is taken as
 * written. Wildcards ({@code *.example.com}) match by suffix.
 */
public final class HostName {

    /** The cluster domain suffix Istio uses by default. */
    public static final String CLUSTER_SUFFIX = ".svc.cluster.local";

    private HostName() {
    }

    /** The fully qualified form of {@code host} as seen from {@code namespace}. */
    public static String resolve(String host, String namespace) {
        if (host == null || host.isEmpty() || host.indexOf('.') >= 0 || host.startsWith("*")) {
            return host;
        }
        return host + "." + namespace + CLUSTER_SUFFIX;
    }

    /** The fully qualified name of Service {@code name} in {@code namespace}. */
    public static String ofService(String namespace, String name) {
        return name + "." + namespace + CLUSTER_SUFFIX;
    }

    /** The namespace a cluster-local host lives in ({@code a.b.svc.cluster.local} is in {@code b}), else null. */
    public static String namespaceOf(String fqdn) {
        if (fqdn == null || !fqdn.endsWith(CLUSTER_SUFFIX)) {
            return null;
        }
        String head = fqdn.substring(0, fqdn.length() - CLUSTER_SUFFIX.length());
        int dot = head.lastIndexOf('.');
        return dot > 0 ? head.substring(dot + 1) : null;
    }

    /** Whether {@code a} and {@code b} can name the same host, either side possibly a wildcard. */
    public static boolean matches(String a, String b) {
        if (a.equals(b) || a.equals("*") || b.equals("*")) {
            return true;
        }
        if (a.startsWith("*.") && b.startsWith("*.")) {
            return a.endsWith(b.substring(1)) || b.endsWith(a.substring(1));
        }
        if (a.startsWith("*.")) {
            return b.endsWith(a.substring(1));
        }
        return b.startsWith("*.") && a.endsWith(b.substring(1));
    }
}
