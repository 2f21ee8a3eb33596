package io.jenkins.plugins.mesh.engine.traffic;

import static io.jenkins.plugins.mesh.engine.traffic.RouteFixtures.BUILD_42;
import static io.jenkins.plugins.mesh.engine.traffic.RouteFixtures.GATEWAY;
import static io.jenkins.plugins.mesh.engine.traffic.RouteFixtures.HOSTS;
import static io.jenkins.plugins.mesh.engine.traffic.RouteFixtures.HOST_BASED;
import static io.jenkins.plugins.mesh.engine.traffic.RouteFixtures.HTTP_ROUTE;
import static io.jenkins.plugins.mesh.engine.traffic.RouteFixtures.OPERATOR;
import static io.jenkins.plugins.mesh.engine.traffic.RouteFixtures.REVIEWS;
import static io.jenkins.plugins.mesh.engine.traffic.RouteFixtures.SUBSETS;
import static io.jenkins.plugins.mesh.engine.traffic.TrafficControllerTest.withoutServerFields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Event;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;

/** A/B routes, mirrors and sticky sessions through the traffic controller, against a real HTTP API server. */
public class RouteChangesTest {

    private static final MatchRoute AB = MatchRoute.parse(List.of("header:x-canary=true"));

    @Rule
    public final MeshApiServer cluster = new MeshApiServer();

    @Test
    public void changesAndWeightsTogetherAreRestoredExactlyAndTheLeaseRecordsEachChange() {
        Map<String, Object> original = cluster.create(REVIEWS);
        TrafficController traffic = cluster.controller();
        RouteLease lease = traffic.begin(SUBSETS, BUILD_42, false);

        ChangeResult ab = traffic.addChange(SUBSETS, BUILD_42, AB);
        traffic.setWeight(SUBSETS, BUILD_42, 20);
        traffic.addChange(SUBSETS, BUILD_42, StickySessions.cookie("mesh-canary"));
        traffic.setWeight(SUBSETS, BUILD_42, 50);

        assertThat(ab.written()).isTrue();
        assertThat(ab.route()).isEqualTo("main");
        assertThat(http()).extracting(r -> r.get("name")).containsExactly("beta-users", "mesh-pipeline-match-main",
                "mesh-pipeline-sticky-canary-main", "mesh-pipeline-sticky-stable-main", "main");
        RouteLease held = traffic.lease(lease.ref()).orElseThrow();
        assertThat(held.changes()).extracting(c -> c.change().kind()).containsExactly("match", "sticky");
        assertThat(held.changes()).allSatisfy(c -> assertThat(c.state()).isEqualTo(AppliedChange.State.ADDED));
        assertThat(held.applied()).asString().contains("set-cookie=mesh-canary=");

        traffic.restore(lease.ref(), OPERATOR);

        assertThat(withoutServerFields(reviews())).isEqualTo(withoutServerFields(original));
        assertThat(traffic.lease(lease.ref())).isEmpty();
        List<Event> events = cluster.client.v1().events().inNamespace("shop").list().getItems();
        assertThat(events).extracting(Event::getMessage).anyMatch(m -> m.contains("added: send requests with "
                + "header:x-canary=exact:true to the canary"));
    }

