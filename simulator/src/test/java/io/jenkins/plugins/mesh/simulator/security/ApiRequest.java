package io.jenkins.plugins.mesh.simulator.security;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What an HTTP request to the Kubernetes API asks for, in RBAC terms: verb, API group, resource and namespace, as the
 * API server's authorizer sees it. Discovery requests ({@code /api}, {@code /apis/...} without a resource) are
 * {@link #discovery()}.
 */
record ApiRequest(String verb, String group, String resource, String namespace, String name) {

    static ApiRequest of(String method, URI uri) {
        List<String> parts = new ArrayList<>(Arrays.stream(uri.getPath().split("/")).filter(p -> !p.isEmpty())
                .toList());
        String group;
        List<String> rest;
        if (parts.size() >= 2 && parts.get(0).equals("api")) {
            group = "";
            rest = parts.subList(2, parts.size());
        } else if (parts.size() >= 3 && parts.get(0).equals("apis")) {
            group = parts.get(1);
            rest = parts.subList(3, parts.size());
        } else {
            return new ApiRequest("get", "", "", null, null);
        }
        String namespace = null;
        if (rest.size() >= 3 && rest.get(0).equals("namespaces")) {
            namespace = rest.get(1);
            rest = rest.subList(2, rest.size());
        }
        if (rest.isEmpty()) {
            return new ApiRequest("get", group, "", null, null);
        }
        String resource = rest.get(0);
        String name = rest.size() > 1 ? rest.get(1) : null;
        boolean watch = uri.getQuery() != null && uri.getQuery().contains("watch=true");
        String verb = switch (method) {
            case "GET" -> name != null ? "get" : watch ? "watch" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> name != null ? "delete" : "deletecollection";
            default -> method.toLowerCase(java.util.Locale.ROOT);
        };
        return new ApiRequest(verb, group, resource, namespace, name);
    }

    boolean discovery() {
        return resource.isEmpty();
    }

    /** {@code update on virtualservices.networking.istio.io}, {@code create on events}: as engine messages say. */
    String permission() {
        return verb + " on " + (group.isEmpty() ? resource : resource + "." + group);
    }
}
