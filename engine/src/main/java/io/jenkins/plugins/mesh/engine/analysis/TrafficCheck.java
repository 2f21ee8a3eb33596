package io.jenkins.plugins.mesh.engine.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * A check that judges request traffic: it first reads the counts, and with too few requests it is INCONCLUSIVE
 * before it looks at anything else. Implementations only {@link #judge} enough traffic.
 */
interface TrafficCheck extends Check {

    /** Whether the stable's counts are read and must be enough too. */
    boolean comparesWithStable();

    /** Requests each judged version needs, besides the analysis minimum. */
    default double requestsNeeded() {
        return 1;
    }

    /**
     * Judges traffic that is enough.
     *
     * @param measurements the counts read so far; add further numbers to it
     */
    CheckRecord judge(CheckContext context, TrafficReading traffic, List<Measurement> measurements)
            throws MetricException;

    @Override
    default CheckRecord evaluate(CheckContext context) throws MetricException {
        TrafficReading traffic = TrafficReading.read(context, comparesWithStable(), requestsNeeded());
        List<Measurement> measurements = new ArrayList<>(traffic.measurements());
        if (traffic.tooFew().isPresent()) {
            return CheckRecord.of(this, context, Verdict.INCONCLUSIVE, null, traffic.tooFew().get(), measurements);
        }
        return judge(context, traffic, measurements);
    }
}