    @Test
    public void aRemovedChangeTakesAwayExactlyItsPartsAndAPromotionTakesAwayTheRest() {
        Map<String, Object> original = cluster.create(HOST_BASED);
        TrafficController traffic = cluster.controller();
        traffic.begin(HOSTS, BUILD_42, false);
        traffic.addChange(HOSTS, BUILD_42, new CanaryMirror(10));
        traffic.addChange(HOSTS, BUILD_42, AB);

        ChangeResult removed = traffic.removeChange(HOSTS, BUILD_42, "mirror");

        assertThat(removed.change()).isEqualTo(new CanaryMirror(10));
        Map<String, Object> withAb = cluster.read(RouteKind.VIRTUAL_SERVICE, "shop", "ratings");
        List<Map<String, Object>> routes = JsonTree.maps((List<?>) JsonTree.asMap(withAb.get("spec")).get("http"));
        assertThat(routes).hasSize(2);
        assertThat(routes.get(1)).isEqualTo(JsonTree.maps((List<?>) JsonTree.asMap(original.get("spec")).get("http"))
                .get(0));
        assertThat(traffic.removeChange(HOSTS, BUILD_42, "mirror").written()).isFalse();

        traffic.promote(HOSTS, BUILD_42);

        Map<String, Object> promoted = cluster.read(RouteKind.VIRTUAL_SERVICE, "shop", "ratings");
        assertThat(JsonTree.maps((List<?>) JsonTree.asMap(promoted.get("spec")).get("http"))).singleElement()
                .satisfies(r -> assertThat(r.get("route")).asString().contains("weight=0", "weight=100"));
    }

    @Test
    public void anUnnamedRouteKeepsItsLeaseWhileAnAbRouteIsAheadOfIt() {
        Map<String, Object> original = cluster.create(HOST_BASED);
        TrafficController traffic = cluster.controller();
        RouteLease lease = traffic.begin(HOSTS, BUILD_42, false);
        traffic.addChange(HOSTS, BUILD_42, AB);

        WeightChange change = traffic.setWeight(HOSTS, BUILD_42, 30);

        assertThat(change.lease()).isEqualTo(lease.ref());
        assertThat(change.route()).isEqualTo("route-0");
        assertThat(traffic.leaseOf(HOSTS)).isEqualTo(lease.ref());
        traffic.restore(lease.ref(), BUILD_42);
        assertThat(withoutServerFields(cluster.read(RouteKind.VIRTUAL_SERVICE, "shop", "ratings")))
                .isEqualTo(withoutServerFields(original));
    }

    @Test
    public void httpRouteChangesAreRestoredExactly() {
        Map<String, Object> original = cluster.create(HTTP_ROUTE);
        TrafficController traffic = cluster.controller();
        RouteLease lease = traffic.begin(GATEWAY, BUILD_42, false);
        traffic.addChange(GATEWAY, BUILD_42, new CanaryMirror(5));
        traffic.addChange(GATEWAY, BUILD_42, AB);
        traffic.setWeight(GATEWAY, BUILD_42, 10);
        traffic.addChange(GATEWAY, BUILD_42, StickySessions.cookie("mesh-canary"));

        assertThat(JsonTree.asMap(cluster.read(RouteKind.HTTP_ROUTE, "shop", "web").get("spec")).get("rules"))
                .asList().hasSize(5);
        traffic.restore(lease.ref(), BUILD_42);

        assertThat(withoutServerFields(cluster.read(RouteKind.HTTP_ROUTE, "shop", "web")))
                .isEqualTo(withoutServerFields(original));
    }

    @Test
    public void aPreviewShowsTheAddedRouteAndWritesNothing() {
        cluster.create(REVIEWS);
        int before = cluster.api.log().size();

        RoutePreview preview = cluster.controller().previewChange(SUBSETS, AB);

        assertThat(preview.changes()).isTrue();
        assertThat(preview.diff()).contains("HTTP route 'main' of VirtualService shop/reviews: send requests with "
                + "header:x-canary=exact:true to the canary (dry run: nothing written)",
                "+ - name: mesh-pipeline-match-main", "+   - headers:", "+       x-canary:",
                "  - name: main");
        assertThat(cluster.api.log().subList(before, cluster.api.log().size())).allMatch(r -> r.startsWith("GET"));
    }

    @Test
    public void aRestorePreviewShowsTheRoutesItTakesAway() {
        cluster.create(REVIEWS);
        TrafficController traffic = cluster.controller();
        RouteLease lease = traffic.begin(SUBSETS, BUILD_42, false);
        traffic.addChange(SUBSETS, BUILD_42, AB);

        RoutePreview preview = traffic.previewRestore(lease.ref());

        assertThat(preview.diff()).contains("- - name: mesh-pipeline-match-main", "  - name: main");
    }

