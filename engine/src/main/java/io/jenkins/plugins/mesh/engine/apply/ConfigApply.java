package io.jenkins.plugins.mesh.engine.apply;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.mesh.engine.kube.ApiCall;
import io.jenkins.plugins.mesh.engine.traffic.AuditTrail;
import io.jenkins.plugins.mesh.engine.traffic.TrafficController;
import io.jenkins.plugins.mesh.engine.traffic.TrafficSettings;
import io.jenkins.plugins.mesh.engine.validate.Validator;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Config as code on one cluster, wired: what {@code mesh plan}, {@code mesh apply}, {@code mesh rollback --apply}
 * and the Jenkins steps build their planner, driver and rollback from.
 *
 * <pre>{@code
 * ConfigApply config = new ConfigApply(client, Clock.systemUTC(), TrafficSettings.defaults());
 * PlanResult result = config.planner(Validator.standard()).plan(files, prune);
 * ApplyDriver driver = config.driver(gate, state -> persist(new ApplyStateJson().write(state)), log::warn);
 * }</pre>
 */
public final class ConfigApply {

    private final KubernetesObjectStore store;
    private final ApplyLeases leases;
    private final RolloutLeases rollouts;
    private final AuditTrail audit;
    private final Clock clock;

    /** @param client a client the caller owns and closes */
    public ConfigApply(KubernetesClient client, Clock clock, TrafficSettings settings) {
        ApiCall api = new ApiCall(settings.backoff(), settings.sleeper(), settings.random());
        this.store = new KubernetesObjectStore(client, api);
        this.leases = new ApplyLeases(client, api);
        this.rollouts = new TrafficRolloutLeases(new TrafficController(client, clock, settings));
        this.audit = new AuditTrail(client, api, clock);
        this.clock = clock;
    }

    /** Plans files against this cluster with {@code validator}, the files validated with the cluster's objects. */
    public MeshPlanner planner(Validator validator) {
        return new MeshPlanner(store, rollouts, validator, true);
    }

    /**
     * Drives applies on this cluster.
     *
     * @param gate the health gate, or null for applies without checks
     * @param listener gets every new state (persist it there), or null
     * @param warnings gets what went wrong without failing the apply (an audit Event not recorded), or null
     */
    public ApplyDriver driver(HealthGate gate, Consumer<ApplyState> listener, Consumer<String> warnings) {
        return new ApplyDriver(new ClusterApply(store, leases, rollouts, audit, clock, warnings), gate, clock,
                listener);
    }

    /** Completes pending reverts from the Leases. */
    public ApplyRollback rollback() {
        return new ApplyRollback(store, leases);
    }
}
