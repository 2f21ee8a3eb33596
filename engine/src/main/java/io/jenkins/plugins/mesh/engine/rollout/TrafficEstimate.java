package io.jenkins.plugins.mesh.engine.rollout;

import io.jenkins.plugins.mesh.engine.DurationText;
import java.time.Duration;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The traffic pre-flight: the service's request rate before the first write, and how long the first step will take
 * to gather the requests its analysis needs.
 *
 * @param requestsPerSecond the service's current request rate (the stable's and the canary's, before the first step)
 * @param firstWeight the canary weight of the first step, in percent
 * @param requestsNeeded requests the canary must serve before the first step can be judged
 */
public record TrafficEstimate(double requestsPerSecond, int firstWeight, double requestsNeeded) {

    public TrafficEstimate {
        if (!(requestsPerSecond >= 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException("request rate must be a finite number >= 0, got " + requestsPerSecond);
        }
        if (firstWeight < 1 || firstWeight > 100) {
            throw new IllegalArgumentException("first weight must be 1..100, got " + firstWeight);
        }
    }

    /** requestsNeeded / (rate x weight); null when the service has no traffic at all (it would never be judged). */
    public Duration timeToJudge() {
        double canaryRate = requestsPerSecond * firstWeight / 100.0;
        if (canaryRate <= 0) {
            return null;
        }
        return Duration.ofSeconds((long) Math.ceil(requestsNeeded / canaryRate));
    }

    /** Whether the first step could be judged before {@code deadline}. */
    public boolean fits(Duration deadline) {
        Duration time = timeToJudge();
        return time != null && time.compareTo(deadline) <= 0;
    }

    /** "the service serves 2.5 requests/s; at 10 % the canary needs about 3m 20s for the 50 requests ...". */
    public String describe() {
        Duration time = timeToJudge();
        String rate = requestsPerSecond == 0 ? "0" : new BigDecimal(requestsPerSecond).round(new MathContext(3))
                .stripTrailingZeros().toPlainString();
        if (time == null) {
            return "the service had no requests in the last minute, so a canary at " + firstWeight + "% would get "
                    + "none and could never be judged (if it does serve traffic, its metrics are not where the "
                    + "rollout reads them: check the reporter and the version label)";
        }
        return "the service serves " + rate + " requests/s; at " + firstWeight + "% the canary needs about "
                + DurationText.format(time) + " to serve the " + Math.round(requestsNeeded)
                + " requests its first analysis needs";
    }

    /** What to change when the estimate is too long, for messages. */
    public static String advice() {
        return "to judge sooner: a larger first step, a longer interval or deadline, fewer minimum requests, or "
                + "load on the service (e.g. a load test during the rollout)";
    }
}
