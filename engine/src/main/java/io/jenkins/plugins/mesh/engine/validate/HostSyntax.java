package io.jenkins.plugins.mesh.engine.validate;

import java.util.regex.Pattern;

/**
 * Istio's host name syntax: DNS labels of letters, digits and '-', at most 255 characters, with a wildcard only in
 * the first label ({@code *}, {@code *.example.com}, {@code *-api.example.com}).
 */
final class HostSyntax {

    private static final Pattern LABEL = Pattern.compile("[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?");
    private static final Pattern WILDCARD_LABEL = Pattern.compile("\\*|\\*-?[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?");
    private static final int HOST_MAX = 255;
    private static final int LABEL_MAX = 63;

    private HostSyntax() {
    }

    /** What is wrong with {@code host}, or null when it is a valid host name. */
    static String problem(String host, boolean wildcardAllowed) {
        if (host.length() > HOST_MAX) {
            return "is longer than 255 characters";
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String[] labels = name.split("\\.", -1);
        for (int i = 0; i < labels.length; i++) {
            String label = labels[i];
            boolean wildcard = i == 0 && wildcardAllowed && WILDCARD_LABEL.matcher(label).matches();
            if (label.length() > LABEL_MAX || !(wildcard || LABEL.matcher(label).matches())) {
                return "has an invalid label '" + shorten(label) + "'";
            }
        }
        return null;
    }

    /** Reports on {@code path} when {@code host} is a string that is no valid host name. */
    static void check(FieldChecker check, String path, Object host, boolean wildcardAllowed) {
        if (!(host instanceof String text) || text.isEmpty()) {
            return;
        }
        String problem = problem(text, wildcardAllowed);
        if (problem != null) {
            check.error(path, "host '" + shorten(text) + "' " + problem + "; use DNS names of letters, digits, '-' "
                    + "and '.'" + (wildcardAllowed ? ", with '*' only at the start" : ""));
        }
    }

    private static String shorten(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
