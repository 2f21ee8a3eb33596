package io.jenkins.plugins.mesh.engine.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.Test;
import org.yaml.snakeyaml.Yaml;

/** The route changes as pure edits of VirtualServices and HTTPRoutes: what each adds, and that taking it away is exact. */
public class RoutePlannerTest {

    private static final MatchRoute AB = MatchRoute.parse(List.of("header:x-canary=true", "cookie:beta=1"));

    private final VirtualServiceRouter vsRouter = new VirtualServiceRouter();
    private final RoutePlanner vs = new RoutePlanner(vsRouter, new VirtualServiceChanges(vsRouter), new Random(3));
    private final HttpRouteRouter hrRouter = new HttpRouteRouter();
    private final RoutePlanner hr = new RoutePlanner(hrRouter, new HttpRouteChanges(hrRouter), new Random(3));

    @Test
    public void anAbRouteGoesJustAheadOfTheManagedRouteAndCopiesAllButMatchAndDestination() {
        Map<String, Object> original = load(RouteFixtures.REVIEWS);

        RoutePlanner.Planned planned = vs.plan(original, RouteFixtures.SUBSETS, List.of(), RouteEdit.adding(AB), false);

        List<Map<String, Object>> http = routes(planned.object(), "http");
        assertThat(http).extracting(r -> r.get("name")).containsExactly("beta-users", "mesh-pipeline-match-main",
                "main");
        Map<String, Object> ab = http.get(1);
        assertThat(ab.get("match")).isEqualTo(List.of(
                Map.of("headers", Map.of("x-canary", Map.of("exact", "true"))),
                Map.of("headers", Map.of("cookie", Map.of("regex", "^(.*?;\\s*)?beta=1(;.*)?$")))));
        assertThat(ab.get("route")).isEqualTo(List.of(Map.of("destination",
                Map.of("host", "reviews", "subset", "v2", "port", Map.of("number", 9080)))));
        assertThat(ab).containsKeys("retries", "timeout", "headers", "x-vendor-extension")
                .doesNotContainKeys("mirror", "mirrorPercentage");
        assertThat(http.get(2)).isEqualTo(routes(original, "http").get(1));
        assertThat(planned.settled()).singleElement().satisfies(c -> {
            assertThat(c.change()).isEqualTo(AB);
            assertThat(c.state()).isEqualTo(AppliedChange.State.ADDED);
        });
        assertThat(planned.intent()).singleElement().extracting(AppliedChange::state)
                .isEqualTo(AppliedChange.State.ADDING);

        assertThat(takenBack(vs, planned, RouteFixtures.SUBSETS)).isEqualTo(original);
    }

    @Test
    public void anAbMatchThatAnEarlierRouteAlreadyTakesIsRefused() {
        Map<String, Object> original = load(RouteFixtures.REVIEWS);

        assertThatThrownBy(() -> vs.plan(original, RouteFixtures.SUBSETS, List.of(),
                RouteEdit.adding(MatchRoute.parse(List.of("header:end-user=jason"))), false))
                .isInstanceOfSatisfying(TrafficException.class, e -> assertThat(e.reason())
                        .isEqualTo(TrafficException.Reason.INVALID))
                .hasMessageContaining("header:end-user=exact:jason would never reach the canary")
                .hasMessageContaining("'beta-users' before 'main' takes them first");
    }

    @Test
    public void anAbConditionOnAHeaderTheManagedRouteAlreadyTestsIsRefused() {
        Map<String, Object> original = load(RouteFixtures.HTTP_ROUTE.replace("- path: {type: PathPrefix, value: /api}",
                "- path: {type: PathPrefix, value: /api}\n      headers: [{name: X-Canary, value: 'no'}]"));

        assertThatThrownBy(() -> hr.plan(original, RouteFixtures.GATEWAY, List.of(), RouteEdit.adding(AB), false))
                .hasMessageContaining("rule 'api' match #0 already tests header x-canary");
    }

