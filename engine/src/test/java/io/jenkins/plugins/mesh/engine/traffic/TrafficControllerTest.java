package io.jenkins.plugins.mesh.engine.traffic;

import static io.jenkins.plugins.mesh.engine.traffic.RouteFixtures.BUILD_42;
import static io.jenkins.plugins.mesh.engine.traffic.RouteFixtures.BUILD_43;
import static io.jenkins.plugins.mesh.engine.traffic.RouteFixtures.GATEWAY;
import static io.jenkins.plugins.mesh.engine.traffic.RouteFixtures.HOSTS;
import static io.jenkins.plugins.mesh.engine.traffic.RouteFixtures.HOST_BASED;
import static io.jenkins.plugins.mesh.engine.traffic.RouteFixtures.HTTP_ROUTE;
import static io.jenkins.plugins.mesh.engine.traffic.RouteFixtures.OPERATOR;
import static io.jenkins.plugins.mesh.engine.traffic.RouteFixtures.REVIEWS;
import static io.jenkins.plugins.mesh.engine.traffic.RouteFixtures.SUBSETS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;

/** Every path of the traffic controller against a real HTTP API server (fabric8 mock, CRUD mode). */
public class TrafficControllerTest {

    @Rule
    public final MeshApiServer cluster = new MeshApiServer();

    @Test
    public void setsWeightsOnTheSelectedRouteOnlyAndRestoresExactly() {
        Map<String, Object> original = cluster.create(REVIEWS);
        TrafficController traffic = cluster.controller();

        RouteLease lease = traffic.begin(SUBSETS, BUILD_42, false);
        WeightChange change = traffic.setWeight(SUBSETS, BUILD_42, 20);

        assertThat(change.route()).isEqualTo("main");
        assertThat(change.written()).isTrue();
        assertThat(change.before()).hasToString("[reviews:v1=0, reviews:v2=0]");
        assertThat(change.after()).hasToString("[reviews:v1=80, reviews:v2=20]");
        Map<String, Object> now = reviews();
        List<Map<String, Object>> entries = JsonTree.maps((List<?>) httpRoute(now, 1).get("route"));
        assertThat(entries).extracting(e -> e.get("weight")).containsExactly(80, 20);
        // Everything but the two weights is as it was: the other route, this route's other fields, each entry's keys.
        Map<String, Object> expected = JsonTree.copyMap(original);
        List<Map<String, Object>> expectedEntries = JsonTree.maps((List<?>) httpRoute(expected, 1).get("route"));
        expectedEntries.get(0).put("weight", 80);
        expectedEntries.get(1).put("weight", 20);
        assertThat(withoutServerFields(now)).isEqualTo(withoutServerFields(expected));

        WeightChange restored = traffic.restore(lease.ref(), BUILD_42);

        assertThat(restored.after()).hasToString("[reviews:v1=0, reviews:v2=0]");
        assertThat(withoutServerFields(reviews())).isEqualTo(withoutServerFields(original));
        assertThat(traffic.lease(lease.ref())).isEmpty();
    }

    @Test
    public void everyWriteLeavesAnEventNamingWhoAndTheWeights() {
        cluster.create(REVIEWS);
        TrafficController traffic = cluster.controller();
        RouteLease lease = traffic.begin(SUBSETS, BUILD_42, false);
        traffic.setWeight(SUBSETS, BUILD_42, 20);
        traffic.restore(lease.ref(), OPERATOR);

        List<Event> events = cluster.client.v1().events().inNamespace("shop").list().getItems();
        assertThat(events).extracting(Event::getReason).containsExactlyInAnyOrder("MeshWeightsChanged",
                "MeshRouteRestored");
        Event set = events.stream().filter(e -> e.getReason().equals("MeshWeightsChanged")).findFirst().orElseThrow();
        assertThat(set.getInvolvedObject().getKind()).isEqualTo("VirtualService");
        assertThat(set.getInvolvedObject().getName()).isEqualTo("reviews");
        assertThat(set.getMessage()).contains(BUILD_42.identity(), "shop #42", "'main'",
                "[reviews:v1=0, reviews:v2=0] -> [reviews:v1=80, reviews:v2=20]");
        Event restore = events.stream().filter(e -> e.getReason().equals("MeshRouteRestored")).findFirst()
                .orElseThrow();
        assertThat(restore.getMessage()).contains("alice@laptop");
    }

