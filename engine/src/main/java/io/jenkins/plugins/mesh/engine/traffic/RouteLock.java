package io.jenkins.plugins.mesh.engine.traffic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.mesh.engine.KubernetesName;
import io.jenkins.plugins.mesh.engine.kube.ApiCall;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes the {@code coordination.k8s.io/v1} Lease of a route. Every write is a create or a PUT with the
 * resourceVersion read, so two processes can never both believe they hold the lease.
 */
final class RouteLock {

    static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    static final String MANAGED_BY = "mesh-pipeline";
    static final String SNAPSHOT = "mesh.jenkins.io/snapshot";
    static final String APPLIED = "mesh.jenkins.io/applied";
    static final String INTENDED = "mesh.jenkins.io/intended";
    static final String CHANGES = "mesh.jenkins.io/changes";
    static final String RESTORE_PENDING = "mesh.jenkins.io/restore-pending";
    static final String BUILD = "mesh.jenkins.io/build";
    private static final String LEASES = " on leases.coordination.k8s.io";

    private final KubernetesClient client;
    private final ApiCall api;

    RouteLock(KubernetesClient client, ApiCall api) {
        this.client = client;
        this.api = api;
    }

    /** The Lease name for a route: {@code mesh-vs-<object>-<route>}, made a valid name when it is not one. */
    static LeaseRef refFor(RouteTarget target, SelectedRoute route) {
        String raw = "mesh-" + target.kind().shortName() + "-" + target.name() + "-" + route.key();
        String name = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        if (!name.equals(raw) || name.length() > 200 || !KubernetesName.isSubdomain(name)) {
            // Keep different routes apart when cleaning the name made them look alike.
            String cut = name.length() > 180 ? name.substring(0, 180) : name;
            name = cut.replaceAll("[^a-z0-9]+$", "") + "-" + hash(raw);
        }
        return new LeaseRef(target.namespace(), name);
    }

    /**
     * "held by HOLDER since TIME (Lease NS/NAME)" when {@code mesh apply} holds the object's Lease (see
     * {@link ObjectLeaseName}), whether that apply is running or died; empty when it holds none.
     */
    Optional<String> applyHolder(String namespace, String qualifiedKind, String objectName) {
        String name = ObjectLeaseName.of(qualifiedKind, objectName);
        Lease lease = api.run("read Lease " + namespace + "/" + name, "get" + LEASES,
                () -> client.leases().inNamespace(namespace).withName(name).get());
        if (lease == null) {
            return Optional.empty();
        }
        String holder = lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
        ZonedDateTime renewed = lease.getSpec() == null ? null : lease.getSpec().getRenewTime();
        return Optional.of("held by " + (holder == null ? "an unnamed holder" : holder)
                + (renewed == null ? "" : ", renewed " + renewed.toInstant()) + " (Lease " + namespace + "/" + name + ")");
    }

    Optional<RouteLease> find(LeaseRef ref) {
        Lease lease = api.run("read " + ref, "get" + LEASES,
                () -> client.leases().inNamespace(ref.namespace()).withName(ref.name()).get());
        return Optional.ofNullable(lease).map(RouteLock::toRouteLease);
    }

