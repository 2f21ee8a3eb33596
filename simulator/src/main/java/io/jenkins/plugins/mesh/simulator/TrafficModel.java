package io.jenkins.plugins.mesh.simulator;

import io.jenkins.plugins.mesh.engine.KubernetesName;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Requests to one service, routed to its versions as the live routing says (the weights of its route, or all its
 * routes with their matches, mirrors and sticky cookies: {@link RouteSource}), with each version's own error ratio
 * and latency. A {@link RequestMix} says which requests carry a header or cookie an A/B route tests; with
 * {@link Builder#users users}, each user keeps the session cookie the last answer set, so sticky routes hold them.
 * Mirrored copies are kept apart from the requests a version served to users ({@link #mirroredTotals}); Istio
 * reports them at the destination only, and so do {@link #metrics()}. Traffic is generated one simulated second at a time and in aggregate: per second and
 * version, the request count is Poisson(rate x share), the failures Binomial(requests, error ratio) and the latency
 * histogram a multinomial draw over Istio's buckets with the exact probabilities of the version's latency
 * distribution; no request is drawn alone. One seed gives the same traffic every time.
 *
 * <p>The model runs on a {@link Clock}: {@link #tick()} generates every whole second between the last tick and the
 * clock's now. Drive it faster than real time with a {@link SimulationClock} ({@code clock.advance(d); model.tick()})
 * or in real time with a {@link RealTimeTicker}. What it generated is kept per second for {@link Builder#retention}
 * (windows for {@link SimulatedObserver}) and as Istio's cumulative metrics ({@link #metrics()}). Thread-safe.
 */
public final class TrafficModel {

    private final String namespace;
    private final String service;
    private final List<MeshVersion> versions;
    private final List<VersionBehaviour> behaviours;
    private final Schedule<Double> requestRate;
    private final RouteSource routeSource;
    private final RequestMix mix;
    private final SessionCookies sessions;
    private final List<String> keys;
    private final boolean refreshWeightsOnTick;
    private final Clock clock;
    private final long startSecond;
    private final long firstSecond;
    private final CountSampler sampler;
    private final AnswerSampler answerSampler;
    private final List<SecondRing> rings;
    private final List<SecondRing> mirrorRings;
    private final IstioMetrics metrics;
    private final TrafficTally[] served;
    private final TrafficTally[] mirrored;

    private RoutingTable table;
    private long nextSecond;

    private TrafficModel(Builder builder) {
        this.namespace = builder.namespace;
        this.service = builder.service;
        this.versions = List.copyOf(builder.versions.keySet());
        this.behaviours = List.copyOf(builder.versions.values());
        this.requestRate = builder.requestRate;
        this.routeSource = Objects.requireNonNull(builder.routeSource,
                "a traffic model needs a weight or route source: call weights(...) or routing(...)");
        this.mix = builder.mix;
        this.sessions = builder.users > 0 ? new SessionCookies(builder.users) : null;
        this.keys = versions.stream().map(MeshVersion::routeKey).toList();
        this.refreshWeightsOnTick = builder.refreshWeightsOnTick;
        this.clock = builder.clock;
        this.startSecond = clock.instant().getEpochSecond();
        this.firstSecond = startSecond - builder.history.getSeconds();
        this.nextSecond = firstSecond;
        this.sampler = new CountSampler(builder.seed);
        this.answerSampler = new AnswerSampler(sampler);
        int capacity = Math.toIntExact(Math.max(1, builder.retention.toSeconds()));
        this.rings = new ArrayList<>();
        this.mirrorRings = new ArrayList<>();
        this.served = new TrafficTally[versions.size()];
        this.mirrored = new TrafficTally[versions.size()];
        for (int i = 0; i < versions.size(); i++) {
            rings.add(new SecondRing(capacity));
            mirrorRings.add(new SecondRing(capacity));
            served[i] = new TrafficTally();
            mirrored[i] = new TrafficTally();
        }
        this.metrics = new IstioMetrics(namespace, service, builder.sourceWorkload, versions);
    }

    /** A model of traffic to {@code service} in {@code namespace}. */
    public static Builder builder(String namespace, String service) {
        return new Builder(namespace, service);
    }

    /**
     * Reads the routing from its source now; later ticks use it until the next refresh. Returns the weights of the
     * route that plain requests take (empty when none takes them).
     */
    public synchronized Map<String, Double> refreshWeights() {
        table = routeSource.routing();
        return plainWeights();
    }

    /** The weights plain requests are split by, as last read (read now if never read). */
    public synchronized Map<String, Double> weights() {
        if (table == null) {
            refreshWeights();
        }
        return plainWeights();
    }

    /** The routing in use, as last read (read now if never read). */
    public synchronized RoutingTable routing() {
        if (table == null) {
            refreshWeights();
        }
        return table;
    }

    private Map<String, Double> plainWeights() {
        TableRoute route = table.resolve(new SimRequest("/", Map.of()));
        return route == null ? Map.of() : route.weights();
    }

    /**
     * Generates traffic for every whole second from the last tick up to the clock's now; first re-reads the weights
     * if the model refreshes them on every tick (the default), else uses the weights last read.
     *
     * @return the number of simulated seconds generated
     */
    public synchronized int tick() {
        long until = clock.instant().getEpochSecond();
        if (until <= nextSecond) {
            return 0;
        }
        if (refreshWeightsOnTick || table == null) {
            refreshWeights();
        }
        RouteDemand demand = RouteDemand.of(table, mix, sessions, keys);
        int generated = 0;
        for (; nextSecond < until; nextSecond++, generated++) {
            generateSecond(nextSecond, demand);
            if (sessions != null && demand.setsCookies()) {
                demand = RouteDemand.of(table, mix, sessions, keys);
            }
        }
        return generated;
    }

    private void generateSecond(long second, RouteDemand demand) {
        long elapsed = second - startSecond;
        double rate = requestRate.atSecond(elapsed);
        long[] requests = new long[versions.size()];
        for (int v = 0; v < versions.size(); v++) {
            requests[v] = sampler.poisson(rate * demand.served(v));
            answer(second, v, requests[v], false);
        }
        for (int v = 0; v < versions.size(); v++) {
            if (demand.mirrored(v) > 0) {
                answer(second, v, sampler.poisson(rate * demand.mirrored(v)), true);
            }
        }
        if (sessions != null) {
            setCookies(demand, requests);
        }
    }

    /** Draws how {@code v} answered {@code requests} requests (served to users, or mirrored copies) and records it. */
    private void answer(long second, int v, long requests, boolean copies) {
        AnswerSampler.Answers answers = answerSampler.draw(behaviours.get(v), second - startSecond, requests);
        long[] allBuckets = answers.allBuckets();
        double latency = answers.okSum() + answers.errorSum();
        (copies ? mirrorRings : rings).get(v).record(second, requests, answers.errors(), allBuckets, latency);
        (copies ? mirrored : served)[v].add(requests, answers.errors(), allBuckets, latency);
        if (requests > answers.errors()) {
            metrics.add(v, false, requests - answers.errors(), answers.okBuckets(), answers.okSum(), copies);
        }
        if (answers.errors() > 0) {
            metrics.add(v, true, answers.errors(), answers.errorBuckets(), answers.errorSum(), copies);
        }
    }

    /** Gives the users whose requests a version answered with a new cookie that cookie. */
    private void setCookies(RouteDemand demand, long[] requests) {
        for (int v = 0; v < versions.size(); v++) {
            List<RouteDemand.CookieFlow> flows = demand.flows(v);
            if (flows.isEmpty() || requests[v] == 0) {
                continue;
            }
            double[] probabilities = new double[flows.size() + 1];
            double flowing = 0;
            for (int f = 0; f < flows.size(); f++) {
                probabilities[f] = flows.get(f).share() / demand.served(v);
                flowing += probabilities[f];
            }
            probabilities[flows.size()] = Math.max(0, 1 - flowing);
            long[] counts = new long[probabilities.length];
            sampler.multinomial(requests[v], probabilities, counts);
            for (int f = 0; f < flows.size(); f++) {
                sessions.convert(flows.get(f).from(), flows.get(f).to(), counts[f]);
            }
        }
    }

    /**
     * What {@code version} served in the seconds from {@code from} (inclusive) to {@code to} (exclusive), both
     * truncated to whole seconds. Seconds before the model started or not generated yet count as no traffic.
     *
     * @throws IllegalArgumentException when the interval reaches further back than the retention
     */
    public synchronized TrafficTotals totals(MeshVersion version, Instant from, Instant to) {
        int index = indexOf(version);
        long fromSecond = Math.max(from.getEpochSecond(), firstSecond);
        long toSecond = to.getEpochSecond();
        SecondRing ring = rings.get(index);
        if (fromSecond < nextSecond - ring.capacity() && fromSecond < toSecond) {
            throw new IllegalArgumentException("the model keeps " + ring.capacity() + " s of traffic; "
                    + from + " is older than that: raise its retention");
        }
        return ring.sum(fromSecond, toSecond);
    }

    /**
     * The mirrored copies {@code version} got in the seconds from {@code from} to {@code to}, as {@link #totals}: its
     * answers to them reached nobody.
     */
    public synchronized TrafficTotals mirroredTotals(MeshVersion version, Instant from, Instant to) {
        int index = indexOf(version);
        long fromSecond = Math.max(from.getEpochSecond(), firstSecond);
        SecondRing ring = mirrorRings.get(index);
        if (fromSecond < nextSecond - ring.capacity() && fromSecond < to.getEpochSecond()) {
            throw new IllegalArgumentException("the model keeps " + ring.capacity() + " s of traffic; "
                    + from + " is older than that: raise its retention");
        }
        return ring.sum(fromSecond, to.getEpochSecond());
    }

    /** Everything {@code version} served to users since the model started. */
    public synchronized TrafficTotals cumulative(MeshVersion version) {
        return served[indexOf(version)].totals();
    }

    /** Every mirrored copy {@code version} got since the model started. */
    public synchronized TrafficTotals cumulativeMirrored(MeshVersion version) {
        return mirrored[indexOf(version)].totals();
    }

    /** How many of the users hold session cookie {@code cookie} ({@code name=value}); 0 without users. */
    public synchronized long usersHolding(String cookie) {
        return sessions == null ? 0 : sessions.holding(cookie);
    }

    private int indexOf(MeshVersion version) {
        int index = versions.indexOf(version);
        if (index < 0) {
            throw new IllegalArgumentException("the model of " + namespace + "/" + service + " has no version "
                    + version + "; it has " + versions);
        }
        return index;
    }

    /** Istio's metrics of everything generated so far, for a {@code /metrics} endpoint. */
    public IstioMetrics metrics() {
        return metrics;
    }

    public String namespace() {
        return namespace;
    }

    public String service() {
        return service;
    }

    public List<MeshVersion> versions() {
        return versions;
    }

    public Clock clock() {
        return clock;
    }

    /** The simulated instant the model started at (its clock's now when built, truncated to the second). */
    public Instant start() {
        return Instant.ofEpochSecond(startSecond);
    }

    /** The end of the last generated second: traffic exists up to here. */
    public synchronized Instant generatedUntil() {
        return Instant.ofEpochSecond(nextSecond);
    }

    /** Builds a {@link TrafficModel}; every setting has a default but the versions and the weight source. */
    public static final class Builder {

        private final String namespace;
        private final String service;
        private final Map<MeshVersion, VersionBehaviour> versions = new LinkedHashMap<>();
        private Schedule<Double> requestRate = Schedule.constant(100.0);
        private RouteSource routeSource;
        private RequestMix mix = RequestMix.plain();
        private long users;
        private boolean refreshWeightsOnTick = true;
        private Clock clock = Clock.systemUTC();
        private long seed = 1;
        private Duration retention = Duration.ofMinutes(30);
        private Duration history = Duration.ofMinutes(2);
        private String sourceWorkload = "productpage-v1";

        private Builder(String namespace, String service) {
            this.namespace = KubernetesName.requireLabel("namespace", namespace);
            this.service = KubernetesName.requireLabel("service", service);
        }

        /** Adds a version and how it behaves. */
        public Builder version(MeshVersion version, VersionBehaviour behaviour) {
            if (versions.containsKey(version)) {
                throw new IllegalArgumentException("version " + version + " is already part of the model");
            }
            versions.put(version, Objects.requireNonNull(behaviour, "behaviour"));
            return this;
        }

        /** Requests per second to the whole service (default 100). */
        public Builder requestRate(double perSecond) {
            return requestRate(Schedule.constant(checkRate(perSecond)));
        }

        /** Requests per second to the whole service, changing over time. */
        public Builder requestRate(Schedule<Double> perSecond) {
            this.requestRate = Objects.requireNonNull(perSecond, "perSecond");
            return this;
        }

        /** Where the split between versions comes from: the weights of one route, taking every request. */
        public Builder weights(WeightSource source) {
            this.routeSource = RouteSource.of(Objects.requireNonNull(source, "source"));
            return this;
        }

        /** Where the routing comes from: every route, with matches, mirrors and sticky cookies. */
        public Builder routing(RouteSource source) {
            this.routeSource = Objects.requireNonNull(source, "source");
            return this;
        }

        /** Which requests carry a header or cookie that a match tests (default: none). */
        public Builder requestMix(RequestMix requestMix) {
            this.mix = Objects.requireNonNull(requestMix, "requestMix");
            return this;
        }

        /**
         * How many users send the requests (default 0: requests carry no session cookie, as from clients that keep
         * none). With users, each keeps the cookie the last answer set, so sticky routes hold them.
         */
        public Builder users(long count) {
            if (count < 0) {
                throw new IllegalArgumentException("users must be >= 0, got " + count);
            }
            this.users = count;
            return this;
        }

        /** Whether {@link #tick()} re-reads the weights first (default true); else only {@code refreshWeights()}. */
        public Builder refreshWeightsOnTick(boolean refresh) {
            this.refreshWeightsOnTick = refresh;
            return this;
        }

        /** The model's time (default the system clock; a {@link SimulationClock} to run faster). */
        public Builder clock(Clock modelClock) {
            this.clock = Objects.requireNonNull(modelClock, "clock");
            return this;
        }

        /** The seed of all random draws (default 1). */
        public Builder seed(long randomSeed) {
            this.seed = randomSeed;
            return this;
        }

        /** How far back per-second records reach for windows (default 30 minutes). */
        public Builder retention(Duration keep) {
            if (keep.getSeconds() < 1) {
                throw new IllegalArgumentException("retention must be at least one second, got " + keep);
            }
            this.retention = keep;
            return this;
        }

        /**
         * Traffic that was already flowing before the model's start (default two minutes, as on a live service;
         * {@link Duration#ZERO} for a service that starts idle): the first tick also generates
         * this much of the past, with the routing it reads then and the versions' behaviour at the start, so a
         * rollout that reads the service's current request rate before its first write finds it.
         */
        public Builder history(Duration past) {
            if (past.isNegative()) {
                throw new IllegalArgumentException("history must not be negative, got " + past);
            }
            this.history = past;
            return this;
        }

        /** The {@code source_workload} label of the calling workload (default productpage-v1). */
        public Builder sourceWorkload(String workload) {
            this.sourceWorkload = KubernetesName.requireLabel("source workload", workload);
            return this;
        }

        public TrafficModel build() {
            if (versions.isEmpty()) {
                throw new IllegalStateException("a traffic model needs at least one version: call version(...)");
            }
            return new TrafficModel(this);
        }

        private static double checkRate(double perSecond) {
            if (!(perSecond >= 0) || Double.isInfinite(perSecond)) {
                throw new IllegalArgumentException("request rate must be a finite number >= 0, got " + perSecond);
            }
            return perSecond;
        }
    }
}
