package io.jenkins.plugins.mesh.engine.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.mesh.engine.config.MeshKind;
import io.jenkins.plugins.mesh.engine.kube.ApiCall;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code coordination.k8s.io/v1} Leases of applied objects, with the conventions of route Leases (label
 * {@code app.kubernetes.io/managed-by=mesh-pipeline}, holder identity, snapshot in an annotation), but their own
 * annotations, so a route Lease and an apply Lease are never taken for one another. Every write is a create or a PUT
 * with the resourceVersion read.
 */
public final class ApplyLeases {

    static final String OBJECT = "mesh.jenkins.io/apply-object";
    static final String SNAPSHOT = "mesh.jenkins.io/apply-snapshot";
    static final String INTENDED = "mesh.jenkins.io/apply-intended";
    static final String RESTORE_PENDING = "mesh.jenkins.io/restore-pending";
    static final String BUILD = "mesh.jenkins.io/build";
    private static final String LEASES = " on leases.coordination.k8s.io";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;
    private final ApiCall api;

    public ApplyLeases(KubernetesClient client, ApiCall api) {
        this.client = client;
        this.api = api;
    }

    /** The Lease, if it exists and is an apply Lease. */
    public Optional<ApplyLease> find(String namespace, String name) {
        Lease lease = api.run("read Lease " + namespace + "/" + name, "get" + LEASES,
                () -> client.leases().inNamespace(namespace).withName(name).get());
        return Optional.ofNullable(lease).filter(ApplyLeases::isApplyLease).map(ApplyLeases::toApplyLease);
    }

    /** Whether a Lease of that name exists at all (an apply Lease or not). */
    boolean exists(String namespace, String name) {
        return api.run("read Lease " + namespace + "/" + name, "get" + LEASES,
                () -> client.leases().inNamespace(namespace).withName(name).get()) != null;
    }

    /** Creates the Lease; empty when one of that name exists already. */
    public Optional<ApplyLease> create(ApplyLease lease, Duration duration) {
        try {
            Lease created = api.run("create Lease " + lease.namespace() + "/" + lease.name(), "create" + LEASES,
                    () -> client.leases().inNamespace(lease.namespace()).resource(toLease(lease, duration)).create());
            return Optional.of(toApplyLease(created));
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Writes {@code lease} over the version it was read at; empty when it changed or is gone. */
    public Optional<ApplyLease> replace(ApplyLease lease, Duration duration) {
        try {
            Lease updated = api.run("update Lease " + lease.namespace() + "/" + lease.name(), "update" + LEASES,
                    () -> client.leases().inNamespace(lease.namespace()).resource(toLease(lease, duration)).update());
            return Optional.of(toApplyLease(updated));
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409 || e.getCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Deletes the Lease; one already gone counts as deleted. A 409 (the Lease changed, or a delete repeated after its
     * answer was lost) is checked by reading, as route Leases are.
     */
    public void delete(String namespace, String name) {
        for (int attempt = 0; ; attempt++) {
            try {
                api.run("delete Lease " + namespace + "/" + name, "delete" + LEASES,
                        () -> client.leases().inNamespace(namespace).withName(name).delete());
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    return;
                }
                if (e.getCode() != 409 || attempt >= 5) {
                    throw e;
                }
                if (!exists(namespace, name)) {
                    return;
                }
            }
        }
    }

    /** Every apply Lease in {@code namespaceOrNull}, or in all namespaces. */
    public List<ApplyLease> list(String namespaceOrNull) {
        List<Lease> leases = api.run("list leases", "list" + LEASES, () -> (namespaceOrNull == null
                ? client.leases().inAnyNamespace().withLabel(ObjectContent.MANAGED_BY_LABEL, ObjectContent.MANAGED_BY)
                        .list()
                : client.leases().inNamespace(namespaceOrNull)
                        .withLabel(ObjectContent.MANAGED_BY_LABEL, ObjectContent.MANAGED_BY).list()).getItems());
        return leases.stream().filter(ApplyLeases::isApplyLease).map(ApplyLeases::toApplyLease).toList();
    }

    private static boolean isApplyLease(Lease lease) {
        Map<String, String> annotations = lease.getMetadata().getAnnotations();
        return annotations != null && annotations.containsKey(OBJECT);
    }

    static Lease toLease(ApplyLease lease, Duration duration) {
        Map<String, String> annotations = new LinkedHashMap<>();
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("action", lease.action().label());
        object.put("kind", lease.kind().name());
        object.put("name", lease.objectName());
        annotations.put(OBJECT, json(object));
        if (lease.snapshot() != null) {
            annotations.put(SNAPSHOT, json(lease.snapshot()));
        }
        if (lease.intendedHash() != null) {
            annotations.put(INTENDED, lease.intendedHash());
        }
        if (lease.restorePending() != null) {
            annotations.put(RESTORE_PENDING, lease.restorePending());
        }
        if (lease.build() != null) {
            annotations.put(BUILD, lease.build());
        }
        return new LeaseBuilder()
                .withMetadata(new ObjectMetaBuilder().withNamespace(lease.namespace()).withName(lease.name())
                        .withResourceVersion(lease.resourceVersion())
                        .withLabels(Map.of(ObjectContent.MANAGED_BY_LABEL, ObjectContent.MANAGED_BY))
                        .withAnnotations(annotations).build())
                .withNewSpec()
                .withHolderIdentity(lease.holder())
                .withAcquireTime(lease.renewed().atZone(ZoneOffset.UTC))
                .withRenewTime(lease.renewed().atZone(ZoneOffset.UTC))
                .withLeaseDurationSeconds(Math.toIntExact(Math.max(1, duration.toSeconds())))
                .endSpec()
                .build();
    }

    @SuppressWarnings("unchecked")
    static ApplyLease toApplyLease(Lease lease) {
        Map<String, String> annotations = lease.getMetadata().getAnnotations();
        String namespace = lease.getMetadata().getNamespace();
        String name = lease.getMetadata().getName();
        try {
            Map<String, Object> object = JSON.readValue(annotations.get(OBJECT), Map.class);
            String snapshot = annotations.get(SNAPSHOT);
            PlanAction action = PlanAction.valueOf(String.valueOf(object.get("action")).toUpperCase(
                    java.util.Locale.ROOT));
            var spec = lease.getSpec();
            Instant renewed = spec.getRenewTime() == null ? Instant.EPOCH : spec.getRenewTime().toInstant();
            return new ApplyLease(namespace, name, spec.getHolderIdentity(), annotations.get(BUILD), renewed, action,
                    MeshKind.valueOf(String.valueOf(object.get("kind"))), String.valueOf(object.get("name")),
                    annotations.get(INTENDED), snapshot == null ? null : JSON.readValue(snapshot, Map.class),
                    annotations.get(RESTORE_PENDING), lease.getMetadata().getResourceVersion());
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            throw new IllegalStateException("Lease " + namespace + "/" + name + " has unreadable apply annotations ("
                    + e.getMessage() + "); restore the object by hand and delete the Lease", e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a snapshot always serialises", e);
        }
    }
}
