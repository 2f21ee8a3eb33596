package io.jenkins.plugins.mesh.engine.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mesh.engine.config.MeshKind;
import io.jenkins.plugins.mesh.engine.config.MeshResource;
import io.jenkins.plugins.mesh.engine.config.ResourceKey;
import io.jenkins.plugins.mesh.engine.config.SourceLocation;
import io.jenkins.plugins.mesh.engine.config.YamlConfigLoader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class ConfigPlannerTest {

    private static final String REVIEWS = """
            apiVersion: networking.istio.io/v1beta1
            kind: VirtualService
            metadata:
              name: reviews
              namespace: shop
            spec:
              hosts: [reviews]
              http:
              - name: primary
                timeout: %s
                route:
                - destination: {host: reviews, subset: v1}
                  weight: %d
                - destination: {host: reviews, subset: v2}
                  weight: %d
            """;

    private final ConfigPlanner planner = new ConfigPlanner();

    @Test
    public void anObjectOnlyInTheFilesIsCreatedWithItsFields() {
        ApplyPlan plan = planner.plan(files(reviews("5s", 100, 0)), List.of(), Map.of(), false);

        PlannedChange change = plan.changes().get(0);
        assertThat(change.action()).isEqualTo(PlanAction.CREATE);
        assertThat(change.file()).isEqualTo("reviews.yaml");
        assertThat(change.line()).isEqualTo(1);
        assertThat(change.diff()).extracting(FieldDiff::path).contains("spec.http[0].timeout",
                "metadata.labels.app.kubernetes.io/managed-by");
        assertThat(plan.summary()).containsEntry("create", 1).containsEntry("update", 0);
    }

    @Test
    public void aChangeInTheFilesIsAnUpdateWithAFieldDiff() {
        MeshResource live = applied(reviews("5s", 100, 0), "1");

        ApplyPlan plan = planner.plan(files(reviews("2s", 100, 0)), List.of(live), Map.of(), false);

        PlannedChange change = plan.changes().get(0);
        assertThat(change.action()).isEqualTo(PlanAction.UPDATE);
        assertThat(change.diff()).containsExactly(new FieldDiff("spec.http[0].timeout", "5s", "2s"));
        assertThat(change.reason()).isNull();
    }

    @Test
    public void theSameContentIsUnchangedWhateverTheApiVersionAndServerFields() {
        MeshResource live = applied(reviews("5s", 100, 0), "7");
        live.body().put("apiVersion", "networking.istio.io/v1");
        live.body().put("status", Map.of("observedGeneration", 3));
        ObjectContent.map(live.body().get("metadata")).put("uid", "abc");

        ApplyPlan plan = planner.plan(files(reviews("5s", 100, 0)), List.of(live), Map.of(), false);

        assertThat(plan.changes().get(0).action()).isEqualTo(PlanAction.UNCHANGED);
        assertThat(plan.changes().get(0).diff()).isEmpty();
        assertThat(plan.hasChanges()).isFalse();
    }

    @Test
    public void aHandEditInTheClusterIsDriftAndAnEditOnBothSidesIsAConflict() {
        MeshResource live = applied(reviews("5s", 100, 0), "1");
        editTimeout(live, "9s");

        PlannedChange drift = planner.plan(files(reviews("5s", 100, 0)), List.of(live), Map.of(), false)
                .changes().get(0);
        PlannedChange conflict = planner.plan(files(reviews("2s", 100, 0)), List.of(live), Map.of(), false)
                .changes().get(0);

        assertThat(drift.action()).isEqualTo(PlanAction.DRIFT);
        assertThat(drift.diff()).containsExactly(new FieldDiff("spec.http[0].timeout", "9s", "5s"));
        assertThat(drift.reason()).contains("changed in the cluster");
        assertThat(conflict.action()).isEqualTo(PlanAction.CONFLICT);
        assertThat(conflict.reason()).contains("changed in the files and in the cluster");
    }

    @Test
    public void anObjectNeverAppliedByMeshPipelineIsTakenOver() {
        MeshResource live = liveOf(files(reviews("5s", 100, 0)).get(0), "3");

        PlannedChange change = planner.plan(files(reviews("2s", 100, 0)), List.of(live), Map.of(), false)
                .changes().get(0);

        assertThat(change.action()).isEqualTo(PlanAction.UPDATE);
        assertThat(change.reason()).contains("take it over");
    }

    @Test
    public void pruneDeletesOnlyOwnedObjectsGoneFromTheFiles() {
        MeshResource owned = applied(reviews("5s", 100, 0), "1");
        MeshResource foreign = liveOf(new YamlConfigLoader("shop").read("other.yaml",
                REVIEWS.formatted("5s", 100, 0).replace("name: reviews", "name: other")).resources().get(0), "2");

        ApplyPlan without = planner.plan(List.of(), List.of(owned, foreign), Map.of(), false);
        ApplyPlan with = planner.plan(List.of(), List.of(owned, foreign), Map.of(), true);

        assertThat(without.changes()).isEmpty();
        assertThat(with.changes()).extracting(PlannedChange::name, PlannedChange::action)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("reviews", PlanAction.DELETE));
    }

    @Test
    public void weightsHeldByARolloutAreShownAsItsAndNeverPlanned() {
        MeshResource live = applied(reviews("5s", 90, 10), "1");
        Map<ResourceKey, String> held = Map.of(new ResourceKey("VirtualService", "shop", "reviews"),
                "build-42 (Lease shop/mesh-vs-reviews-primary)");

        PlannedChange onlyWeights = planner.plan(files(reviews("5s", 100, 0)), List.of(live), held, false)
                .changes().get(0);
        PlannedChange more = planner.plan(files(reviews("2s", 100, 0)), List.of(live), held, false).changes().get(0);

        assertThat(onlyWeights.action()).isEqualTo(PlanAction.UNCHANGED);
        assertThat(onlyWeights.diff()).extracting(FieldDiff::path, FieldDiff::planned).containsExactly(
                org.assertj.core.groups.Tuple.tuple("spec.http[0].route[0].weight", false),
                org.assertj.core.groups.Tuple.tuple("spec.http[0].route[1].weight", false));
        assertThat(onlyWeights.desired().toString()).contains("weight=90");
        assertThat(more.action()).isEqualTo(PlanAction.CONFLICT);
        assertThat(more.reason()).contains("a rollout holds its route (build-42");
        assertThat(more.plannedDiff()).containsExactly(new FieldDiff("spec.http[0].timeout", "5s", "2s"));
    }

    @Test
    public void planJsonHasTheDocumentedShapeAndTextReadsLikeATerraformPlan() {
        MeshResource live = applied(reviews("5s", 100, 0), "1");
        ApplyPlan plan = planner.plan(files(reviews("2s", 100, 0)), List.of(live), Map.of(), false);

        Map<String, Object> json = PlanJson.toMap(plan);
        String text = PlanText.render(plan);

        assertThat(json).containsOnlyKeys("changes", "summary");
        @SuppressWarnings("unchecked")
        Map<String, Object> change = ((List<Map<String, Object>>) json.get("changes")).get(0);
        assertThat(change).containsEntry("action", "update").containsEntry("kind", "VirtualService")
                .containsEntry("namespace", "shop").containsEntry("name", "reviews")
                .containsEntry("file", "reviews.yaml").containsEntry("line", 1)
                .containsEntry("diff", List.of(Map.of("path", "spec.http[0].timeout", "before", "5s",
                        "after", "2s")));
        assertThat(json.get("summary")).isEqualTo(Map.of("create", 0, "update", 1, "delete", 0, "unchanged", 0,
                "drift", 0, "conflict", 0));
        assertThat(text).contains("# VirtualService shop/reviews will be updated in place (reviews.yaml:1)",
                "~ spec.http[0].timeout: 5s -> 2s",
                "Plan: 0 to create, 1 to update, 0 to delete, 0 unchanged, 0 drifted, 0 in conflict.");
    }

    private static String reviews(String timeout, int v1, int v2) {
        return REVIEWS.formatted(timeout, v1, v2);
    }

    private static List<MeshResource> files(String yaml) {
        return new YamlConfigLoader("shop").read("reviews.yaml", yaml).resources();
    }

    /** The object as the cluster holds it after mesh apply wrote {@code yaml}. */
    private static MeshResource applied(String yaml, String resourceVersion) {
        MeshResource file = files(yaml).get(0);
        Map<String, Object> body = DesiredObject.of(file, null);
        ObjectContent.map(body.get("metadata")).put("resourceVersion", resourceVersion);
        return new MeshResource(MeshKind.VIRTUAL_SERVICE, "networking.istio.io/v1", "shop", "reviews",
                body, new SourceLocation(SourceLocation.CLUSTER, 0));
    }

    @SuppressWarnings("unchecked")
    private static MeshResource liveOf(MeshResource file, String resourceVersion) {
        Map<String, Object> body = (Map<String, Object>) ObjectContent.plain(file.body());
        Map<String, Object> metadata = new LinkedHashMap<>(ObjectContent.map(body.get("metadata")));
        metadata.put("resourceVersion", resourceVersion);
        body.put("metadata", metadata);
        return new MeshResource(file.kind(), file.apiVersion(), file.namespace(), file.name(), body,
                new SourceLocation(SourceLocation.CLUSTER, 0));
    }

    @SuppressWarnings("unchecked")
    private static void editTimeout(MeshResource live, String timeout) {
        Map<String, Object> spec = (Map<String, Object>) live.body().get("spec");
        Map<String, Object> http = ((List<Map<String, Object>>) spec.get("http")).get(0);
        http.put("timeout", timeout);
    }
}
