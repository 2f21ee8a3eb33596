package io.jenkins.plugins.mesh.simulator;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Draws how a version answers a number of requests in one simulated second: how many fail, Binomial(requests, error
 * ratio), and a multinomial latency histogram over Istio's buckets with the exact probabilities of the version's
 * latency distribution. Not thread-safe: the traffic model guards it.
 */
final class AnswerSampler {

    /**
     * One second's answers.
     *
     * @param requests how many were answered
     * @param errors how many of them failed
     * @param okBuckets the successful ones per latency bucket
     * @param errorBuckets the failed ones per latency bucket
     * @param okSum the summed latency of the successful ones, ms
     * @param errorSum the summed latency of the failed ones, ms
     */
    record Answers(long requests, long errors, long[] okBuckets, long[] errorBuckets, double okSum, double errorSum) {

        /** All answers per latency bucket. */
        long[] allBuckets() {
            long[] all = new long[okBuckets.length];
            for (int b = 0; b < all.length; b++) {
                all[b] = okBuckets[b] + errorBuckets[b];
            }
            return all;
        }
    }

    private final CountSampler sampler;
    private final Map<LatencyDistribution, double[][]> bucketShapes = new IdentityHashMap<>();

    AnswerSampler(CountSampler sampler) {
        this.sampler = sampler;
    }

    /** How {@code behaviour} answers {@code requests} requests {@code elapsed} seconds after the model started. */
    Answers draw(VersionBehaviour behaviour, long elapsed, long requests) {
        int bucketCount = LatencyBuckets.count();
        long[] okBuckets = new long[bucketCount];
        long[] errorBuckets = new long[bucketCount];
        long errors = sampler.binomial(requests, behaviour.errorRatio().atSecond(elapsed));
        double[][] shape = shape(behaviour.latency().atSecond(elapsed));
        sampler.multinomial(requests - errors, shape[0], okBuckets);
        sampler.multinomial(errors, shape[0], errorBuckets);
        double okSum = 0;
        double errorSum = 0;
        for (int b = 0; b < bucketCount; b++) {
            okSum += okBuckets[b] * shape[1][b];
            errorSum += errorBuckets[b] * shape[1][b];
        }
        return new Answers(requests, errors, okBuckets, errorBuckets, okSum, errorSum);
    }

    /** Bucket probabilities and the mean latency inside each bucket, computed once per distribution. */
    private double[][] shape(LatencyDistribution latency) {
        return bucketShapes.computeIfAbsent(latency, l -> {
            double[] probabilities = LatencyBuckets.probabilities(l);
            return new double[][] {probabilities, LatencyBuckets.conditionalMeans(l, probabilities)};
        });
    }
}
