package io.jenkins.plugins.mesh.engine.validate.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mesh.engine.config.LoadedConfig;
import io.jenkins.plugins.mesh.engine.config.YamlConfigLoader;
import io.jenkins.plugins.mesh.engine.validate.Finding;
import io.jenkins.plugins.mesh.engine.validate.ValidationReport;
import io.jenkins.plugins.mesh.engine.validate.Validator;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * Parity with {@code istioctl analyze} on fixtures that mirror its own test cases for the VirtualService,
 * DestinationRule, Gateway and ServiceEntry analyzers (src/test/resources/parity): each fixture lists the messages
 * istioctl analyze expects for the situation it recreates. A message is matched by a finding of the same code on the
 * same object; findings of codes the case's analyzer does not report are left aside (istioctl's tests run one
 * analyzer at a time), findings of its codes that it does not expect count as extra. Prints the table per analyzer.
 */
public class IstioAnalyzeParityTest {

    /** The certificates of the fixtures were valid on this day. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

    private record Tally(int expected, int matched, int extra, List<String> notes) {
        Tally plus(Tally other) {
            List<String> all = new ArrayList<>(notes);
            all.addAll(other.notes);
            return new Tally(expected + other.expected, matched + other.matched, extra + other.extra, all);
        }
    }

    @Test
    public void findsAtLeastNinetyPercentOfWhatIstioctlAnalyzeExpects() throws Exception {
        Map<String, Tally> byAnalyzer = new TreeMap<>();
        int cases = 0;
        for (ParityCase parity : cases()) {
            cases++;
            byAnalyzer.merge(parity.analyzer(), run(parity), Tally::plus);
        }
        Tally total = new Tally(0, 0, 0, List.of());
        StringBuilder table = new StringBuilder("\n| analyzer | expected | found | extra |\n| --- | ---: | ---: | ---: |\n");
        for (Map.Entry<String, Tally> entry : byAnalyzer.entrySet()) {
            Tally tally = entry.getValue();
            table.append("| ").append(entry.getKey()).append(" | ").append(tally.expected()).append(" | ")
                    .append(tally.matched()).append(" | ").append(tally.extra()).append(" |\n");
            total = total.plus(tally);
        }
        double share = 100.0 * total.matched() / total.expected();
        table.append(String.format("| all (%d cases) | %d | %d (%.1f %%) | %d |%n", cases, total.expected(),
                total.matched(), share, total.extra()));
        total.notes().forEach(note -> table.append(note).append('\n'));
        System.out.println(table);
        assertThat(cases).as("parity fixtures").isGreaterThan(40);
        assertThat(share).as("share of istioctl analyze's expected messages found:%s", table).isGreaterThanOrEqualTo(90.0);
        assertThat(total.extra()).as("findings istioctl analyze does not expect:%s", table).isZero();
    }

    private static Tally run(ParityCase parity) {
        LoadedConfig config = new YamlConfigLoader("default").read(parity.name(), parity.yaml());
        assertThat(config.problems()).as(parity.name()).isEmpty();
        ValidationReport report = Validator.standard(CLOCK).validate(config, List.of(), null);
        Map<String, Integer> found = new HashMap<>();
        for (Finding finding : report.findings()) {
            if (parity.reports(finding)) {
                found.merge(finding.code().name() + " " + finding.kind() + " " + finding.namespace() + "/"
                        + finding.name(), 1, Integer::sum);
            }
        }
        Map<String, Integer> expected = new HashMap<>();
        parity.expected().forEach(e -> expected.merge(e, 1, Integer::sum));
        int matched = 0;
        List<String> notes = new ArrayList<>();
        for (Map.Entry<String, Integer> entry : expected.entrySet()) {
            int got = found.getOrDefault(entry.getKey(), 0);
            matched += Math.min(got, entry.getValue());
            if (got < entry.getValue()) {
                notes.add("  missed in " + parity.name() + ": " + entry.getKey() + " x" + (entry.getValue() - got));
            }
        }
        int extra = 0;
        for (Map.Entry<String, Integer> entry : found.entrySet()) {
            int over = entry.getValue() - expected.getOrDefault(entry.getKey(), 0);
            if (over > 0) {
                extra += over;
                notes.add("  extra in " + parity.name() + ": " + entry.getKey() + " x" + over + " "
                        + report.findings().stream().filter(f -> parity.reports(f) && entry.getKey().equals(f.code()
                                .name() + " " + f.kind() + " " + f.namespace() + "/" + f.name())).map(Finding::message)
                                .toList());
            }
        }
        return new Tally(parity.expected().size(), matched, extra, notes);
    }

    private static List<ParityCase> cases() throws Exception {
        Path folder = folder();
        List<ParityCase> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                cases.add(ParityCase.read(file));
            }
        }
        return cases;
    }

    private static Path folder() throws URISyntaxException {
        return Path.of(IstioAnalyzeParityTest.class.getResource("/parity").toURI());
    }
}
