package io.jenkins.plugins.mesh.engine.traffic;

import static io.jenkins.plugins.mesh.engine.traffic.RouteFixtures.BUILD_42;
import static io.jenkins.plugins.mesh.engine.traffic.RouteFixtures.BUILD_43;
import static io.jenkins.plugins.mesh.engine.traffic.RouteFixtures.OPERATOR;
import static io.jenkins.plugins.mesh.engine.traffic.RouteFixtures.REVIEWS;
import static io.jenkins.plugins.mesh.engine.traffic.RouteFixtures.SUBSETS;
import static io.jenkins.plugins.mesh.engine.traffic.TrafficControllerTest.httpRoute;
import static io.jenkins.plugins.mesh.engine.traffic.TrafficControllerTest.setWeights;
import static io.jenkins.plugins.mesh.engine.traffic.TrafficControllerTest.weights;
import static io.jenkins.plugins.mesh.engine.traffic.TrafficControllerTest.withoutServerFields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;

/** Injected API faults in front of the real CRUD server: conflicts, 5xx, slow answers, 403, races. */
public class TrafficFaultsTest {

    @Rule
    public final MeshApiServer cluster = new MeshApiServer();

    private final String vsPath = "/virtualservices/reviews";

    @Test
    public void aConflictOnTheFirstPutIsReReadAndReApplied() {
        cluster.create(REVIEWS);
        TrafficController traffic = cluster.controller();
        traffic.begin(SUBSETS, BUILD_42, false);
        cluster.api.fail("PUT", vsPath, 1, 409);

        WeightChange change = traffic.setWeight(SUBSETS, BUILD_42, 20);

        assertThat(change.after()).extracting(WeightedDestination::weight).containsExactly(80, 20);
        assertThat(weights(reviews(), 1)).containsExactly(80, 20);
        assertThat(cluster.api.log().stream().filter(l -> l.startsWith("PUT") && l.contains(vsPath))).hasSize(2);
        assertThat(cluster.sleeps).isEmpty();
    }

