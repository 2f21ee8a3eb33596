package io.jenkins.plugins.mesh.simulator;

import static io.jenkins.plugins.mesh.simulator.TrafficModelTest.FAST;
import static io.jenkins.plugins.mesh.simulator.TrafficModelTest.T0;
import static io.jenkins.plugins.mesh.simulator.TrafficModelTest.V2;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

public class IstioMetricsTest {

    private static final Pattern SAMPLE = Pattern.compile("([a-z_]+)\\{([^}]*)\\} (\\S+)");

    private static TrafficModel trafficFor(Duration length) {
        SimulationClock clock = SimulationClock.at(T0);
        TrafficModel model = TrafficModelTest.model(clock, InMemoryWeights.of(Map.of("v1", 70, "v2", 30)), 12,
                VersionBehaviour.of(0.1, FAST));
        clock.advance(length);
        model.tick();
        return model;
    }

    @Test
    public void rendersIstiosMetricsInTheTextFormat() {
        TrafficModel model = trafficFor(Duration.ofMinutes(2));
        String text = model.metrics().render();
        List<String[]> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("#")) {
                assertThat(line).matches("# (HELP|TYPE) istio_[a-z_]+ .+");
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            assertThat(sample.matches()).as(line).isTrue();
            samples.add(new String[] {sample.group(1), sample.group(2), sample.group(3)});
        }
        assertThat(text).containsOnlyOnce("# TYPE istio_requests_total counter")
                .containsOnlyOnce("# TYPE istio_request_duration_milliseconds histogram");

        String canaryErrors = "reporter=\"destination\"";
        long total = 0;
        for (String[] sample : samples) {
            if (sample[0].equals("istio_requests_total") && sample[1].startsWith(canaryErrors)
                    && sample[1].contains("destination_version=\"v2\"")) {
                assertThat(sample[1]).contains("destination_workload=\"reviews-v2\"",
                        "destination_service=\"reviews.bookinfo.svc.cluster.local\"",
                        "destination_service_name=\"reviews\"", "destination_canonical_revision=\"v2\"",
                        "source_workload=\"productpage-v1\"", "request_protocol=\"http\"");
                total += Long.parseLong(sample[2]);
            }
        }
        assertThat(total).isEqualTo(model.cumulative(V2).requests());
        assertThat(text).contains("response_code=\"503\"").contains("reporter=\"source\"");
    }

    @Test
    public void histogramBucketsAreCumulativeAndEndWithTheCount() {
        String text = trafficFor(Duration.ofMinutes(1)).metrics().render();
        long previous = -1;
        String series = null;
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) {
                continue;
            }
            String labels = sample.group(2).replaceAll(",le=\"[^\"]*\"", "");
            long value = sample.group(1).endsWith("_sum") ? 0 : Long.parseLong(sample.group(3).replace(".0", ""));
            if (sample.group(1).equals("istio_request_duration_milliseconds_bucket")) {
                if (!labels.equals(series)) {
                    series = labels;
                    previous = -1;
                }
                assertThat(value).as(line).isGreaterThanOrEqualTo(previous);
                previous = value;
            } else if (sample.group(1).equals("istio_request_duration_milliseconds_count")) {
                assertThat(labels).isEqualTo(series);
                assertThat(value).as("count equals the +Inf bucket").isEqualTo(previous);
            }
        }
        assertThat(series).isNotNull();
    }

    @Test
    public void nothingServedNoSeries() {
        SimulationClock clock = SimulationClock.at(T0);
        TrafficModel model = TrafficModelTest.model(clock, InMemoryWeights.of(Map.of("v1", 100, "v2", 0)), 1,
                VersionBehaviour.of(0, FAST));
        clock.advance(Duration.ofMinutes(1));
        model.tick();
        assertThat(model.metrics().render()).doesNotContain("destination_version=\"v2\"")
                .contains("destination_version=\"v1\"");
    }

    @Test
    public void labelValuesAreEscaped() {
        assertThat(IstioMetrics.escape("a\"b\\c\nd")).isEqualTo("a\\\"b\\\\c\\nd");
    }
}
