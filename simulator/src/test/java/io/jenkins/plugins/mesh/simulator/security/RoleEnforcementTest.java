package io.jenkins.plugins.mesh.simulator.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.mesh.engine.config.ClusterConfigReader;
import io.jenkins.plugins.mesh.engine.config.ClusterReadException;
import io.jenkins.plugins.mesh.engine.kube.Backoff;
import io.jenkins.plugins.mesh.engine.kube.ClusterClientFactory;
import io.jenkins.plugins.mesh.engine.kube.ClusterConnection;
import io.jenkins.plugins.mesh.engine.traffic.Holder;
import io.jenkins.plugins.mesh.engine.traffic.RouteKind;
import io.jenkins.plugins.mesh.engine.traffic.RouteLease;
import io.jenkins.plugins.mesh.engine.traffic.RouteTarget;
import io.jenkins.plugins.mesh.engine.traffic.TrafficController;
import io.jenkins.plugins.mesh.engine.traffic.TrafficException;
import io.jenkins.plugins.mesh.engine.traffic.TrafficSettings;
import io.jenkins.plugins.mesh.engine.traffic.WeightChange;
import io.jenkins.plugins.mesh.simulator.FaultInjectingProxy;
import io.jenkins.plugins.mesh.simulator.SimulatedCluster;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import org.junit.Test;

/**
 * The Role in docs/rbac.md is enough and no more. The engine runs every cluster operation Mesh Pipeline has (a
 * rollout that restores, one that promotes, an HTTPRoute, `mesh status`, `mesh validate --cluster` and the subset
 * lookup of the Jenkins parameter) through a proxy that answers 403 to anything the Role does not grant, as the API
 * server would. With the whole Role everything works and every rule is used; with any one verb taken away, the
 * operation that needs it fails (or, for Events, warns) with a message naming exactly that verb and resource.
 */
public class RoleEnforcementTest {

    private static final String NAMESPACE = SimulatedCluster.NAMESPACE;
    private static final Holder HOLDER = Holder.localUser("jenkins", "ci");

    /** What the Role grants, as "verb on resource[.group]". */
    static Set<String> documentedRole() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "rbac.md"), StandardCharsets.UTF_8);
        int start = doc.indexOf("```yaml\n") + "```yaml\n".length();
        String yaml = doc.substring(start, doc.indexOf("```", start)).split("(?m)^---$")[0];
        Role role = Serialization.unmarshal(yaml, Role.class);
        Set<String> granted = new TreeSet<>();
        for (PolicyRule rule : role.getRules()) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    for (String verb : rule.getVerbs()) {
                        granted.add(verb + " on " + (group.isEmpty() ? resource : resource + "." + group));
                    }
                }
            }
        }
        return granted;
    }

    @Test
    public void theDocumentedRoleIsEnoughAndEveryRuleIsUsed() throws Exception {
        Set<String> role = documentedRole();
        Set<String> used = new ConcurrentSkipListSet<>();
        List<String> problems = runEverything(role, used);
        assertThat(problems).as("operations that failed with the whole Role").isEmpty();
        System.out.println("RBAC role " + role + "\nRBAC used " + used);
        assertThat(role).as("rules of the Role no operation uses").containsExactlyInAnyOrderElementsOf(used);
    }

    @Test
    public void withoutAnyOneVerbTheErrorNamesIt() throws Exception {
        Set<String> role = documentedRole();
        for (String missing : role) {
            Set<String> reduced = new TreeSet<>(role);
            reduced.remove(missing);
            List<String> problems = runEverything(reduced, new ConcurrentSkipListSet<>());
            assertThat(problems).as("without " + missing).isNotEmpty();
            assertThat(problems).as("without " + missing).allSatisfy(problem ->
                    assertThat(problem).contains("needs " + missing));
            System.out.println("RBAC without " + missing + ": " + problems.get(0));
        }
    }

    /** Every operation, each on a fresh cluster state; returns the failures and warnings, one line each. */
    private List<String> runEverything(Set<String> granted, Set<String> used) throws Exception {
        List<String> problems = new ArrayList<>();
        try (SimulatedCluster cluster = SimulatedCluster.start();
                FaultInjectingProxy proxy = new FaultInjectingProxy(URI.create(cluster.url()), 1);
                KubernetesClient client = new ClusterClientFactory().connect(
                        ClusterConnection.token(proxy.url(), "t", null, false))) {
            proxy.access((method, uri) -> {
                ApiRequest request = ApiRequest.of(method, uri);
                if (request.discovery()) {
                    return null;
                }
                if (NAMESPACE.equals(request.namespace()) && granted.contains(request.permission())) {
                    used.add(request.permission());
                    return null;
                }
                return (request.group().isEmpty() ? request.resource() : request.resource() + "." + request.group())
                        + " is forbidden: User \"system:serviceaccount:jenkins:jenkins\" cannot " + request.verb()
                        + " resource \"" + request.resource() + "\" in API group \"" + request.group() + "\""
                        + (request.namespace() != null ? " in the namespace \"" + request.namespace() + "\"" : "");
            });
            TrafficController traffic = new TrafficController(client, Clock.systemUTC(), new TrafficSettings(
                    Duration.ofMinutes(5), Backoff.DEFAULT, delay -> {
                    }, new Random(1), 5));
            attempt(problems, () -> {
                RouteTarget target = traffic.resolve(RouteKind.VIRTUAL_SERVICE, NAMESPACE, "reviews", null, "v1",
                        "v2");
                RouteLease lease = traffic.begin(target, HOLDER, false);
                warnings(problems, traffic.setWeight(target, HOLDER, 20));
                traffic.renew(lease.ref(), HOLDER);
                traffic.status(NAMESPACE);
                warnings(problems, traffic.restore(lease.ref(), Holder.localUser("bob", "laptop")));
            });
            attempt(problems, () -> {
                RouteTarget target = traffic.resolve(RouteKind.HTTP_ROUTE, NAMESPACE, "reviews", null,
                        "reviews-stable", "reviews-canary");
                traffic.begin(target, HOLDER, false);
                warnings(problems, traffic.setWeight(target, HOLDER, 30));
                warnings(problems, traffic.promote(target, HOLDER));
            });
            attempt(problems, () -> {
                try {
                    ClusterConfigReader reader = new ClusterConfigReader(client);
                    reader.read(List.of(NAMESPACE));
                    assertThat(reader.subsetNames(NAMESPACE, "reviews")).containsExactly("v1", "v2");
                } catch (ClusterReadException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            });
        }
        return problems;
    }

    private static void attempt(List<String> problems, Runnable operation) {
        try {
            operation.run();
        } catch (TrafficException | IllegalStateException e) {
            problems.add(e.getMessage());
        }
    }

    private static void warnings(List<String> problems, WeightChange change) {
        problems.addAll(change.warnings());
    }
}
