package io.jenkins.plugins.mesh.engine.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class RouteLeaseJsonTest {

    private final RouteSnapshot snapshot = new RouteSnapshot(RouteFixtures.SUBSETS, "networking.istio.io/v1",
            "uid-1", "42", "main", 1, List.of(Map.of("destination", Map.of("host", "reviews", "subset", "v1"),
                    "weight", 100), Map.of("destination", Map.of("host", "reviews", "subset", "v2"))),
            "2026-11-26T10:00:00Z", "alice@laptop");

    @Test
    public void theSnapshotRoundTripsThroughJson() {
        assertThat(RouteSnapshot.fromJson(snapshot.toJson())).isEqualTo(snapshot);
        assertThat(snapshot.toJson()).contains("\"kind\":\"VIRTUAL_SERVICE\"", "\"route\":\"main\"");
    }

    @Test
    public void theLeaseRoundTripsThroughTheKubernetesObject() {
        Instant now = Instant.parse("2026-11-26T10:00:00Z");
        RouteLease lease = new RouteLease(new LeaseRef("shop", "mesh-vs-reviews-main"), "alice@laptop", "job #1",
                now, now.plusSeconds(5), Duration.ofSeconds(60), snapshot, snapshot.destinations(), null, List.of(),
                "restore failed", null);

        RouteLease back = RouteLock.toRouteLease(RouteLock.toLease(lease));

        assertThat(back).isEqualTo(lease);
        assertThat(back.staleAt(now.plusSeconds(65))).isFalse();
        assertThat(back.staleAt(now.plusSeconds(66))).isTrue();
    }

    @Test
    public void theRouteChangesRoundTripThroughTheKubernetesObject() {
        Instant now = Instant.parse("2026-11-26T10:00:00Z");
        List<AppliedChange> changes = List.of(
                new AppliedChange(MatchRoute.parse(List.of("header:x-canary=true", "cookie:beta=1")),
                        List.of(AddedPart.route(Map.of("name", "mesh-pipeline-match-main"))),
                        AppliedChange.State.ADDED),
                new AppliedChange(new CanaryMirror(2.5), List.of(new AddedPart(AddedPart.Scope.ROUTE, List.of(),
                        "mirrorPercentage", Map.of("value", 2.5), 0)), AppliedChange.State.ADDING),
                new AppliedChange(StickySessions.cookie("mesh-canary"), List.of(new AddedPart(
                        AddedPart.Scope.CANARY_ENTRY, List.of("headers", "response", "add"), "set-cookie",
                        "mesh-canary=abc; Max-Age=86400; Path=/", 3)), AppliedChange.State.REMOVING));
        RouteLease lease = new RouteLease(new LeaseRef("shop", "mesh-vs-reviews-main"), "alice@laptop", null, now,
                now, Duration.ofSeconds(60), snapshot, snapshot.destinations(), null, changes, null, null);

        RouteLease back = RouteLock.toRouteLease(RouteLock.toLease(lease));

        assertThat(back).isEqualTo(lease);
        assertThat(RouteLock.toLease(lease).getMetadata().getAnnotations().get(RouteLock.CHANGES))
                .contains("\"type\":\"match\"", "\"conditions\":[\"header:x-canary=exact:true\",\"cookie:beta=exact:1\"]");
    }

    @Test
    public void leaseNamesAreValidAndKeepRoutesApart() {
        RouteTarget target = RouteFixtures.SUBSETS;
        assertThat(RouteLock.refFor(target, new SelectedRoute(1, "main")).name()).isEqualTo("mesh-vs-reviews-main");
        assertThat(RouteLock.refFor(target, new SelectedRoute(0, null)).name()).isEqualTo("mesh-vs-reviews-route-0");
        String odd = RouteLock.refFor(target, new SelectedRoute(0, "Main_Route")).name();
        String other = RouteLock.refFor(target, new SelectedRoute(0, "main-route")).name();
        assertThat(odd).matches("mesh-vs-reviews-main-route-[0-9a-f]{10}").isNotEqualTo(other);
        assertThat(RouteLock.refFor(target, new SelectedRoute(0, "x".repeat(300))).name()).hasSizeLessThan(200);
    }
}