    @Test
    public void serverErrorsAreRetriedWithBoundedJitteredBackoff() {
        cluster.create(REVIEWS);
        TrafficController traffic = cluster.controller();
        traffic.begin(SUBSETS, BUILD_42, false);
        cluster.api.fail("GET", vsPath, 2, 503);
        cluster.api.fail("PUT", vsPath, 1, 500);

        traffic.setWeight(SUBSETS, BUILD_42, 20);

        assertThat(weights(reviews(), 1)).containsExactly(80, 20);
        assertThat(cluster.sleeps).hasSize(3);
        // Attempt n waits between half and all of min(1 s, 100 ms * 2^(n-1)).
        assertThat(cluster.sleeps.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(cluster.sleeps.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    public void anApiServerThatKeepsFailingGivesUpAfterTheLastAttemptWithoutWriting() {
        cluster.create(REVIEWS);
        TrafficController traffic = cluster.controller();
        traffic.begin(SUBSETS, BUILD_42, false);
        cluster.api.fail("PUT", vsPath, 10, 500);

        assertThatThrownBy(() -> traffic.setWeight(SUBSETS, BUILD_42, 20))
                .isInstanceOfSatisfying(TrafficException.class, e -> assertThat(e.reason())
                        .isEqualTo(TrafficException.Reason.UNAVAILABLE))
                .hasMessageContaining("update VirtualService shop/reviews")
                .hasMessageContaining("after 4 attempts");
        assertThat(cluster.sleeps).hasSize(3).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(1)));
        assertThat(weights(reviews(), 1)).containsExactly(null, 0);
    }

    @Test
    public void aSlowApiTimesOutAndIsRetried() {
        cluster.create(REVIEWS);
        TrafficController traffic = cluster.controller();
        traffic.begin(SUBSETS, BUILD_42, false);
        cluster.api.delay("GET", vsPath, 1, Duration.ofSeconds(3));

        traffic.setWeight(SUBSETS, BUILD_42, 20);

        assertThat(cluster.sleeps).hasSize(1);
        assertThat(weights(reviews(), 1)).containsExactly(80, 20);
    }

    @Test
    public void aConflictWhileReleasingTheLeaseDoesNotFailAPromotionThatHappened() {
        cluster.create(REVIEWS);
        TrafficController traffic = cluster.controller();
        LeaseRef ref = traffic.begin(SUBSETS, BUILD_42, false).ref();
        traffic.setWeight(SUBSETS, BUILD_42, 20);
        cluster.api.fail("DELETE", "/leases/", 1, 409);

        traffic.promote(SUBSETS, BUILD_42);

        assertThat(weights(reviews(), 1)).containsExactly(0, 100);
        assertThat(traffic.lease(ref)).isEmpty();
    }

    @Test
    public void aConflictOnCreatingTheLeaseWithNoLeaseThereIsTriedAgain() {
        cluster.create(REVIEWS);
        TrafficController traffic = cluster.controller();
        cluster.api.fail("POST", "/leases", 1, 409);

        RouteLease lease = traffic.begin(SUBSETS, BUILD_42, false);

        assertThat(lease.holder()).isEqualTo(BUILD_42.identity());
        assertThat(traffic.lease(lease.ref())).isPresent();
    }

    @Test
    public void aConflictRenewingOnesOwnLeaseAtBeginIsReReadNotCalledLost() {
        cluster.create(REVIEWS);
        TrafficController traffic = cluster.controller();
        LeaseRef ref = traffic.begin(SUBSETS, BUILD_42, false).ref();
        cluster.api.fail("PUT", "/leases/", 1, 409);

        RouteLease again = traffic.begin(SUBSETS, BUILD_42, false);

        assertThat(again.ref()).isEqualTo(ref);
        assertThat(again.holder()).isEqualTo(BUILD_42.identity());
    }

    @Test
    public void forbiddenFailsAtOnceNamingTheRbacVerbs() {
        cluster.create(REVIEWS);
        cluster.api.fail("GET", vsPath, 1, 403);

        assertThatThrownBy(() -> cluster.controller().begin(SUBSETS, BUILD_42, false))
                .isInstanceOfSatisfying(TrafficException.class, e -> assertThat(e.reason())
                        .isEqualTo(TrafficException.Reason.FORBIDDEN))
                .hasMessageContaining("answered 403")
                .hasMessageContaining("get on virtualservices.networking.istio.io")
                .hasMessageContaining("docs/rbac.md")
                .hasMessageNotContaining("test-token");
        assertThat(cluster.sleeps).isEmpty();
    }

    @Test
    public void anEditOfAnotherRouteBetweenReadAndWriteSurvives() {
        cluster.create(REVIEWS);
        TrafficController traffic = cluster.controller();
        traffic.begin(SUBSETS, BUILD_42, false);
        String path = cluster.path(RouteKind.VIRTUAL_SERVICE, "shop", "reviews");
        // Right after the controller reads the object, someone else changes the other route: our PUT gets a 409.
        cluster.api.editAfter("GET", vsPath, path, vs -> { httpRoute(vs, 0).put("timeout", "7s"); return vs; });

        traffic.setWeight(SUBSETS, BUILD_42, 20);

        Map<String, Object> now = reviews();
        assertThat(httpRoute(now, 0)).containsEntry("timeout", "7s");
        assertThat(weights(now, 1)).containsExactly(80, 20);
    }

    @Test
    public void anEditOfTheManagedRouteBetweenReadAndWriteIsNotOverwritten() {
        cluster.create(REVIEWS);
        TrafficController traffic = cluster.controller();
        traffic.begin(SUBSETS, BUILD_42, false);
        traffic.setWeight(SUBSETS, BUILD_42, 10);
        String path = cluster.path(RouteKind.VIRTUAL_SERVICE, "shop", "reviews");
        cluster.api.editAfter("GET", vsPath, path, vs -> setWeights(vs, 1, 30, 70));

        assertThatThrownBy(() -> traffic.setWeight(SUBSETS, BUILD_42, 20))
                .isInstanceOfSatisfying(TrafficException.class, e -> assertThat(e.reason())
                        .isEqualTo(TrafficException.Reason.CONFLICT))
                .hasMessageContaining("Now [reviews:v1=30, reviews:v2=70], expected [reviews:v1=90, reviews:v2=10]");
        assertThat(weights(reviews(), 1)).containsExactly(30, 70);
    }

    @Test
    public void aStaleLeaseIsNotStolenSilently() {
        cluster.create(REVIEWS);
        cluster.controller().begin(SUBSETS, BUILD_42, false);
        cluster.clock.advance(Duration.ofMinutes(2));

        assertThatThrownBy(() -> cluster.controller().setWeight(SUBSETS, BUILD_43, 20))
                .isInstanceOfSatisfying(TrafficException.class, e -> assertThat(e.reason())
                        .isEqualTo(TrafficException.Reason.LOCKED));
        assertThatThrownBy(() -> cluster.controller().begin(SUBSETS, BUILD_43, false))
                .isInstanceOfSatisfying(TrafficException.class, e -> assertThat(e.reason())
                        .isEqualTo(TrafficException.Reason.STALE_LEASE));
    }

    @Test
    public void twoRolloutsRacingForOneLeaseGetOneWinnerAndOneClearRefusal() throws Exception {
        cluster.create(REVIEWS);
        for (int round = 0; round < 5; round++) {
            TrafficController a = cluster.controller();
            TrafficController b = cluster.controller();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<RouteLease>> results = new ArrayList<>();
                for (var pair : List.of(Map.entry(a, BUILD_42), Map.entry(b, BUILD_43))) {
                    Callable<RouteLease> begin = () -> {
                        start.await();
                        return pair.getKey().begin(SUBSETS, pair.getValue(), false);
                    };
                    results.add(pool.submit(begin));
                }
                start.countDown();
                List<RouteLease> won = new ArrayList<>();
                List<Throwable> lost = new ArrayList<>();
                for (Future<RouteLease> result : results) {
                    try {
                        won.add(result.get(10, TimeUnit.SECONDS));
                    } catch (java.util.concurrent.ExecutionException e) {
                        lost.add(e.getCause());
                    }
                }
                assertThat(won).hasSize(1);
                assertThat(lost).singleElement().isInstanceOfSatisfying(TrafficException.class, e -> {
                    assertThat(e.reason()).isEqualTo(TrafficException.Reason.LOCKED);
                    assertThat(e.getMessage()).contains(won.get(0).holder());
                });
                a.restore(won.get(0).ref(), OPERATOR);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    public void aRestoreThatCannotCompleteLeavesAMarkUntilARollbackSucceeds() {
        Map<String, Object> original = cluster.create(REVIEWS);
        TrafficController traffic = cluster.controller();
        LeaseRef ref = traffic.begin(SUBSETS, BUILD_42, false).ref();
        traffic.setWeight(SUBSETS, BUILD_42, 20);
        cluster.api.fail("PUT", vsPath, 4, 503);

        assertThatThrownBy(() -> traffic.restore(ref, BUILD_42))
                .isInstanceOfSatisfying(TrafficException.class, e -> assertThat(e.reason())
                        .isEqualTo(TrafficException.Reason.RESTORE_PENDING))
                .hasMessageContaining("mesh rollback --namespace shop --virtual-service reviews --route main");
        assertThat(traffic.lease(ref).orElseThrow().restorePending()).contains("after 4 attempts");
        assertThatThrownBy(() -> traffic.setWeight(SUBSETS, BUILD_42, 30))
                .isInstanceOfSatisfying(TrafficException.class, e -> assertThat(e.reason())
                        .isEqualTo(TrafficException.Reason.RESTORE_PENDING));

        traffic.restore(ref, OPERATOR);

        assertThat(withoutServerFields(reviews())).isEqualTo(withoutServerFields(original));
        assertThat(traffic.lease(ref)).isEmpty();
        assertThat(traffic.status("shop")).isEmpty();
    }

    @Test
    public void aRouteWriteWhoseLeaseUpdateWasLostIsStillRecognisedAsOurs() {
        Map<String, Object> original = cluster.create(REVIEWS);
        TrafficController traffic = cluster.controller();
        LeaseRef ref = traffic.begin(SUBSETS, BUILD_42, false).ref();
        // The intent mark and the route write succeed, then the Lease update that records the write keeps failing,
        // as if the process had died between the two.
        cluster.api.failAfter("PUT", "/leases/", 1, 4, 503);

        assertThatThrownBy(() -> traffic.setWeight(SUBSETS, BUILD_42, 20))
                .isInstanceOfSatisfying(TrafficException.class, e -> assertThat(e.reason())
                        .isEqualTo(TrafficException.Reason.UNAVAILABLE));
        assertThat(weights(reviews(), 1)).containsExactly(80, 20);
        assertThat(traffic.lease(ref).orElseThrow().intended()).isNotNull();

        // The next step and the restore accept the route as ours: the intent mark says we wrote it.
        traffic.setWeight(SUBSETS, BUILD_42, 40);
        assertThat(weights(reviews(), 1)).containsExactly(60, 40);
        cluster.controller().restore(ref, OPERATOR);
        assertThat(withoutServerFields(reviews())).isEqualTo(withoutServerFields(original));
    }

    @Test
    public void aRestoreThatFailsAfterALostLeaseUpdateStillKnowsTheRouteIsOurs() {
        Map<String, Object> original = cluster.create(REVIEWS);
        TrafficController traffic = cluster.controller();
        LeaseRef ref = traffic.begin(SUBSETS, BUILD_42, false).ref();
        cluster.api.failAfter("PUT", "/leases/", 1, 4, 503);
        assertThatThrownBy(() -> traffic.setWeight(SUBSETS, BUILD_42, 20)).isInstanceOf(TrafficException.class);
        assertThat(weights(reviews(), 1)).containsExactly(80, 20);
        // The restore marks its own intent, then its route write fails: the 80/20 it found must stay known as ours.
        cluster.api.fail("PUT", vsPath, 4, 503);
        assertThatThrownBy(() -> traffic.restore(ref, BUILD_42))
                .isInstanceOfSatisfying(TrafficException.class, e -> assertThat(e.reason())
                        .isEqualTo(TrafficException.Reason.RESTORE_PENDING));

        cluster.controller().restore(ref, OPERATOR);

        assertThat(withoutServerFields(reviews())).isEqualTo(withoutServerFields(original));
        assertThat(traffic.lease(ref)).isEmpty();
    }

    private Map<String, Object> reviews() {
        return cluster.read(RouteKind.VIRTUAL_SERVICE, "shop", "reviews");
    }
}