    @Test
    public void hostBasedCanaryMatchesShortNamesToFullyQualifiedHosts() {
        Map<String, Object> original = cluster.create(HOST_BASED);
        TrafficController traffic = cluster.controller();
        RouteLease lease = traffic.begin(HOSTS, BUILD_42, false);

        WeightChange change = traffic.setWeight(HOSTS, BUILD_42, 35);

        assertThat(change.route()).isEqualTo("route-0");
        assertThat(change.after()).extracting(WeightedDestination::weight).containsExactly(65, 35);
        traffic.restore(lease.ref(), BUILD_42);
        assertThat(withoutServerFields(cluster.read(RouteKind.VIRTUAL_SERVICE, "shop", "ratings")))
                .isEqualTo(withoutServerFields(original));
    }

    @Test
    public void gatewayApiHttpRouteWeightsAreSetAndRestored() {
        Map<String, Object> original = cluster.create(HTTP_ROUTE);
        TrafficController traffic = cluster.controller();
        RouteLease lease = traffic.begin(GATEWAY, BUILD_42, false);

        WeightChange change = traffic.setWeight(GATEWAY, BUILD_42, 10);

        assertThat(change.route()).isEqualTo("api");
        assertThat(change.after()).hasToString("[web-stable=90, web-canary=10]");
        assertThat(lease.ref().name()).isEqualTo("mesh-hr-web-api");
        traffic.restore(lease.ref(), BUILD_42);
        assertThat(withoutServerFields(cluster.read(RouteKind.HTTP_ROUTE, "shop", "web")))
                .isEqualTo(withoutServerFields(original));
    }

    @Test
    public void previewShowsTheDiffAndWritesNothing() {
        cluster.create(REVIEWS);
        int before = writes();

        RoutePreview preview = cluster.controller().preview(SUBSETS, 20);

        assertThat(preview.changes()).isTrue();
        assertThat(preview.after()).hasToString("[reviews:v1=80, reviews:v2=20]");
        assertThat(preview.diff()).contains("dry run", "-   weight: 0", "+   weight: 20", "+   weight: 80",
                "  name: main");
        assertThat(writes()).isEqualTo(before);
    }

    @Test
    public void aMissingRouteIsRefusedBeforeAnyWriteNamingWhatWasFound() {
        cluster.create(REVIEWS);
        int before = writes();
        RouteTarget wrong = RouteTarget.virtualService("shop", "reviews", "primary", SUBSETS.stable(),
                SUBSETS.canary());

        assertThatThrownBy(() -> cluster.controller().begin(wrong, BUILD_42, false))
                .isInstanceOfSatisfying(TrafficException.class, e -> assertThat(e.reason())
                        .isEqualTo(TrafficException.Reason.INVALID))
                .hasMessageContaining("VirtualService shop/reviews has no HTTP route named 'primary'")
                .hasMessageContaining("beta-users -> [reviews:v3]")
                .hasMessageContaining("main -> [reviews:v1, reviews:v2]");
        assertThat(writes()).isEqualTo(before);
    }

    @Test
    public void aMissingObjectIsRefusedNamingIt() {
        assertThatThrownBy(() -> cluster.controller().begin(SUBSETS, BUILD_42, false))
                .hasMessageContaining("VirtualService shop/reviews was not found");
    }

    @Test
    public void aSecondRolloutFailsFastNamingTheHolder() {
        cluster.create(REVIEWS);
        cluster.controller().begin(SUBSETS, BUILD_42, false);

        assertThatThrownBy(() -> cluster.controller().begin(SUBSETS, BUILD_43, false))
                .isInstanceOfSatisfying(TrafficException.class, e -> assertThat(e.reason())
                        .isEqualTo(TrafficException.Reason.LOCKED))
                .hasMessageContaining("locked by https://jenkins.example/job/shop/42/ (shop #42)");
        assertThatThrownBy(() -> cluster.controller().setWeight(SUBSETS, BUILD_43, 50))
                .hasMessageContaining("held by https://jenkins.example/job/shop/42/");
    }

    @Test
    public void theSameHolderResumesWithTheFirstSnapshot() {
        cluster.create(REVIEWS);
        TrafficController first = cluster.controller();
        RouteLease lease = first.begin(SUBSETS, BUILD_42, false);
        first.setWeight(SUBSETS, BUILD_42, 30);
        cluster.clock.advance(Duration.ofSeconds(20));

        // A restarted controller (new process, new client) resumes the same rollout.
        RouteLease resumed = cluster.controller().begin(SUBSETS, BUILD_42, false);

        assertThat(resumed.ref()).isEqualTo(lease.ref());
        assertThat(resumed.snapshot()).isEqualTo(lease.snapshot());
        assertThat(resumed.renewed()).isEqualTo(MeshApiServer.START.plusSeconds(20));
    }

