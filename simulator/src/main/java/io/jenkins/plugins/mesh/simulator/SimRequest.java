package io.jenkins.plugins.mesh.simulator;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a route's match conditions see of one simulated request: its path and its headers (names in lower case, as
 * HTTP/2 and Envoy carry them), cookies in one {@code cookie} header.
 *
 * @param path the request path, e.g. {@code /}
 * @param headers header name (lower case) to value
 */
public record SimRequest(String path, Map<String, String> headers) {

    public SimRequest {
        Objects.requireNonNull(path, "path");
        Map<String, String> lower = new LinkedHashMap<>();
        headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        headers = Map.copyOf(lower);
    }

    /** The header's value, or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The same request with one more cookie ({@code name=value}) in its {@code cookie} header. */
    SimRequest withCookie(String cookie) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.merge("cookie", cookie, (had, added) -> had + "; " + added);
        return new SimRequest(path, more);
    }
}
