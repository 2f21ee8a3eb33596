package io.jenkins.plugins.mesh.engine.traffic;

import static io.jenkins.plugins.mesh.engine.traffic.RouteFixtures.BUILD_42;
import static io.jenkins.plugins.mesh.engine.traffic.TrafficControllerTest.withoutServerFields;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.Rule;
import org.junit.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Random valid VirtualServices, random weight sequences, then a restore: the object equals the original except for
 * the fields the API server manages (resourceVersion, generation), every time. The seed is in the failure message;
 * rerun it with -Dmesh.propertySeed=N.
 */
public class RestoreRoundTripPropertyTest {

    /** Cases per run; raise with -Dmesh.propertyCases=500 for a longer search. */
    private static final int CASES = Integer.getInteger("mesh.propertyCases", 15);

    @Rule
    public final MeshApiServer cluster = new MeshApiServer();

    @Test
    public void restoreAlwaysGivesBackTheOriginalObject() {
        long seed = Long.getLong("mesh.propertySeed", new Random().nextLong());
        Random random = new Random(seed);
        TrafficController traffic = cluster.controller();
        for (int i = 0; i < CASES; i++) {
            String name = "vs-" + i;
            boolean subsets = random.nextBoolean();
            Destination stable = subsets ? Destination.subset("svc", "v1") : Destination.host("svc-stable");
            Destination canary = subsets ? Destination.subset("svc", "v2") : Destination.host("svc-canary");
            Map<String, Object> generated = virtualService(random, name, stable, canary);
            Map<String, Object> original = cluster.create(new Yaml().dump(generated));
            RouteTarget target = RouteTarget.virtualService("shop", name, null, stable, canary);
            String context = "seed " + seed + ", case " + i + ":\n" + new Yaml().dump(generated);

            LeaseRef ref = traffic.begin(target, BUILD_42, false).ref();
            int steps = 1 + random.nextInt(6);
            for (int step = 0; step < steps; step++) {
                int weight = random.nextInt(101);
                WeightChange change = traffic.setWeight(target, BUILD_42, weight);
                assertThat(change.after()).as(context).extracting(WeightedDestination::weight)
                        .containsExactlyInAnyOrder(weight, 100 - weight);
            }
            traffic.restore(ref, BUILD_42);

            assertThat(withoutServerFields(cluster.read(RouteKind.VIRTUAL_SERVICE, "shop", name))).as(context)
                    .isEqualTo(withoutServerFields(original));
            assertThat(traffic.lease(ref)).as(context).isEmpty();
        }
    }

    private static Map<String, Object> virtualService(Random random, String name, Destination stable,
            Destination canary) {
        List<Object> http = new ArrayList<>();
        int others = random.nextInt(4);
        for (int i = 0; i < others; i++) {
            http.add(otherRoute(random, i));
        }
        http.add(random.nextInt(http.size() + 1), managedRoute(random, stable, canary));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("hosts", List.of("svc"));
        if (random.nextBoolean()) {
            spec.put("gateways", List.of("mesh", "shop/gateway"));
        }
        spec.put("http", http);
        if (random.nextBoolean()) {
            spec.put("tcp", List.of(Map.of("route", List.of(Map.of("destination",
                    Map.of("host", "svc", "port", Map.of("number", 9090)))))));
        }
        if (random.nextBoolean()) {
            spec.put("exportTo", List.of("."));
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("namespace", "shop");
        if (random.nextBoolean()) {
            metadata.put("labels", Map.of("app", "svc", "case", name));
        }
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", "networking.istio.io/v1");
        object.put("kind", "VirtualService");
        object.put("metadata", metadata);
        object.put("spec", spec);
        return object;
    }

    private static Map<String, Object> managedRoute(Random random, Destination stable, Destination canary) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Destination side : List.of(stable, canary)) {
            Map<String, Object> destination = new LinkedHashMap<>();
            destination.put("host", side.host());
            if (side.subset() != null) {
                destination.put("subset", side.subset());
            }
            if (random.nextBoolean()) {
                destination.put("port", Map.of("number", 8000 + random.nextInt(1000)));
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("destination", destination);
            if (random.nextInt(3) > 0) {
                entry.put("weight", random.nextInt(101));
            }
            if (random.nextBoolean()) {
                entry.put("headers", Map.of("response", Map.of("set", Map.of("x-side", side.toString()))));
            }
            entries.add(entry);
        }
        if (random.nextBoolean()) {
            Collections.reverse(entries);
        }
        Map<String, Object> route = new LinkedHashMap<>();
        if (random.nextBoolean()) {
            route.put("name", "primary");
        }
        decorate(random, route);
        route.put("route", entries);
        return route;
    }

    private static Map<String, Object> otherRoute(Random random, int index) {
        Map<String, Object> route = new LinkedHashMap<>();
        if (random.nextBoolean()) {
            route.put("name", "other-" + index);
        }
        route.put("match", List.of(Map.of("uri", Map.of("prefix", "/other-" + index))));
        decorate(random, route);
        route.put("route", List.of(Map.of("destination", Map.of("host", "other-" + index))));
        return route;
    }

    /** Optional fields this engine must never touch. */
    private static void decorate(Random random, Map<String, Object> route) {
        if (random.nextBoolean()) {
            route.put("timeout", (1 + random.nextInt(30)) + "s");
        }
        if (random.nextBoolean()) {
            route.put("retries", Map.of("attempts", random.nextInt(5) + 1, "perTryTimeout", "2s"));
        }
        if (random.nextBoolean()) {
            route.put("mirror", Map.of("host", "shadow"));
            route.put("mirrorPercentage", Map.of("value", random.nextInt(101)));
        }
        if (random.nextBoolean()) {
            route.put("headers", Map.of("request", Map.of("add", Map.of("x-n", String.valueOf(random.nextInt())))));
        }
        if (random.nextBoolean()) {
            route.put("x-unknown-" + random.nextInt(100), Map.of("nested", List.of(1, "two", true)));
        }
    }
}
