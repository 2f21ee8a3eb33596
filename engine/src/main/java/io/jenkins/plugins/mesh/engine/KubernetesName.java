package io.jenkins.plugins.mesh.engine;

import java.util.regex.Pattern;

/**
 * The name rules of the Kubernetes API (DNS-1123), checked before a name reaches a cluster request, a PromQL
 * query or a report. Rejecting a bad name early gives the user a message that says what to fix, instead of a
 * 404 or 422 from the API server later on.
 */
public final class KubernetesName {

    /** RFC 1123 label: namespaces, Service names, Istio subset names. */
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final int LABEL_MAX = 63;

    /** RFC 1123 subdomain: names of most objects (VirtualService, HTTPRoute, Lease). */
    private static final Pattern SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final int SUBDOMAIN_MAX = 253;

    private KubernetesName() {
    }

    /** Whether {@code value} is a DNS-1123 label: lower-case alphanumerics and '-', at most 63 characters. */
    public static boolean isLabel(String value) {
        return value != null && value.length() <= LABEL_MAX && LABEL.matcher(value).matches();
    }

    /** Whether {@code value} is a DNS-1123 subdomain: labels joined by '.', at most 253 characters. */
    public static boolean isSubdomain(String value) {
        return value != null && value.length() <= SUBDOMAIN_MAX && SUBDOMAIN.matcher(value).matches();
    }

    /**
     * Returns {@code value} when it is a DNS-1123 label, else throws with a message naming {@code what}.
     *
     * @param what what the value names, as the user knows it, e.g. "namespace" or "--canary"
     */
    public static String requireLabel(String what, String value) {
        if (!isLabel(value)) {
            throw new IllegalArgumentException(what + " '" + printable(value) + "' is not a valid Kubernetes name: use "
                    + "at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit");
        }
        return value;
    }

    /** Returns {@code value} when it is a DNS-1123 subdomain, else throws with a message naming {@code what}. */
    public static String requireSubdomain(String what, String value) {
        if (!isSubdomain(value)) {
            throw new IllegalArgumentException(what + " '" + printable(value) + "' is not a valid Kubernetes name: use "
                    + "at most 253 lower-case letters, digits, '-' and '.', starting and ending with a letter or digit");
        }
        return value;
    }

    /** Keeps error messages one line and short, whatever the user passed. */
    private static String printable(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(80).forEach(c -> out.append(Character.isISOControl(c) ? '?' : Character.toString(c)));
        return value.length() > 80 ? out + "..." : out.toString();
    }
}