    @Test
    public void aStaleLeaseIsRefusedWithRollbackAdviceUnlessTakenOver() {
        Map<String, Object> original = cluster.create(REVIEWS);
        TrafficController crashed = cluster.controller();
        RouteLease lease = crashed.begin(SUBSETS, BUILD_42, false);
        crashed.setWeight(SUBSETS, BUILD_42, 40);
        cluster.clock.advance(Duration.ofSeconds(61));

        TrafficController next = cluster.controller();
        assertThatThrownBy(() -> next.begin(SUBSETS, BUILD_43, false))
                .isInstanceOfSatisfying(TrafficException.class, e -> assertThat(e.reason())
                        .isEqualTo(TrafficException.Reason.STALE_LEASE))
                .hasMessageContaining("stopped renewing")
                .hasMessageContaining("mesh rollback --namespace shop --virtual-service reviews --route main");

        RouteLease taken = next.begin(SUBSETS, BUILD_43, true);
        assertThat(taken.holder()).isEqualTo(BUILD_43.identity());
        assertThat(taken.snapshot()).isEqualTo(lease.snapshot());
        next.setWeight(SUBSETS, BUILD_43, 60);
        assertThatThrownBy(() -> crashed.setWeight(SUBSETS, BUILD_42, 50))
                .isInstanceOfSatisfying(TrafficException.class, e -> assertThat(e.reason())
                        .isEqualTo(TrafficException.Reason.LOCKED));
        // The taken-over snapshot is the state before the first rollout, so the restore goes all the way back.
        next.restore(taken.ref(), BUILD_43);
        assertThat(withoutServerFields(reviews())).isEqualTo(withoutServerFields(original));
    }

    @Test
    public void rollbackFromAnotherProcessNeedsOnlyTheLease() {
        Map<String, Object> original = cluster.create(REVIEWS);
        TrafficController build = cluster.controller();
        LeaseRef ref = build.begin(SUBSETS, BUILD_42, false).ref();
        build.setWeight(SUBSETS, BUILD_42, 20);
        build.setWeight(SUBSETS, BUILD_42, 50);

        TrafficController operator = cluster.controller();
        RoutePreview preview = operator.previewRestore(ref);
        assertThat(preview.after()).hasToString("[reviews:v1=0, reviews:v2=0]");
        operator.restore(ref, OPERATOR);

        assertThat(withoutServerFields(reviews())).isEqualTo(withoutServerFields(original));
        assertThatThrownBy(() -> operator.restore(ref, OPERATOR))
                .isInstanceOfSatisfying(TrafficException.class, e -> assertThat(e.reason())
                        .isEqualTo(TrafficException.Reason.NO_LEASE));
    }

    @Test
    public void someoneElsesEditOfTheManagedRouteStopsTheRolloutAndTheRestore() {
        cluster.create(REVIEWS);
        TrafficController traffic = cluster.controller();
        LeaseRef ref = traffic.begin(SUBSETS, BUILD_42, false).ref();
        traffic.setWeight(SUBSETS, BUILD_42, 20);
        cluster.api.edit(cluster.path(RouteKind.VIRTUAL_SERVICE, "shop", "reviews"), vs -> setWeights(vs, 1, 50, 50));

        assertThatThrownBy(() -> traffic.setWeight(SUBSETS, BUILD_42, 40))
                .isInstanceOfSatisfying(TrafficException.class, e -> assertThat(e.reason())
                        .isEqualTo(TrafficException.Reason.CONFLICT))
                .hasMessageContaining("someone else changed the weights of HTTP route 'main'")
                .hasMessageContaining("-   weight: 80").hasMessageContaining("+   weight: 50");
        assertThat(weights(reviews(), 1)).containsExactly(50, 50);

        assertThatThrownBy(() -> traffic.restore(ref, BUILD_42))
                .isInstanceOfSatisfying(TrafficException.class, e -> assertThat(e.reason())
                        .isEqualTo(TrafficException.Reason.RESTORE_PENDING))
                .hasMessageContaining("did not complete").hasMessageContaining("mesh rollback");
        assertThat(weights(reviews(), 1)).containsExactly(50, 50);
        assertThat(traffic.lease(ref).orElseThrow().restorePending()).contains("someone else changed");
        assertThatThrownBy(() -> cluster.controller().begin(SUBSETS, BUILD_43, true))
                .isInstanceOfSatisfying(TrafficException.class, e -> assertThat(e.reason())
                        .isEqualTo(TrafficException.Reason.RESTORE_PENDING))
                .hasMessageContaining("a restore is pending");
        List<RouteStatus> status = traffic.status("shop");
        assertThat(status).singleElement().satisfies(s -> {
            assertThat(s.restorePending()).contains("someone else changed");
            assertThat(s.weights()).extracting(WeightedDestination::weight).containsExactly(50, 50);
        });
    }

