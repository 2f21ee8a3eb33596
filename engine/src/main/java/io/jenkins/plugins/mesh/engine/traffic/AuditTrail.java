package io.jenkins.plugins.mesh.engine.traffic;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.mesh.engine.kube.ApiCall;
import io.jenkins.plugins.mesh.engine.kube.ClusterException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records every route write as a core/v1 Event on the object (who, which build, old and new weights), so
 * {@code kubectl describe} and cluster audit tools show what the pipeline did. The route write has happened when this
 * runs, so a failed Event does not undo it: it comes back as a warning for the caller to show. Config applies
 * (engine.apply) record their changes the same way.
 */
public final class AuditTrail {

    static final String COMPONENT = "mesh-pipeline";
    private static final int MAX_MESSAGE = 1000;

    private final KubernetesClient client;
    private final ApiCall api;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();

    public AuditTrail(KubernetesClient client, ApiCall api, Clock clock) {
        this.client = client;
        this.api = api;
        this.clock = clock;
    }

    /** Creates the Event; returns a warning when it could not be created. */
    public Optional<String> record(Map<String, Object> object, String reason, String message) {
        Map<String, Object> metadata = JsonTree.asMap(object.get("metadata"));
        String namespace = (String) metadata.get("namespace");
        String name = (String) metadata.get("name");
        Instant now = clock.instant();
        String text = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE - 3) + "..." : message;
        Event event = new EventBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name + "." + Long.toHexString(now.toEpochMilli())
                        + Long.toHexString(sequence.incrementAndGet()))
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion((String) object.get("apiVersion"))
                .withKind((String) object.get("kind"))
                .withNamespace(namespace)
                .withName(name)
                .withUid((String) metadata.get("uid"))
                .withResourceVersion((String) metadata.get("resourceVersion"))
                .endInvolvedObject()
                .withReason(reason)
                .withMessage(text)
                .withType("Normal")
                .withCount(1)
                .withFirstTimestamp(now.toString())
                .withLastTimestamp(now.toString())
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT)
                .build();
        try {
            api.run("record an Event on " + object.get("kind") + " " + namespace + "/" + name, "create on events",
                    () -> client.v1().events().inNamespace(namespace).resource(event).create());
            return Optional.empty();
        } catch (ClusterException | KubernetesClientException e) {
            return Optional.of("the audit Event was not recorded: " + e.getMessage());
        }
    }
}
