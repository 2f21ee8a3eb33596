package io.jenkins.plugins.mesh.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mesh.engine.config.LoadedConfig;
import io.jenkins.plugins.mesh.engine.config.MeshResource;
import io.jenkins.plugins.mesh.engine.config.YamlConfigLoader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.Test;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Mutates the valid shop mesh thousands of times (deleted fields, swapped types, huge numbers, unicode, deep
 * nesting, broken text) and validates each: every run must end in a report, never in an exception, and every
 * finding must be well formed.
 */
public class ValidatorFuzzTest {

    private static final int RUNS = 3000;
    private static final Object[] ODD_VALUES = {null, true, 0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE,
            new BigInteger("123456789012345678901234567890"), 1e308, -0.0, Double.NaN, Double.POSITIVE_INFINITY, "",
            " ", "*", "\u0000", "\u202Eevil", "\uD83D\uDE00", "日本語", "a".repeat(5000), "(?=x)", "-5ms", "1.5ms",
            List.of(), Map.of(), List.of(List.of(List.of())), Map.of("x", Map.of("y", List.of(1, "2")))};

    private final YamlConfigLoader loader = new YamlConfigLoader("default");
    private final Validator validator = Validator.standard();

    @Test
    public void mutatedManifestsAlwaysEndInAReport() {
        Random random = new Random(20261126L);
        String valid = MeshFixture.validMesh();
        List<Map<String, Object>> documents = new ArrayList<>();
        for (MeshResource resource : loader.read("valid.yaml", valid).resources()) {
            documents.add(resource.body());
        }
        Yaml yaml = new Yaml(dumperOptions());
        int withFindings = 0;
        List<MeshResource> originals = loader.read("valid.yaml", valid).resources();
        for (int run = 0; run < RUNS; run++) {
            String text;
            ValidationReport report;
            if (run % 5 == 4) {
                text = mutateText(valid, random);
                report = validate(text, run);
            } else {
                List<Object> copies = new ArrayList<>();
                for (Map<String, Object> document : documents) {
                    copies.add(copy(document));
                }
                for (int m = 0; m <= random.nextInt(3); m++) {
                    mutate(copies.get(random.nextInt(copies.size())), random, 0);
                }
                if (run % 5 == 3) {
                    // through YAML text and the loader
                    text = yaml.dumpAll(copies.iterator());
                    report = validate(text, run);
                } else {
                    // straight to the rules, as objects read from a cluster arrive
                    text = valid; // the objects keep the document lines of the valid mesh
                    report = validateObjects(originals, copies, run);
                }
            }
            int lines = text.split("\n", -1).length;
            for (Finding finding : report.findings()) {
                assertThat(finding.message()).as("run %d", run).isNotBlank();
                assertThat(finding.line()).as("run %d: %s", run, finding).isBetween(0, lines);
                assertThat(finding.code()).isNotNull();
            }
            if (!report.findings().isEmpty()) {
                withFindings++;
            }
        }
        // Most mutations break something; a few (e.g. a changed label value) leave valid config.
        assertThat(withFindings).isGreaterThan(RUNS * 6 / 10);
    }

    private ValidationReport validate(String text, int run) {
        try {
            LoadedConfig config = loader.read("fuzz.yaml", text);
            return validator.validate(config, List.of(), new CanaryTarget("VirtualService", "shop", "reviews",
                    "primary", "v1", "v2"));
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("run " + run + " threw on:\n" + text, e);
        }
    }

    @SuppressWarnings("unchecked")
    private ValidationReport validateObjects(List<MeshResource> originals, List<Object> bodies, int run) {
        List<MeshResource> mutated = new ArrayList<>();
        for (int i = 0; i < originals.size(); i++) {
            MeshResource original = originals.get(i);
            Map<String, Object> body = bodies.get(i) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            mutated.add(new MeshResource(original.kind(), original.apiVersion(), original.namespace(), original.name(),
                    body, original.location()));
        }
        try {
            return validator.validate(new LoadedConfig(mutated, List.of(), 0), List.of(), null);
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("run " + run + " threw on " + bodies, e);
        }
    }

    private static DumperOptions dumperOptions() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setAllowUnicode(true);
        return options;
    }

    @SuppressWarnings("unchecked")
    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), copy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(copy(v)));
            return copy;
        }
        return value;
    }

    /** Walks down a random path and changes what it finds there. */
    @SuppressWarnings("unchecked")
    private static void mutate(Object node, Random random, int depth) {
        if (node instanceof Map<?, ?> raw && !raw.isEmpty()) {
            Map<String, Object> map = (Map<String, Object>) raw;
            List<String> keys = new ArrayList<>(map.keySet());
            String key = keys.get(random.nextInt(keys.size()));
            Object child = map.get(key);
            if (random.nextInt(4) == 0 || !(child instanceof Map<?, ?> || child instanceof List<?>)) {
                switch (random.nextInt(5)) {
                    case 0 -> map.remove(key);
                    case 1 -> map.put(key, copy(nest(child, 20 + random.nextInt(60), random)));
                    case 2 -> map.put(key + "\u00e9", child);
                    default -> map.put(key, copy(ODD_VALUES[random.nextInt(ODD_VALUES.length)]));
                }
            } else {
                mutate(child, random, depth + 1);
            }
        } else if (node instanceof List<?> raw && !raw.isEmpty()) {
            List<Object> list = (List<Object>) raw;
            int index = random.nextInt(list.size());
            switch (random.nextInt(6)) {
                case 0 -> list.remove(index);
                case 1 -> list.add(copy(list.get(index)));
                case 2 -> list.set(index, copy(ODD_VALUES[random.nextInt(ODD_VALUES.length)]));
                default -> mutate(list.get(index), random, depth + 1);
            }
        }
    }

    private static Object nest(Object value, int levels, Random random) {
        Object nested = value;
        for (int i = 0; i < levels; i++) {
            nested = random.nextBoolean() ? List.of(nested == null ? "x" : nested) : Map.of("n", nested == null ? "x"
                    : nested);
        }
        return nested;
    }

    private static String mutateText(String text, Random random) {
        StringBuilder out = new StringBuilder(text);
        for (int i = 0; i < 1 + random.nextInt(4); i++) {
            int at = random.nextInt(out.length());
            switch (random.nextInt(4)) {
                case 0 -> out.deleteCharAt(at);
                case 1 -> out.insert(at, ":-[{&*!|>'\"\t%@`".charAt(random.nextInt(15)));
                case 2 -> out.insert(at, "\n  ");
                default -> out.delete(at, Math.min(out.length(), at + random.nextInt(40)));
            }
        }
        return out.toString();
    }
}
