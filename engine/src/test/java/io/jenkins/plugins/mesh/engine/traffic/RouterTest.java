package io.jenkins.plugins.mesh.engine.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.yaml.snakeyaml.Yaml;

/** Route selection and weight changes on raw objects, without a cluster. */
public class RouterTest {

    private final Router router = new VirtualServiceRouter();

    @Test
    public void selectsTheSingleRouteHoldingBothDestinations() {
        Map<String, Object> vs = new Yaml().load(RouteFixtures.REVIEWS);
        assertThat(router.select(vs, RouteFixtures.SUBSETS)).isEqualTo(new SelectedRoute(1, "main"));
    }

    @Test
    public void twoRoutesHoldingBothDestinationsAreAmbiguous() {
        Map<String, Object> vs = vs("""
                - route: [{destination: {host: r, subset: v1}}, {destination: {host: r, subset: v2}}]
                - name: second
                  route: [{destination: {host: r, subset: v1}}, {destination: {host: r, subset: v2}}]
                """);
        assertThatThrownBy(() -> router.select(vs, target(null)))
                .hasMessageContaining("has 2 HTTP routes with both r:v1 and r:v2: route-0, second")
                .hasMessageContaining("--route");
    }

    @Test
    public void noRouteWithBothDestinationsListsWhatWasFound() {
        Map<String, Object> vs = vs("""
                - route: [{destination: {host: r, subset: v1}}]
                """);
        assertThatThrownBy(() -> router.select(vs, target(null)))
                .hasMessageContaining("has no HTTP route with both the stable destination r:v1 and the canary "
                        + "destination r:v2; found route-0 -> [r:v1]");
    }

    @Test
    public void aNamedRouteMissingTheCanaryIsRefused() {
        Map<String, Object> vs = vs("""
                - name: main
                  route: [{destination: {host: r, subset: v1}}]
                """);
        assertThatThrownBy(() -> router.select(vs, target("main")))
                .hasMessageContaining("HTTP route 'main' does not send to r:v2; its destinations are [r:v1]");
    }

    @Test
    public void aRouteWithAThirdDestinationIsRefused() {
        Map<String, Object> vs = vs("""
                - route: [{destination: {host: r, subset: v1}}, {destination: {host: r, subset: v2}},
                          {destination: {host: r, subset: v3}}]
                """);
        assertThatThrownBy(() -> router.select(vs, target(null)))
                .hasMessageContaining("also sends to other destinations [r:v1, r:v2, r:v3]");
    }

    @Test
    public void aVirtualServiceWithoutHttpRoutesIsRefused() {
        Map<String, Object> vs = new Yaml().load("""
                metadata: {name: x, namespace: shop}
                spec: {hosts: [r], tcp: [{route: [{destination: {host: r}}]}]}
                """);
        assertThatThrownBy(() -> router.select(vs, target(null))).hasMessageContaining("has no spec.http list");
    }

    @Test
    public void weightsKeepEveryOtherKeyOfTheEntries() {
        Map<String, Object> vs = new Yaml().load(RouteFixtures.REVIEWS);
        SelectedRoute route = router.select(vs, RouteFixtures.SUBSETS);
        List<Map<String, Object>> entries = router.destinations(vs, route);

        List<Map<String, Object>> changed = router.withCanaryWeight(entries, RouteFixtures.SUBSETS, 25);

        assertThat(changed.get(0)).containsEntry("weight", 75).containsKey("headers");
        assertThat(changed.get(1)).containsEntry("weight", 25);
        assertThat(entries.get(0)).doesNotContainKey("weight");
        assertThat(router.weights(entries)).hasToString("[reviews:v1=0, reviews:v2=0]");
    }

    @Test
    public void httpRouteRulesAreSelectedByBackendName() {
        Map<String, Object> hr = new Yaml().load(RouteFixtures.HTTP_ROUTE);
        HttpRouteRouter httpRoutes = new HttpRouteRouter();
        SelectedRoute rule = httpRoutes.select(hr, RouteFixtures.GATEWAY);
        assertThat(rule).isEqualTo(new SelectedRoute(0, "api"));
        assertThat(httpRoutes.weights(List.of(Map.of("name", "a"), Map.of("name", "b")))).hasToString("[a=1, b=1]");
    }

    private static RouteTarget target(String route) {
        return RouteTarget.virtualService("shop", "r", route, Destination.subset("r", "v1"),
                Destination.subset("r", "v2"));
    }

    private static Map<String, Object> vs(String http) {
        return new Yaml().load("metadata: {name: r, namespace: shop}\nspec:\n  hosts: [r]\n  http:\n"
                + http.indent(2));
    }
}
