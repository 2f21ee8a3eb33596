package io.jenkins.plugins.mesh.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * What share of a service's requests each version serves and gets mirrored, given the routing, the mix of requests
 * and the users' session cookies: the expected values one simulated second is drawn from. Each kind of request (and
 * session cookie) goes to the first route that takes it, which splits it by its weights and mirrors its share.
 */
final class RouteDemand {

    /**
     * Requests of one kind served by one version whose answer sets a cookie the user did not hold.
     *
     * @param version the version's index
     * @param share the share of all requests
     * @param from the cookie the users held, or null
     * @param to the cookie the answer sets
     */
    record CookieFlow(int version, double share, String from, String to) {
    }

    private final double[] served;
    private final double[] mirrored;
    private final List<CookieFlow> flows;

    private RouteDemand(double[] served, double[] mirrored, List<CookieFlow> flows) {
        this.served = served;
        this.mirrored = mirrored;
        this.flows = List.copyOf(flows);
    }

    /**
     * @param keys the route key of each version, in the model's order
     * @param sessions the users' cookies, or null when requests carry none
     */
    static RouteDemand of(RoutingTable table, RequestMix mix, SessionCookies sessions, List<String> keys) {
        double[] served = new double[keys.size()];
        double[] mirrored = new double[keys.size()];
        List<CookieFlow> flows = new ArrayList<>();
        List<SessionCookies.State> states = sessions == null ? List.of(new SessionCookies.State(null, 1))
                : sessions.states();
        for (RequestMix.Profile profile : mix.profiles()) {
            for (SessionCookies.State state : states) {
                SimRequest request = state.cookie() == null ? profile.request()
                        : profile.request().withCookie(state.cookie());
                TableRoute route = table.resolve(request);
                double share = profile.share() * state.share();
                if (route == null || share == 0) {
                    continue;
                }
                for (String key : route.weights().keySet()) {
                    int version = keys.indexOf(key);
                    double part = share * route.share(key);
                    if (version < 0 || part == 0) {
                        continue;
                    }
                    served[version] += part;
                    String cookie = route.setCookies().get(key);
                    if (sessions != null && cookie != null && !cookie.equals(state.cookie())) {
                        flows.add(new CookieFlow(version, part, state.cookie(), cookie));
                    }
                }
                route.mirrors().forEach((key, percent) -> {
                    int version = keys.indexOf(key);
                    if (version >= 0) {
                        mirrored[version] += share * Math.min(100, Math.max(0, percent)) / 100;
                    }
                });
            }
        }
        return new RouteDemand(served, mirrored, flows);
    }

    /** The share of all requests {@code version} serves (answers to users). */
    double served(int version) {
        return served[version];
    }

    /** The share of all requests copied to {@code version} (answers nobody waits for). */
    double mirrored(int version) {
        return mirrored[version];
    }

    /** The requests served by {@code version} that set a new cookie. */
    List<CookieFlow> flows(int version) {
        return flows.stream().filter(f -> f.version() == version).toList();
    }

    boolean setsCookies() {
        return !flows.isEmpty();
    }
}
