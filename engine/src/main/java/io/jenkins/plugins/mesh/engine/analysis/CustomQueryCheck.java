package io.jenkins.plugins.mesh.engine.analysis;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Any PromQL query that yields one number, which must lie in {@code [min, max]}. The query is a
 * {@link QueryTemplate}: placeholders such as {@code {{canary}}} and {@code {{window}}} are filled in per
 * evaluation. No data, several series, NaN or an infinity is INCONCLUSIVE.
 *
 * @param name a short name for reports, e.g. {@code db-errors}
 * @param query the template
 * @param min the lowest passing value, or {@code null} for no lower limit
 * @param max the highest passing value, or {@code null} for no upper limit
 */
public record CustomQueryCheck(String name, QueryTemplate query, Double min, Double max) implements Check {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9_.]{0,61}[a-z0-9])?");

    public CustomQueryCheck {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("check name '" + name + "' must be 1 to 63 lower-case letters, "
                    + "digits, '-', '_' or '.'");
        }
        Objects.requireNonNull(query, "query");
        if (min == null && max == null) {
            throw new IllegalArgumentException("check " + name + " needs a minimum, a maximum or both");
        }
        if ((min != null && !Double.isFinite(min)) || (max != null && !Double.isFinite(max))) {
            throw new IllegalArgumentException("check " + name + " limits must be finite numbers");
        }
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException("check " + name + " minimum " + min + " is above its maximum " + max);
        }
    }

    /** Builds one from plain values, as the Jenkins step and the CLI receive them. */
    public static CustomQueryCheck of(String name, String query, Double min, Double max) {
        return new CustomQueryCheck(name, new QueryTemplate(query), min, max);
    }

    @Override
    public String spec() {
        return "query:" + name + ":" + (min == null ? "" : Numbers.exact(min)) + ".."
                + (max == null ? "" : Numbers.exact(max)) + ":" + query.text();
    }

    @Override
    public String threshold() {
        if (min != null && max != null) {
            return name + " between " + Numbers.exact(min) + " and " + Numbers.exact(max);
        }
        return min != null ? name + " >= " + Numbers.exact(min) : name + " <= " + Numbers.exact(max);
    }

    @Override
    public CheckRecord evaluate(CheckContext context) throws MetricException {
        if (context.metrics() == null) {
            throw new MetricException("check " + name + " runs a PromQL query and needs a Prometheus connection; "
                    + "configure one or remove the check");
        }
        String rendered = query.render(QueryTemplate.values(context));
        QueryResult result = context.metrics().query(rendered, context.at());
        if (result.samples().size() > 1) {
            String error = "query returned " + result.samples().size() + " series; aggregate it to one number, "
                    + "e.g. with sum(...)";
            return new CheckRecord(spec(), threshold(), Verdict.INCONCLUSIVE, null, error, context.at().toString(),
                    PromQl.duration(context.window()), List.of(new Measurement(name, rendered, null)), error);
        }
        Double value = result.isEmpty() ? null : result.single().getAsDouble();
        List<Measurement> measurements = List.of(new Measurement(name, rendered, value));
        if (value == null) {
            return CheckRecord.of(this, context, Verdict.INCONCLUSIVE, null, "query returned no data", measurements);
        }
        if (!Double.isFinite(value)) {
            return CheckRecord.of(this, context, Verdict.INCONCLUSIVE, value, "query returned " + Numbers.format(value)
                    + ", not a number to judge", measurements);
        }
        if (min != null && value < min) {
            return CheckRecord.of(this, context, Verdict.FAIL, value, name + " is " + Numbers.format(value)
                    + ", below the minimum " + Numbers.exact(min), measurements);
        }
        if (max != null && value > max) {
            return CheckRecord.of(this, context, Verdict.FAIL, value, name + " is " + Numbers.format(value)
                    + ", above the maximum " + Numbers.exact(max), measurements);
        }
        String range = "[" + (min == null ? "-Inf" : Numbers.exact(min)) + ", "
                + (max == null ? "+Inf" : Numbers.exact(max)) + "]";
        return CheckRecord.of(this, context, Verdict.PASS, value, name + " is " + Numbers.format(value) + ", within "
                + range, measurements);
    }
}