    @Test
    public void aChangeSomeoneEditedStopsTheRestoreWithAPendingMark() {
        cluster.create(REVIEWS);
        TrafficController traffic = cluster.controller();
        RouteLease lease = traffic.begin(SUBSETS, BUILD_42, false);
        traffic.addChange(SUBSETS, BUILD_42, AB);
        cluster.api.edit(cluster.path(RouteKind.VIRTUAL_SERVICE, "shop", "reviews"), object -> {
            JsonTree.maps((List<?>) JsonTree.asMap(object.get("spec")).get("http")).get(1).put("timeout", "1s");
            return object;
        });

        assertThatThrownBy(() -> traffic.setWeight(SUBSETS, BUILD_42, 10))
                .isInstanceOfSatisfying(TrafficException.class, e -> assertThat(e.reason())
                        .isEqualTo(TrafficException.Reason.CONFLICT))
                .hasMessageContaining("someone else edited what Mesh Pipeline added");
        assertThatThrownBy(() -> traffic.restore(lease.ref(), BUILD_42))
                .isInstanceOfSatisfying(TrafficException.class, e -> assertThat(e.reason())
                        .isEqualTo(TrafficException.Reason.RESTORE_PENDING));
        assertThat(traffic.lease(lease.ref()).orElseThrow().restorePending()).contains("someone else edited");
    }

    @Test
    public void aMirrorWhosePercentTheServerDropsIsUndoneAndRefused() {
        Map<String, Object> original = cluster.create(HTTP_ROUTE);
        TrafficController traffic = cluster.controller();
        RouteLease lease = traffic.begin(GATEWAY, BUILD_42, false);
        cluster.api.rewriteBody("PUT", "/httproutes/web", object -> {
            for (Map<String, Object> rule : JsonTree.maps((List<?>) JsonTree.asMap(object.get("spec")).get("rules"))) {
                if (rule.get("filters") instanceof List<?> filters) {
                    JsonTree.maps(filters).forEach(f -> JsonTree.asMap(f.get("requestMirror")).remove("percent"));
                }
            }
            return object;
        });

        assertThatThrownBy(() -> traffic.addChange(GATEWAY, BUILD_42, new CanaryMirror(10)))
                .isInstanceOfSatisfying(TrafficException.class, e -> assertThat(e.reason())
                        .isEqualTo(TrafficException.Reason.INVALID))
                .hasMessageContaining("did not keep [filters[]]")
                .hasMessageContaining("the write was undone");

        assertThat(withoutServerFields(cluster.read(RouteKind.HTTP_ROUTE, "shop", "web")))
                .isEqualTo(withoutServerFields(original));
        assertThat(traffic.lease(lease.ref()).orElseThrow().changes()).isEmpty();
    }

    @Test
    public void addingTheSameChangeAgainWritesNothing() {
        cluster.create(REVIEWS);
        TrafficController traffic = cluster.controller();
        traffic.begin(SUBSETS, BUILD_42, false);
        traffic.addChange(SUBSETS, BUILD_42, AB);

        ChangeResult again = cluster.controller().addChange(SUBSETS, BUILD_42, AB);

        assertThat(again.written()).isFalse();
        assertThatThrownBy(() -> traffic.addChange(SUBSETS, RouteFixtures.BUILD_43, AB))
                .hasMessageContaining("held by https://jenkins.example/job/shop/42/");
    }

    private Map<String, Object> reviews() {
        return cluster.read(RouteKind.VIRTUAL_SERVICE, "shop", "reviews");
    }

    private List<Map<String, Object>> http() {
        return JsonTree.maps((List<?>) JsonTree.asMap(reviews().get("spec")).get("http"));
    }
}