    @Test
    public void anUnnamedRouteKeepsItsKeyWithRoutesAddedAheadOfIt() {
        Map<String, Object> original = load(RouteFixtures.HOST_BASED);

        RoutePlanner.Planned planned = vs.plan(original, RouteFixtures.HOSTS, List.of(), RouteEdit.adding(AB), false);

        SelectedRoute managed = vsRouter.select(planned.object(), RouteFixtures.HOSTS);
        assertThat(managed.index()).isEqualTo(1);
        assertThat(managed.key()).isEqualTo("route-0");
        assertThat(routes(planned.object(), "http").get(0).get("name")).isEqualTo("mesh-pipeline-match-route-0");
    }

    @Test
    public void anAbRuleIsAppendedToAnHttpRouteWithOneMoreHeaderThanTheManagedRule() {
        Map<String, Object> original = load(RouteFixtures.HTTP_ROUTE);

        RoutePlanner.Planned planned = hr.plan(original, RouteFixtures.GATEWAY,
                List.of(), RouteEdit.adding(MatchRoute.parse(List.of("header:x-canary=true",
                        "header:x-user=prefix:beta."))), false);

        List<Map<String, Object>> rules = routes(planned.object(), "rules");
        assertThat(rules).hasSize(3);
        assertThat(rules.subList(0, 2)).isEqualTo(routes(original, "rules"));
        assertThat(rules.get(2)).isEqualTo(Map.of(
                "matches", List.of(
                        Map.of("path", Map.of("type", "PathPrefix", "value", "/api"), "headers",
                                List.of(Map.of("type", "Exact", "name", "x-canary", "value", "true"))),
                        Map.of("path", Map.of("type", "PathPrefix", "value", "/api"), "headers",
                                List.of(Map.of("type", "RegularExpression", "name", "x-user", "value",
                                        "^beta\\..*")))),
                "timeouts", Map.of("request", "5s"),
                "backendRefs", List.of(Map.of("name", "web-canary", "port", 8080))));
        assertThat(takenBack(hr, planned, RouteFixtures.GATEWAY)).isEqualTo(original);
    }

    @Test
    public void aVirtualServiceMirrorIsSetOnTheManagedRouteOrAddedToItsMirrorsList() {
        Map<String, Object> original = load(RouteFixtures.HOST_BASED);

        RoutePlanner.Planned planned = vs.plan(original, RouteFixtures.HOSTS, List.of(),
                RouteEdit.adding(new CanaryMirror(12.5)), false);

        Map<String, Object> route = routes(planned.object(), "http").get(0);
        assertThat(route.get("mirror")).isEqualTo(Map.of("host", "ratings-canary.shop.svc.cluster.local"));
        assertThat(route.get("mirrorPercentage")).isEqualTo(Map.of("value", 12.5));
        assertThat(takenBack(vs, planned, RouteFixtures.HOSTS)).isEqualTo(original);

        Map<String, Object> withList = load(RouteFixtures.REVIEWS.replace("mirror: {host: reviews-shadow}\n"
                + "    mirrorPercentage: {value: 5.0}", "mirrors: [{destination: {host: reviews-shadow}}]"));
        RoutePlanner.Planned listed = vs.plan(withList, RouteFixtures.SUBSETS, List.of(),
                RouteEdit.adding(new CanaryMirror(10)), false);
        assertThat(routes(listed.object(), "http").get(1).get("mirrors")).isEqualTo(List.of(
                Map.of("destination", Map.of("host", "reviews-shadow")),
                Map.of("destination", Map.of("host", "reviews", "subset", "v2", "port", Map.of("number", 9080)),
                        "percentage", Map.of("value", 10.0))));
        assertThat(takenBack(vs, listed, RouteFixtures.SUBSETS)).isEqualTo(withList);
    }