    @Test
    public void theLeaseOnAnObjectIsFoundByItsNameAndRouteAlone() {
        Map<String, Object> original = cluster.create(REVIEWS);
        TrafficController traffic = cluster.controller();
        assertThat(traffic.leaseOn(RouteKind.VIRTUAL_SERVICE, "shop", "reviews", null)).isEmpty();
        LeaseRef ref = traffic.begin(SUBSETS, BUILD_42, false).ref();
        traffic.setWeight(SUBSETS, BUILD_42, 20);

        assertThat(traffic.leaseOn(RouteKind.VIRTUAL_SERVICE, "shop", "reviews", null)).get()
                .satisfies(s -> {
                    assertThat(s.lease()).isEqualTo(ref);
                    assertThat(s.route()).isEqualTo("main");
                    assertThat(s.holder()).isEqualTo(BUILD_42.identity());
                });
        assertThat(traffic.leaseOn(RouteKind.VIRTUAL_SERVICE, "shop", "reviews", "main")).isPresent();
        assertThat(traffic.leaseOn(RouteKind.VIRTUAL_SERVICE, "shop", "reviews", "beta-users")).isEmpty();
        assertThat(traffic.leaseOn(RouteKind.HTTP_ROUTE, "shop", "reviews", null)).isEmpty();
        assertThat(traffic.leaseOn(RouteKind.VIRTUAL_SERVICE, "shop", "ratings", null)).isEmpty();

        traffic.restore(traffic.leaseOn(RouteKind.VIRTUAL_SERVICE, "shop", "reviews", null).orElseThrow().lease(),
                OPERATOR);
        assertThat(traffic.leaseOn(RouteKind.VIRTUAL_SERVICE, "shop", "reviews", null)).isEmpty();
        assertThat(withoutServerFields(reviews())).isEqualTo(withoutServerFields(original));
    }

    @Test
    public void someoneElsesEditOfAnotherRouteSurvivesTheRolloutAndTheRestore() {
        cluster.create(REVIEWS);
        TrafficController traffic = cluster.controller();
        LeaseRef ref = traffic.begin(SUBSETS, BUILD_42, false).ref();
        traffic.setWeight(SUBSETS, BUILD_42, 20);
        cluster.api.edit(cluster.path(RouteKind.VIRTUAL_SERVICE, "shop", "reviews"),
                vs -> { httpRoute(vs, 0).put("timeout", "3s"); return vs; });

        traffic.setWeight(SUBSETS, BUILD_42, 40);
        traffic.restore(ref, BUILD_42);

        assertThat(httpRoute(reviews(), 0)).containsEntry("timeout", "3s");
        assertThat(weights(reviews(), 1)).containsExactly(null, 0);
    }

    @Test
    public void promotionSendsAllTrafficToTheCanaryAndReleasesTheLease() {
        cluster.create(REVIEWS);
        TrafficController traffic = cluster.controller();
        LeaseRef ref = traffic.begin(SUBSETS, BUILD_42, false).ref();
        traffic.setWeight(SUBSETS, BUILD_42, 50);

        WeightChange change = traffic.promote(SUBSETS, BUILD_42);

        assertThat(change.after()).hasToString("[reviews:v1=0, reviews:v2=100]");
        assertThat(weights(reviews(), 1)).containsExactly(0, 100);
        assertThat(traffic.lease(ref)).isEmpty();
    }

