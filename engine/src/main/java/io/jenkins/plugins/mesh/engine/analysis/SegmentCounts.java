package io.jenkins.plugins.mesh.engine.analysis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the event counts of both versions per stretch of constant weight, for the sequential comparisons: one entry
 * per stretch, in order, so the i-th counts are the i-th stretch's (a stretch too short to read counts nothing).
 */
final class SegmentCounts {

    /** Stretches shorter than this hold no whole scrape and are skipped. */
    private static final Duration SHORTEST = Duration.ofSeconds(1);
    private static final EventCounts NOTHING = new EventCounts(0, 0, 0, 0);

    private SegmentCounts() {
    }

    /** Requests and 5xx answers of each version, per stretch. */
    static List<EventCounts> errors(CheckContext context, List<TrafficSegment> segments) throws MetricException {
        List<EventCounts> counts = new ArrayList<>();
        for (TrafficSegment segment : segments) {
            if (segment.duration().compareTo(SHORTEST) < 0) {
                counts.add(NOTHING);
                continue;
            }
            RequestCounts canary = context.observer().requests(context.canary(), segment.duration(), segment.to());
            RequestCounts stable = context.observer().requests(context.stable(), segment.duration(), segment.to());
            counts.add(new EventCounts(canary.total(), canary.errors(), stable.total(), stable.errors()));
        }
        return counts;
    }

    /** Requests and answers slower than the bucket edge at or below {@code millis} of each version, per stretch. */
    static List<EventCounts> slower(CheckContext context, List<TrafficSegment> segments, double millis)
            throws MetricException {
        List<EventCounts> counts = new ArrayList<>();
        for (TrafficSegment segment : segments) {
            if (segment.duration().compareTo(SHORTEST) < 0) {
                counts.add(NOTHING);
                continue;
            }
            TailCounts canary = context.observer().slowerThan(context.canary(), millis, segment.duration(),
                    segment.to());
            TailCounts stable = context.observer().slowerThan(context.stable(), millis, segment.duration(),
                    segment.to());
            counts.add(new EventCounts(canary.total(), canary.slower(), stable.total(), stable.slower()));
        }
        return counts;
    }

    /** All stretches together. */
    static EventCounts total(List<EventCounts> counts) {
        EventCounts total = NOTHING;
        for (EventCounts part : counts) {
            total = total.plus(part);
        }
        return total;
    }

    /** From the first stretch's start to the last one's end. */
    static Duration span(List<TrafficSegment> segments) {
        return Duration.between(segments.get(0).from(), segments.get(segments.size() - 1).to());
    }
}
