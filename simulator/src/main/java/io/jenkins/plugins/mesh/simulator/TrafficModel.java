package io.jenkins.plugins.mesh.simulator;

import io.jenkins.plugins.mesh.engine.KubernetesName;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Requests to one service, split between its versions by the live weights of its route, with each version's own
 * error ratio and latency. Traffic is generated one simulated second at a time and in aggregate: per second and
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
    private final WeightSource weightSource;
    private final boolean refreshWeightsOnTick;
    private final Clock clock;
    private final long startSecond;
    private final CountSampler sampler;
    private final List<SecondRing> rings;
    private final IstioMetrics metrics;
    private final long[][] cumulative;
    private final double[] cumulativeLatency;
    private final long[][] cumulativeBuckets;
    private final Map<LatencyDistribution, double[][]> bucketShapes = new IdentityHashMap<>();

    private Map<String, Double> weights;
    private long nextSecond;

    private TrafficModel(Builder builder) {
        this.namespace = builder.namespace;
        this.service = builder.service;
        this.versions = List.copyOf(builder.versions.keySet());
        this.behaviours = List.copyOf(builder.versions.values());
        this.requestRate = builder.requestRate;
        this.weightSource = Objects.requireNonNull(builder.weightSource,
                "a traffic model needs a weight source: call weights(...)");
        this.refreshWeightsOnTick = builder.refreshWeightsOnTick;
        this.clock = builder.clock;
        this.startSecond = clock.instant().getEpochSecond();
        this.nextSecond = startSecond;
        this.sampler = new CountSampler(builder.seed);
        int capacity = Math.toIntExact(Math.max(1, builder.retention.toSeconds()));
        this.rings = new ArrayList<>();
        for (int i = 0; i < versions.size(); i++) {
            rings.add(new SecondRing(capacity));
        }
        this.metrics = new IstioMetrics(namespace, service, builder.sourceWorkload, versions);
        this.cumulative = new long[versions.size()][2];
        this.cumulativeLatency = new double[versions.size()];
        this.cumulativeBuckets = new long[versions.size()][LatencyBuckets.count()];
    }

    /** A model of traffic to {@code service} in {@code namespace}. */
    public static Builder builder(String namespace, String service) {
        return new Builder(namespace, service);
    }

    /** Reads the weights from the weight source now; later ticks use them until the next refresh. */
    public synchronized Map<String, Double> refreshWeights() {
        weights = Map.copyOf(weightSource.weights());
        return weights;
    }

    /** The weights in use, as last read (read now if never read). */
    public synchronized Map<String, Double> weights() {
        return weights == null ? refreshWeights() : weights;
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
        if (refreshWeightsOnTick || weights == null) {
            refreshWeights();
        }
        double[] shares = shares();
        int generated = 0;
        for (; nextSecond < until; nextSecond++, generated++) {
            generateSecond(nextSecond, shares);
        }
        return generated;
    }

    private double[] shares() {
        double total = 0;
        for (double weight : weights.values()) {
            total += weight;
        }
        double[] shares = new double[versions.size()];
        for (int i = 0; i < shares.length; i++) {
            Double weight = weights.get(versions.get(i).routeKey());
            shares[i] = total > 0 && weight != null ? weight / total : 0;
        }
        return shares;
    }

    private void generateSecond(long second, double[] shares) {
        long elapsed = second - startSecond;
        double rate = requestRate.atSecond(elapsed);
        int bucketCount = LatencyBuckets.count();
        long[] okBuckets = new long[bucketCount];
        long[] errorBuckets = new long[bucketCount];
        long[] allBuckets = new long[bucketCount];
        for (int v = 0; v < versions.size(); v++) {
            long requests = sampler.poisson(rate * shares[v]);
            VersionBehaviour behaviour = behaviours.get(v);
            long errors = sampler.binomial(requests, behaviour.errorRatio().atSecond(elapsed));
            double[][] shape = shape(behaviour.latency().atSecond(elapsed));
            sampler.multinomial(requests - errors, shape[0], okBuckets);
            sampler.multinomial(errors, shape[0], errorBuckets);
            double okSum = 0;
            double errorSum = 0;
            for (int b = 0; b < bucketCount; b++) {
                okSum += okBuckets[b] * shape[1][b];
                errorSum += errorBuckets[b] * shape[1][b];
                allBuckets[b] = okBuckets[b] + errorBuckets[b];
                cumulativeBuckets[v][b] += allBuckets[b];
            }
            rings.get(v).record(second, requests, errors, allBuckets, okSum + errorSum);
            cumulative[v][0] += requests;
            cumulative[v][1] += errors;
            cumulativeLatency[v] += okSum + errorSum;
            if (requests > errors) {
                metrics.add(v, false, requests - errors, okBuckets, okSum);
            }
            if (errors > 0) {
                metrics.add(v, true, errors, errorBuckets, errorSum);
            }
        }
    }

    /** Bucket probabilities and the mean latency inside each bucket, computed once per distribution. */
    private double[][] shape(LatencyDistribution latency) {
        return bucketShapes.computeIfAbsent(latency, l -> {
            double[] probabilities = LatencyBuckets.probabilities(l);
            return new double[][] {probabilities, LatencyBuckets.conditionalMeans(l, probabilities)};
        });
    }

    /**
     * What {@code version} served in the seconds from {@code from} (inclusive) to {@code to} (exclusive), both
     * truncated to whole seconds. Seconds before the model started or not generated yet count as no traffic.
     *
     * @throws IllegalArgumentException when the interval reaches further back than the retention
     */
    public synchronized TrafficTotals totals(MeshVersion version, Instant from, Instant to) {
        int index = indexOf(version);
        long fromSecond = Math.max(from.getEpochSecond(), startSecond);
        long toSecond = to.getEpochSecond();
        SecondRing ring = rings.get(index);
        if (fromSecond < nextSecond - ring.capacity() && fromSecond < toSecond) {
            throw new IllegalArgumentException("the model keeps " + ring.capacity() + " s of traffic; "
                    + from + " is older than that: raise its retention");
        }
        return ring.sum(fromSecond, toSecond);
    }

    /** Everything {@code version} served since the model started. */
    public synchronized TrafficTotals cumulative(MeshVersion version) {
        int index = indexOf(version);
        return new TrafficTotals(cumulative[index][0], cumulative[index][1], cumulativeBuckets[index],
                cumulativeLatency[index]);
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
        private WeightSource weightSource;
        private boolean refreshWeightsOnTick = true;
        private Clock clock = Clock.systemUTC();
        private long seed = 1;
        private Duration retention = Duration.ofMinutes(30);
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

        /** Where the split between versions comes from. */
        public Builder weights(WeightSource source) {
            this.weightSource = source;
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
