package io.jenkins.plugins.mesh.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The users behind a service's requests and the one session cookie each holds, in aggregate: how many users hold
 * which cookie ({@code name=value}), the rest none. A user keeps the last cookie an answer set (a user has one
 * sticky cookie at a time) until the model ends; cookies no route tests any more simply route like no cookie. Not
 * thread-safe: the traffic model guards it.
 */
final class SessionCookies {

    /**
     * Users holding one cookie (or none) and their share of all users.
     *
     * @param cookie {@code name=value}, or null for no cookie
     * @param share the share of users, 0..1
     */
    record State(String cookie, double share) {
    }

    private final long users;
    private final Map<String, Long> holders = new LinkedHashMap<>();

    SessionCookies(long users) {
        if (users < 1) {
            throw new IllegalArgumentException("a model of sessions needs at least one user, got " + users);
        }
        this.users = users;
    }

    /** Every state with users in it, no cookie first. */
    List<State> states() {
        List<State> out = new ArrayList<>();
        long withCookie = holders.values().stream().mapToLong(Long::longValue).sum();
        if (withCookie < users) {
            out.add(new State(null, (users - withCookie) / (double) users));
        }
        holders.forEach((cookie, count) -> out.add(new State(cookie, count / (double) users)));
        return out;
    }

    /** Moves up to {@code count} users from {@code from} (null: no cookie) to {@code to}. */
    void convert(String from, String to, long count) {
        long available = from == null ? users - holders.values().stream().mapToLong(Long::longValue).sum()
                : holders.getOrDefault(from, 0L);
        long moved = Math.min(count, available);
        if (moved <= 0) {
            return;
        }
        if (from != null) {
            holders.merge(from, -moved, Long::sum);
            holders.remove(from, 0L);
        }
        holders.merge(to, moved, Long::sum);
    }

    /** How many users hold {@code cookie}. */
    long holding(String cookie) {
        return holders.getOrDefault(cookie, 0L);
    }

    long users() {
        return users;
    }
}
