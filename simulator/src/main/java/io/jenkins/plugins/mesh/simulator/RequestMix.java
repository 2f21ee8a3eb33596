package io.jenkins.plugins.mesh.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which requests reach a service, by what they carry: shares of the traffic with a given header or cookie (what an
 * A/B route matches), the rest plain. Shares are disjoint: a request carries one of the listed headers or cookies,
 * or none. Immutable; {@link #withHeader} and {@link #withCookie} return a copy with one more kind of request.
 *
 * <pre>{@code
 * RequestMix mix = RequestMix.plain().withHeader("x-canary", "true", 0.05).withCookie("beta", "1", 0.02);
 * }</pre>
 */
public final class RequestMix {

    /**
     * One kind of request and its share of all requests.
     *
     * @param share the share, 0..1
     * @param request what such a request carries
     */
    public record Profile(double share, SimRequest request) {
    }

    private final List<Profile> listed;

    private RequestMix(List<Profile> listed) {
        this.listed = List.copyOf(listed);
    }

    /** Every request plain: no header or cookie that a match could test. */
    public static RequestMix plain() {
        return new RequestMix(List.of());
    }

    /** One more kind of request: {@code share} (0..1) of all requests carry header {@code name: value}. */
    public RequestMix withHeader(String name, String value, double share) {
        return with(new SimRequest("/", Map.of(name, value)), share);
    }

    /** One more kind of request: {@code share} (0..1) of all requests carry cookie {@code name=value}. */
    public RequestMix withCookie(String name, String value, double share) {
        return with(new SimRequest("/", Map.of("cookie", name + "=" + value)), share);
    }

    private RequestMix with(SimRequest request, double share) {
        double listedShare = listed.stream().mapToDouble(Profile::share).sum();
        if (!(share > 0) || listedShare + share > 1 + 1e-9) {
            throw new IllegalArgumentException("a share of requests is more than 0 and all shares add up to at most "
                    + "1, got " + share + " on top of " + listedShare);
        }
        List<Profile> more = new ArrayList<>(listed);
        more.add(new Profile(share, request));
        return new RequestMix(more);
    }

    /** Every kind of request with its share, the plain rest last (left out when the listed shares take all). */
    public List<Profile> profiles() {
        List<Profile> all = new ArrayList<>(listed);
        double rest = 1 - listed.stream().mapToDouble(Profile::share).sum();
        if (rest > 1e-12) {
            all.add(new Profile(rest, new SimRequest("/", new LinkedHashMap<>())));
        }
        return all;
    }

    @Override
    public String toString() {
        return profiles().toString();
    }
}