    /** Creates the lease; empty when another process created it first. */
    Optional<RouteLease> create(RouteLease lease) {
        try {
            Lease created = api.run("create " + lease.ref(), "create" + LEASES,
                    () -> client.leases().inNamespace(lease.ref().namespace()).resource(toLease(lease)).create());
            return Optional.of(toRouteLease(created));
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Writes {@code lease} over the version it was read at; empty when the Lease changed meanwhile. */
    Optional<RouteLease> replace(RouteLease lease) {
        try {
            Lease updated = api.run("update " + lease.ref(), "update" + LEASES,
                    () -> client.leases().inNamespace(lease.ref().namespace()).resource(toLease(lease)).update());
            return Optional.of(toRouteLease(updated));
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409 || e.getCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Deletes the lease. A 409 (the Lease changed, or a delete sent before an earlier attempt's answer was lost) is
     * checked by reading: a Lease already gone counts as deleted, so a promotion or restore that did release the
     * route is never reported as failed.
     */
    void delete(LeaseRef ref) {
        for (int attempt = 0; ; attempt++) {
            try {
                api.run("delete " + ref, "delete" + LEASES,
                        () -> client.leases().inNamespace(ref.namespace()).withName(ref.name()).delete());
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt >= 5) {
                    throw e;
                }
                if (find(ref).isEmpty()) {
                    return;
                }
            }
        }
    }

    /** Every route lease in {@code namespaceOrNull}, or in all namespaces. */
    List<RouteLease> list(String namespaceOrNull) {
        List<Lease> leases = api.run("list leases", "list" + LEASES, () -> (namespaceOrNull == null
                ? client.leases().inAnyNamespace().withLabel(MANAGED_BY_LABEL, MANAGED_BY).list()
                : client.leases().inNamespace(namespaceOrNull).withLabel(MANAGED_BY_LABEL, MANAGED_BY).list())
                .getItems());
        return leases.stream().filter(l -> annotations(l).containsKey(SNAPSHOT)).map(RouteLock::toRouteLease)
                .toList();
    }

    static Lease toLease(RouteLease lease) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(SNAPSHOT, lease.snapshot().toJson());
        if (lease.applied() != null) {
            annotations.put(APPLIED, JsonTree.write(lease.applied()));
        }
        if (lease.intended() != null) {
            annotations.put(INTENDED, JsonTree.write(lease.intended()));
        }
        if (!lease.changes().isEmpty()) {
            annotations.put(CHANGES, JsonTree.write(lease.changes()));
        }
        if (lease.restorePending() != null) {
            annotations.put(RESTORE_PENDING, lease.restorePending());
        }
        if (lease.build() != null) {
            annotations.put(BUILD, lease.build());
        }
        return new LeaseBuilder()
                .withMetadata(new ObjectMetaBuilder()
                        .withNamespace(lease.ref().namespace())
                        .withName(lease.ref().name())
                        .withResourceVersion(lease.resourceVersion())
                        .withLabels(Map.of(MANAGED_BY_LABEL, MANAGED_BY))
                        .withAnnotations(annotations)
                        .build())
                .withNewSpec()
                .withHolderIdentity(lease.holder())
                .withAcquireTime(time(lease.acquired()))
                .withRenewTime(time(lease.renewed()))
                .withLeaseDurationSeconds(Math.toIntExact(lease.duration().toSeconds()))
                .endSpec()
                .build();
    }

    static RouteLease toRouteLease(Lease lease) {
        Map<String, String> annotations = annotations(lease);
        String snapshotJson = annotations.get(SNAPSHOT);
        LeaseRef ref = new LeaseRef(lease.getMetadata().getNamespace(), lease.getMetadata().getName());
        if (snapshotJson == null) {
            throw new TrafficException(TrafficException.Reason.INVALID, ref + " holds no route snapshot: it was not "
                    + "written by Mesh Pipeline; delete it or choose another route");
        }
        var spec = lease.getSpec();
        Instant renewed = instant(spec.getRenewTime());
        Integer seconds = spec.getLeaseDurationSeconds();
        return new RouteLease(ref, spec.getHolderIdentity(), annotations.get(BUILD),
                instant(spec.getAcquireTime()), renewed, Duration.ofSeconds(seconds == null ? 0 : seconds),
                RouteSnapshot.fromJson(snapshotJson), entries(annotations.get(APPLIED)),
                entries(annotations.get(INTENDED)), changes(annotations.get(CHANGES)),
                annotations.get(RESTORE_PENDING), lease.getMetadata().getResourceVersion());
    }

    private static Map<String, String> annotations(Lease lease) {
        Map<String, String> annotations = lease.getMetadata().getAnnotations();
        return annotations == null ? Map.of() : annotations;
    }

    private static List<Map<String, Object>> entries(String json) {
        return json == null ? null : JsonTree.readList(json);
    }

    private static List<AppliedChange> changes(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return JsonTree.MAPPER.readValue(json, new TypeReference<List<AppliedChange>>() { });
        } catch (JsonProcessingException e) {
            throw new TrafficException(TrafficException.Reason.INVALID, "the route changes recorded in the Lease "
                    + "(annotation " + CHANGES + ") are not readable: " + e.getOriginalMessage() + ". Restore the "
                    + "route by hand and delete the Lease");
        }
    }

    private static ZonedDateTime time(Instant instant) {
        return instant == null ? null : instant.atZone(ZoneOffset.UTC);
    }

    private static Instant instant(ZonedDateTime time) {
        return time == null ? Instant.EPOCH : time.toInstant();
    }

    private static String hash(String text) {
        return ObjectLeaseName.hash(text);
    }
}
