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
 * Random valid VirtualServices and HTTPRoutes, random sequences of weights and route changes (A/B routes, mirrors,
 * sticky sessions, added and taken away), then a restore: the object equals the original except for the fields the
 * API server manages (resourceVersion, generation), every time. The seed is in the failure message; rerun it with
 * -Dmesh.propertySeed=N.
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

    @Test
    public void restoreTakesAwayEveryRouteChangeExactly() {
        long seed = Long.getLong("mesh.propertySeed", new Random().nextLong());
        Random random = new Random(seed);
        TrafficController traffic = cluster.controller();
        for (int i = 0; i < CASES; i++) {
            RandomRoute route = randomRoute(random, "", i);
            Map<String, Object> generated = route.generated();
            Map<String, Object> original = route.original();
            RouteTarget target = route.target();
            String name = target.name();
            RouteKind kind = target.kind();
            StringBuilder context = new StringBuilder("seed " + seed + ", case " + i + ":\n"
                    + new Yaml().dump(generated) + "operations:");

            LeaseRef ref = traffic.begin(target, BUILD_42, false).ref();
            int operations = 1 + random.nextInt(8);
            for (int op = 0; op < operations; op++) {
                int choice = random.nextInt(4);
                if (choice == 0) {
                    int weight = random.nextInt(100);
                    context.append("\n  weight ").append(weight);
                    traffic.setWeight(target, BUILD_42, weight);
                } else if (choice == 1) {
                    String removed = List.of(MatchRoute.KIND, CanaryMirror.KIND, StickySessions.KIND)
                            .get(random.nextInt(3));
                    context.append("\n  remove ").append(removed);
                    traffic.removeChange(target, BUILD_42, removed);
                } else {
                    RouteChange change = randomChange(random);
                    context.append("\n  add ").append(change);
                    Map<String, Object> before = cluster.read(kind, "shop", name);
                    try {
                        traffic.addChange(target, BUILD_42, change);
                    } catch (TrafficException e) {
                        // Refused changes (the route already mirrors, the same kind is in place) write nothing.
                        context.append(" (refused: ").append(e.getMessage()).append(')');
                        assertThat(e.reason()).as(context.toString()).isEqualTo(TrafficException.Reason.INVALID);
                        assertThat(cluster.read(kind, "shop", name)).as(context.toString()).isEqualTo(before);
                    }
                }
            }
            traffic.restore(ref, BUILD_42);

            assertThat(withoutServerFields(cluster.read(kind, "shop", name))).as(context.toString())
                    .isEqualTo(withoutServerFields(original));
            assertThat(traffic.lease(ref)).as(context.toString()).isEmpty();
        }
    }

    /**
     * A rollout's stages as its route control writes them (the mirror phase, the A/B phase, the weighted steps with
     * sticky sessions; each stage adding what it needs and taking away what it no longer keeps), stopped after a
     * random stage and restored: the object is exactly the original, whichever phase the rollout had reached. A stage
     * the route cannot take (say, it mirrors already) fails as a rollout's write would, and the restore still holds.
     */
    @Test
    public void restoreAfterAnyPhaseOfARolloutGivesBackTheOriginalObject() throws Exception {
        long seed = Long.getLong("mesh.propertySeed", new Random().nextLong());
        Random random = new Random(seed);
        TrafficController traffic = cluster.controller();
        int refused = 0;
        for (int i = 0; i < CASES * 2; i++) {
            RandomRoute made = randomRoute(random, "phases-", i);
            Map<String, Object> generated = made.generated();
            Map<String, Object> original = made.original();
            RouteTarget target = made.target();
            String name = target.name();
            io.jenkins.plugins.mesh.engine.rollout.CanaryPhases phases = randomPhases(random);
            List<Integer> steps = phases.sticky() == null && random.nextBoolean() ? List.of() : List.of(10, 50);
            if (steps.isEmpty() && !phases.hasPhaseBeforeSteps()) {
                steps = List.of(25);
            }
            List<io.jenkins.plugins.mesh.engine.rollout.Stage> stages = new io.jenkins.plugins.mesh.engine.rollout
                    .CanaryPlan(steps, java.time.Duration.ofMinutes(1), 1, 1,
                    io.jenkins.plugins.mesh.engine.rollout.EndAction.PROMOTE, java.time.Duration.ofHours(1), null,
                    null, null, phases).stages();
            int reached = random.nextInt(stages.size()) + 1;
            String context = "seed " + seed + ", case " + i + ", " + phases + ", stages run " + reached + ":\n"
                    + new Yaml().dump(generated);

            io.jenkins.plugins.mesh.engine.rollout.TrafficRouteControl route =
                    new io.jenkins.plugins.mesh.engine.rollout.TrafficRouteControl(traffic, target, BUILD_42, false);
            route.acquire();
            try {
                for (io.jenkins.plugins.mesh.engine.rollout.Stage stage : stages.subList(0, reached)) {
                    assertThat(route.shift(stage.weight(), stage.changes())).as(context).isEqualTo(stage.weight());
                    List<AppliedChange> recorded = traffic.lease(traffic.leaseOf(target)).orElseThrow().changes();
                    assertThat(recorded).as(context).extracting(AppliedChange::change)
                            .containsExactlyInAnyOrderElementsOf(stage.changes());
                }
            } catch (TrafficException e) {
                assertThat(e.reason()).as(context + e.getMessage()).isEqualTo(TrafficException.Reason.INVALID);
                refused++;
            }
            route.restore("property test");

            assertThat(withoutServerFields(cluster.read(target.kind(), "shop", name))).as(context)
                    .isEqualTo(withoutServerFields(original));
            assertThat(traffic.lease(traffic.leaseOf(target))).as(context).isEmpty();
        }
        assertThat(refused).as("seed " + seed + ": most rollouts get through their stages").isLessThan(CASES);
    }

    /** A random VirtualService or HTTPRoute as generated, as created, and the target of its canary. */
    private record RandomRoute(Map<String, Object> generated, Map<String, Object> original, RouteTarget target) {
    }

    /** Creates a random VirtualService (subset- or host-based versions) or HTTPRoute named after {@code i}. */
    private RandomRoute randomRoute(Random random, String prefix, int i) {
        boolean gateway = random.nextBoolean();
        String name = (gateway ? "hr-" : "vs-") + prefix + i;
        boolean subsets = !gateway && random.nextBoolean();
        Destination stable = subsets ? Destination.subset("svc", "v1") : Destination.host("svc-stable");
        Destination canary = subsets ? Destination.subset("svc", "v2") : Destination.host("svc-canary");
        Map<String, Object> generated = gateway ? httpRoute(random, name) : virtualService(random, name, stable,
                canary);
        Map<String, Object> original = cluster.create(new Yaml().dump(generated));
        RouteTarget target = gateway ? RouteTarget.httpRoute("shop", name, null, stable, canary)
                : RouteTarget.virtualService("shop", name, null, stable, canary);
        return new RandomRoute(generated, original, target);
    }

    private static io.jenkins.plugins.mesh.engine.rollout.CanaryPhases randomPhases(Random random) {
        var phases = io.jenkins.plugins.mesh.engine.rollout.CanaryPhases.NONE;
        if (random.nextBoolean()) {
            phases = phases.withMirror(new io.jenkins.plugins.mesh.engine.rollout.MirrorPhase(
                    (CanaryMirror) randomChangeOf(random, 1), java.time.Duration.ofMinutes(1)));
        }
        if (random.nextBoolean()) {
            phases = phases.withMatch(new io.jenkins.plugins.mesh.engine.rollout.MatchPhase(
                    (MatchRoute) randomChangeOf(random, 0), java.time.Duration.ofMinutes(1), random.nextBoolean()));
        }
        if (random.nextInt(3) > 0) {
            phases = phases.withSticky((StickySessions) randomChangeOf(random, 2));
        }
        return phases;
    }

    private static RouteChange randomChange(Random random) {
        return randomChangeOf(random, random.nextInt(3));
    }

    private static RouteChange randomChangeOf(Random random, int kind) {
        return switch (kind) {
            case 0 -> {
                List<RequestCondition> conditions = new ArrayList<>();
                int count = 1 + random.nextInt(3);
                for (int c = 0; c < count; c++) {
                    String value = "v" + random.nextInt(1000);
                    RequestCondition condition = switch (random.nextInt(4)) {
                        case 0 -> RequestCondition.header("x-canary-" + c, value);
                        case 1 -> RequestCondition.parse("header:x-group-" + c + "=prefix:" + value);
                        case 2 -> RequestCondition.parse("header:user-agent-" + c + "=regex:.*" + value + ".*");
                        default -> RequestCondition.cookie("beta-" + c, value);
                    };
                    conditions.add(condition);
                }
                yield new MatchRoute(conditions);
            }
            case 1 -> new CanaryMirror(random.nextBoolean() ? 1 + random.nextInt(100) : 0.5 + random.nextInt(90));
            default -> new StickySessions("mesh-" + random.nextInt(10), 60 + random.nextInt(86_400));
        };
    }

    private static Map<String, Object> httpRoute(Random random, String name) {
        List<Object> rules = new ArrayList<>();
        int others = random.nextInt(4);
        for (int i = 0; i < others; i++) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("matches", List.of(Map.of("path", Map.of("type", "PathPrefix", "value", "/other-" + i))));
            rule.put("backendRefs", List.of(Map.of("name", "other-" + i, "port", 80)));
            rules.add(rule);
        }
        Map<String, Object> managed = new LinkedHashMap<>();
        if (random.nextBoolean()) {
            managed.put("name", "api");
        }
        if (random.nextBoolean()) {
            List<Object> matches = new ArrayList<>();
            matches.add(Map.of("path", Map.of("type", "PathPrefix", "value", "/api")));
            if (random.nextBoolean()) {
                matches.add(Map.of("path", Map.of("type", "Exact", "value", "/health"), "headers",
                        List.of(Map.of("name", "x-env", "value", "prod"))));
            }
            managed.put("matches", matches);
        }
        if (random.nextBoolean()) {
            managed.put("filters", new ArrayList<>(List.of(Map.of("type", "RequestHeaderModifier",
                    "requestHeaderModifier", Map.of("set", List.of(Map.of("name", "x-route", "value", "api")))))));
        }
        if (random.nextBoolean()) {
            managed.put("timeouts", Map.of("request", (1 + random.nextInt(30)) + "s"));
        }
        List<Map<String, Object>> backends = new ArrayList<>();
        for (String backend : List.of("svc-stable", "svc-canary")) {
            Map<String, Object> ref = new LinkedHashMap<>();
            ref.put("name", backend);
            ref.put("port", 8080);
            if (random.nextInt(3) > 0) {
                ref.put("weight", random.nextInt(101));
            }
            if (random.nextBoolean()) {
                ref.put("filters", List.of(Map.of("type", "RequestHeaderModifier", "requestHeaderModifier",
                        Map.of("add", List.of(Map.of("name", "x-backend", "value", backend))))));
            }
            backends.add(ref);
        }
        managed.put("backendRefs", backends);
        if (random.nextBoolean()) {
            managed.put("x-unknown-" + random.nextInt(100), Map.of("nested", List.of(1, "two", true)));
        }
        rules.add(random.nextInt(rules.size() + 1), managed);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("parentRefs", List.of(Map.of("name", "shop-gateway")));
        if (random.nextBoolean()) {
            spec.put("hostnames", List.of("svc.example.com"));
        }
        spec.put("rules", rules);
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", "gateway.networking.k8s.io/v1");
        object.put("kind", "HTTPRoute");
        object.put("metadata", Map.of("name", name, "namespace", "shop"));
        object.put("spec", spec);
        return object;
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