    @Test
    public void aRouteThatAlreadyMirrorsSomewhereIsNotOverwritten() {
        assertThatThrownBy(() -> vs.plan(load(RouteFixtures.REVIEWS), RouteFixtures.SUBSETS, List.of(),
                RouteEdit.adding(new CanaryMirror(10)), false))
                .hasMessageContaining("already has mirror {host=reviews-shadow}")
                .hasMessageContaining("Rewrite it as a mirrors list");
    }

    @Test
    public void anHttpRouteMirrorIsARequestMirrorFilterWithPercentOrFraction() {
        Map<String, Object> original = load(RouteFixtures.HTTP_ROUTE);

        RoutePlanner.Planned ten = hr.plan(original, RouteFixtures.GATEWAY, List.of(),
                RouteEdit.adding(new CanaryMirror(10)), false);
        assertThat(routes(ten.object(), "rules").get(0).get("filters")).isEqualTo(List.of(Map.of("type",
                "RequestMirror", "requestMirror", Map.of("backendRef", Map.of("name", "web-canary", "port", 8080),
                        "percent", 10))));
        assertThat(takenBack(hr, ten, RouteFixtures.GATEWAY)).isEqualTo(original);

        RoutePlanner.Planned fraction = hr.plan(original, RouteFixtures.GATEWAY, List.of(),
                RouteEdit.adding(new CanaryMirror(2.5)), false);
        assertThat(routes(fraction.object(), "rules").get(0).get("filters")).asString()
                .contains("fraction={numerator=25, denominator=1000}");
        RoutePlanner.Planned all = hr.plan(original, RouteFixtures.GATEWAY, List.of(),
                RouteEdit.adding(new CanaryMirror(100)), false);
        assertThat(routes(all.object(), "rules").get(0).get("filters")).asString().doesNotContain("percent");
    }

    @Test
    public void stickySessionsSetACookiePerVersionAndRouteItBackAndAnAbRouteGoesFirst() {
        Map<String, Object> original = load(RouteFixtures.REVIEWS);
        RoutePlanner.Planned sticky = vs.plan(original, RouteFixtures.SUBSETS, List.of(),
                RouteEdit.adding(StickySessions.cookie("mesh-canary")), false);

        List<Map<String, Object>> entries = JsonTree.maps((List<?>) routes(sticky.object(), "http").get(3)
                .get("route"));
        assertThat(entries.get(0)).extracting("headers").asString().contains("set={x-version=stable}",
                "add={set-cookie=mesh-canary=");
        assertThat(entries.get(1).get("headers")).asString().matches(
                "\\{response=\\{add=\\{set-cookie=mesh-canary=[a-z0-9]{12}; Max-Age=86400; Path=/}}}");

        RoutePlanner.Planned both = vs.plan(sticky.object(), RouteFixtures.SUBSETS, sticky.settled(),
                RouteEdit.adding(AB), false);

        assertThat(routes(both.object(), "http")).extracting(r -> r.get("name")).containsExactly("beta-users",
                "mesh-pipeline-match-main", "mesh-pipeline-sticky-canary-main", "mesh-pipeline-sticky-stable-main",
                "main");
        Map<String, Object> stickyCanary = routes(both.object(), "http").get(2);
        assertThat(stickyCanary.get("match")).asString().contains("cookie={regex=^(.*?;\\s*)?mesh-canary=");
        assertThat(stickyCanary.get("route")).asString().contains("subset=v2");
        // The A/B route copies the managed route as it was, without the sticky cookie of its entries.
        assertThat(routes(both.object(), "http").get(1).get("route")).asString().doesNotContain("set-cookie");
        assertThat(takenBack(vs, both, RouteFixtures.SUBSETS)).isEqualTo(original);
    }

