package io.jenkins.plugins.mesh.engine.analysis;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What an instant query returned: zero or more samples, each a label set and a value. A scalar result is one sample
 * without labels. Values are kept as the server sent them, NaN and infinities included: the checks decide what they
 * mean.
 *
 * @param samples the series of an instant vector, or the one value of a scalar
 */
public record QueryResult(List<Sample> samples) {

    /** No series at all: no data for this query. */
    public static final QueryResult EMPTY = new QueryResult(List.of());

    public QueryResult {
        samples = List.copyOf(Objects.requireNonNull(samples, "samples"));
    }

    /** One value: a scalar, or a vector with a single series. */
    public static QueryResult scalar(double value) {
        return new QueryResult(List.of(new Sample(Map.of(), value)));
    }

    /** Whether there is no series at all. */
    public boolean isEmpty() {
        return samples.isEmpty();
    }

    /** The value when there is exactly one series, else empty. The value may be NaN or infinite. */
    public OptionalDouble single() {
        return samples.size() == 1 ? OptionalDouble.of(samples.get(0).value()) : OptionalDouble.empty();
    }

    /**
     * One series of an instant vector.
     *
     * @param labels the series' labels (without {@code __name__} when the query aggregated it away)
     * @param value the sample's value, possibly NaN or infinite
     */
    public record Sample(Map<String, String> labels, double value) {
        public Sample {
            labels = Map.copyOf(Objects.requireNonNull(labels, "labels"));
        }
    }
}
