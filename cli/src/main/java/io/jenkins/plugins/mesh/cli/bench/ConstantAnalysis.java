package io.jenkins.plugins.mesh.cli.bench;

import io.jenkins.plugins.mesh.engine.analysis.Verdict;
import io.jenkins.plugins.mesh.engine.rollout.CanaryAnalysis;
import io.jenkins.plugins.mesh.engine.rollout.CheckSummary;
import io.jenkins.plugins.mesh.engine.rollout.StepAnalysis;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process analysis that always gives the same verdict, for benchmarks of the rollout's I/O (P2, P3) where the
 * metrics are not what is measured. Counts its analyses and remembers when (nanoTime) it last answered.
 */
final class ConstantAnalysis implements CanaryAnalysis {

    private final Verdict verdict;
    private final AtomicLong analyses = new AtomicLong();
    private volatile long lastAnsweredNanos;

    ConstantAnalysis(Verdict verdict) {
        this.verdict = verdict;
    }

    @Override
    public StepAnalysis analyse(int weight, Instant windowStart, Instant at) {
        analyses.incrementAndGet();
        StepAnalysis analysis = new StepAnalysis(at, weight, verdict, List.of(new CheckSummary("constant", null,
                "always " + verdict, verdict, "benchmark analysis")));
        lastAnsweredNanos = System.nanoTime();
        return analysis;
    }

    long analyses() {
        return analyses.get();
    }

    /** System.nanoTime() when the last verdict was returned. */
    long lastAnsweredNanos() {
        return lastAnsweredNanos;
    }
}