    @Test
    public void httpRouteStickySessionsUseBackendFiltersAndAppendedRules() {
        Map<String, Object> original = load(RouteFixtures.HTTP_ROUTE);

        RoutePlanner.Planned sticky = hr.plan(original, RouteFixtures.GATEWAY, List.of(),
                RouteEdit.adding(StickySessions.cookie("mesh-canary")), false);

        List<Map<String, Object>> rules = routes(sticky.object(), "rules");
        assertThat(rules).hasSize(4);
        assertThat(rules.get(0).get("backendRefs")).asString().contains("filters=[{type=ResponseHeaderModifier, "
                + "responseHeaderModifier={add=[{name=Set-Cookie, value=mesh-canary=");
        assertThat(rules.get(2).get("backendRefs")).isEqualTo(List.of(Map.of("name", "web-canary", "port", 8080)));
        assertThat(rules.get(3).get("backendRefs")).isEqualTo(List.of(Map.of("name", "web-stable", "port", 8080)));
        assertThat(takenBack(hr, sticky, RouteFixtures.GATEWAY)).isEqualTo(original);
    }

    @Test
    public void aSecondChangeOfTheSameKindIsRefusedAndTheSameOneChangesNothing() {
        Map<String, Object> original = load(RouteFixtures.HOST_BASED);
        RoutePlanner.Planned first = vs.plan(original, RouteFixtures.HOSTS, List.of(),
                RouteEdit.adding(new CanaryMirror(10)), false);

        RoutePlanner.Planned again = vs.plan(first.object(), RouteFixtures.HOSTS, first.settled(),
                RouteEdit.adding(new CanaryMirror(10)), false);

        assertThat(again.object()).isEqualTo(first.object());
        assertThat(again.added()).isEmpty();
        assertThatThrownBy(() -> vs.plan(first.object(), RouteFixtures.HOSTS, first.settled(),
                RouteEdit.adding(new CanaryMirror(20)), false))
                .hasMessageContaining("already has a mirror change (mirror 10% of requests to the canary)")
                .hasMessageContaining("take it away first");
    }

    @Test
    public void aChangeSomeoneElseTookAwayStopsTheNextWriteButNotTheRestore() {
        Map<String, Object> original = load(RouteFixtures.REVIEWS);
        RoutePlanner.Planned planned = vs.plan(original, RouteFixtures.SUBSETS, List.of(), RouteEdit.adding(AB),
                false);
        Map<String, Object> edited = JsonTree.copyMap(planned.object());
        JsonTree.maps((List<?>) JsonTree.asMap(edited.get("spec")).get("http")).get(1).put("timeout", "1s");

        assertThatThrownBy(() -> vs.plan(edited, RouteFixtures.SUBSETS, planned.settled(),
                RouteEdit.weights(e -> e), false))
                .isInstanceOfSatisfying(TrafficException.class, e -> assertThat(e.reason())
                        .isEqualTo(TrafficException.Reason.CONFLICT))
                .hasMessageContaining("someone else edited what Mesh Pipeline added");
        ((List<?>) JsonTree.asMap(edited.get("spec")).get("http")).remove(1);
        assertThatThrownBy(() -> vs.plan(edited, RouteFixtures.SUBSETS, planned.settled(),
                RouteEdit.weights(e -> e), false)).hasMessageContaining("someone else took away");
        assertThat(vs.plan(edited, RouteFixtures.SUBSETS, planned.settled(), RouteEdit.clearing(e -> e), true)
                .object()).isEqualTo(original);
    }

    private static Map<String, Object> takenBack(RoutePlanner planner, RoutePlanner.Planned planned,
            RouteTarget target) {
        return planner.plan(planned.object(), target, planned.settled(), RouteEdit.clearing(e -> e), true).object();
    }

    private static List<Map<String, Object>> routes(Map<String, Object> object, String key) {
        return JsonTree.maps((List<?>) JsonTree.asMap(object.get("spec")).get(key));
    }

    private static Map<String, Object> load(String yaml) {
        return JsonTree.copyMap(new Yaml().load(yaml));
    }
}