    @Test
    public void statusListsHoldersWeightsAndStaleness() {
        cluster.create(REVIEWS);
        cluster.create(HTTP_ROUTE);
        TrafficController traffic = cluster.controller();
        traffic.begin(SUBSETS, BUILD_42, false);
        traffic.setWeight(SUBSETS, BUILD_42, 20);
        traffic.begin(GATEWAY, OPERATOR, false);
        cluster.clock.advance(Duration.ofSeconds(30));
        traffic.renew(traffic.begin(GATEWAY, OPERATOR, false).ref(), OPERATOR);
        cluster.clock.advance(Duration.ofSeconds(40));

        List<RouteStatus> status = traffic.status(null);

        assertThat(status).hasSize(2);
        RouteStatus vs = status.stream().filter(s -> s.target().kind() == RouteKind.VIRTUAL_SERVICE).findFirst()
                .orElseThrow();
        assertThat(vs.holder()).isEqualTo(BUILD_42.identity());
        assertThat(vs.build()).isEqualTo("shop #42");
        assertThat(vs.stale()).isTrue();
        assertThat(vs.weights()).hasToString("[reviews:v1=80, reviews:v2=20]");
        RouteStatus hr = status.stream().filter(s -> s.target().kind() == RouteKind.HTTP_ROUTE).findFirst()
                .orElseThrow();
        assertThat(hr.stale()).isFalse();
        assertThat(hr.route()).isEqualTo("api");
        assertThat(traffic.status("elsewhere")).isEmpty();
    }

    @Test
    public void settingTheSameWeightAgainWritesNothing() {
        cluster.create(REVIEWS);
        TrafficController traffic = cluster.controller();
        traffic.begin(SUBSETS, BUILD_42, false);
        traffic.setWeight(SUBSETS, BUILD_42, 20);
        int before = routeWrites();

        WeightChange again = traffic.setWeight(SUBSETS, BUILD_42, 20);

        assertThat(again.written()).isFalse();
        assertThat(routeWrites()).isEqualTo(before);
    }

    @Test
    public void shortNamesResolveToTheDestinationsOfTheRoutes() {
        cluster.create(REVIEWS);
        cluster.create(HOST_BASED);
        TrafficController traffic = cluster.controller();

        assertThat(traffic.resolve(RouteKind.VIRTUAL_SERVICE, "shop", "reviews", null, "v1", "v2")).isEqualTo(SUBSETS);
        assertThat(traffic.resolve(RouteKind.VIRTUAL_SERVICE, "shop", "ratings", null, "ratings-stable",
                "ratings-canary").canary()).isEqualTo(Destination.host("ratings-canary.shop.svc.cluster.local"));
        assertThat(traffic.resolve(RouteKind.VIRTUAL_SERVICE, "shop", "reviews", null, "reviews:v1", "reviews:v3")
                .canary()).isEqualTo(Destination.subset("reviews", "v3"));
        assertThatThrownBy(() -> traffic.resolve(RouteKind.VIRTUAL_SERVICE, "shop", "reviews", "main", "v1", "v3"))
                .hasMessageContaining("the canary 'v3' is no subset or host in the routes of VirtualService "
                        + "shop/reviews (route main); found [reviews:v1, reviews:v2]");
    }

    private Map<String, Object> reviews() {
        return cluster.read(RouteKind.VIRTUAL_SERVICE, "shop", "reviews");
    }

    private int writes() {
        return (int) cluster.api.log().stream().filter(l -> !l.startsWith("GET")).count();
    }

    private int routeWrites() {
        return (int) cluster.api.log().stream().filter(l -> l.startsWith("PUT") && l.contains("virtualservices"))
                .count();
    }

    static Map<String, Object> httpRoute(Map<String, Object> vs, int index) {
        return JsonTree.maps((List<?>) JsonTree.asMap(vs.get("spec")).get("http")).get(index);
    }

    static List<Object> weights(Map<String, Object> vs, int index) {
        return JsonTree.maps((List<?>) httpRoute(vs, index).get("route")).stream().map(e -> e.get("weight")).toList();
    }

    static Map<String, Object> setWeights(Map<String, Object> vs, int index, int stable, int canary) {
        List<Map<String, Object>> entries = JsonTree.maps((List<?>) httpRoute(vs, index).get("route"));
        entries.get(0).put("weight", stable);
        entries.get(1).put("weight", canary);
        return vs;
    }

    static Map<String, Object> withoutServerFields(Map<String, Object> object) {
        Map<String, Object> copy = JsonTree.copyMap(object);
        Map<String, Object> metadata = JsonTree.asMap(copy.get("metadata"));
        for (String field : List.of("resourceVersion", "generation", "managedFields")) {
            metadata.remove(field);
        }
        return copy;
    }
}
