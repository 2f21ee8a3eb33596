package io.jenkins.plugins.mesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mesh.engine.traffic.Holder;
import io.jenkins.plugins.mesh.engine.traffic.RouteKind;
import io.jenkins.plugins.mesh.engine.traffic.RouteTarget;
import io.jenkins.plugins.mesh.engine.traffic.TrafficController;
import io.jenkins.plugins.mesh.engine.traffic.TrafficSettings;
import io.jenkins.plugins.mesh.simulator.SimulatedCluster;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code mesh canary} refusing bad input and previewing, against the simulator's API server: every refusal exits 2
 * with a message that says what to do, and leaves the VirtualService untouched (same resourceVersion, no lease).
 * Nothing here reaches a metric server: the address given is never contacted.
 */
public class CanaryCommandTest {

    /** Nothing listens there; a test that reached it would fail on an unanswered query. */
    private static final String UNUSED_PROMETHEUS = "http://127.0.0.1:9";

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private SimulatedCluster cluster;
    private String versionBefore;
    private Map<String, Object> specBefore;
    private List<String> kubeconfig;

    @Before
    public void startCluster() {
        cluster = SimulatedCluster.start();
        versionBefore = Bookinfo.resourceVersion(cluster);
        specBefore = Bookinfo.spec(cluster);
        kubeconfig = List.of("--kubeconfig", cluster.kubeconfig().toString());
    }

    @After
    public void stopCluster() {
        cluster.close();
    }

    private CliRun refused(String... more) {
        CliRun run = CliRun.of(Bookinfo.canary(kubeconfig, more));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(Bookinfo.resourceVersion(cluster)).isEqualTo(versionBefore);
        assertThat(Bookinfo.leases(cluster)).isEmpty();
        return run;
    }

    @Test
    public void withoutPrometheusItRefusesAndSaysWhy() {
        CliRun run = refused("--steps", "10,50", "--interval", "30s");
        assertThat(run.err()).contains("mesh canary needs --prometheus URL").contains("--dry-run");
    }

    @Test
    public void stepsMustIncrease() {
        CliRun run = refused("--steps", "50,25", "--prometheus", UNUSED_PROMETHEUS);
        assertThat(run.err()).contains("step weights must increase: [50, 25]");
    }

    @Test
    public void stepsAndStepWeightExcludeEachOther() {
        CliRun run = refused("--steps", "10,50", "--step-weight", "10", "--max-weight", "50", "--prometheus",
                UNUSED_PROMETHEUS);
        assertThat(run.err()).contains("mutually exclusive");
    }

    @Test
    public void stepsAreRequired() {
        CliRun run = refused("--prometheus", UNUSED_PROMETHEUS);
        assertThat(run.err()).contains("--steps").contains("or a phase that needs none (--match, --mirror)");
    }

    @Test
    public void aBareNumberIsNoInterval() {
        CliRun run = refused("--steps", "10", "--interval", "30", "--prometheus", UNUSED_PROMETHEUS);
        assertThat(run.err()).contains("--interval").contains("30s");
    }

    @Test
    public void anUnknownCheckNamesTheAcceptedForms() {
        CliRun run = refused("--steps", "10", "--check", "sucess-rate>=99", "--prometheus", UNUSED_PROMETHEUS);
        assertThat(run.err()).contains("sucess-rate>=99").contains("success-rate>=99");
    }

    @Test
    public void promoteAndHoldExcludeEachOther() {
        CliRun run = refused("--steps", "10", "--promote", "--hold", "--prometheus", UNUSED_PROMETHEUS);
        assertThat(run.err()).contains("mutually exclusive");
    }

    @Test
    public void prometheusCredentialsMustNotContradict() {
        CliRun run = refused("--steps", "10", "--prometheus", UNUSED_PROMETHEUS, "--prometheus-user", "bob");
        assertThat(run.err()).contains("--prometheus-user and --prometheus-password-file go together");
    }

    @Test
    public void aReportInAMissingDirectoryIsRefusedBeforeStarting() {
        CliRun run = refused("--steps", "10", "--prometheus", UNUSED_PROMETHEUS, "--report",
                folder.getRoot().toPath().resolve("missing/report.json").toString());
        assertThat(run.err()).contains("does not exist");
    }

    @Test
    public void aMissingVirtualServiceIsNamed() {
        CliRun run = CliRun.of("canary", "-n", "bookinfo", "--virtual-service", "ratings-nope", "--stable", "v1",
                "--canary", "v2", "--steps", "10", "--kubeconfig", cluster.kubeconfig().toString(), "--prometheus",
                UNUSED_PROMETHEUS);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("ratings-nope");
        assertThat(Bookinfo.leases(cluster)).isEmpty();
    }

    @Test
    public void aRouteLockedBySomeoneElseDoesNotStartAndWritesNothing() {
        TrafficController traffic = new TrafficController(cluster.client(), Clock.systemUTC(),
                TrafficSettings.defaults());
        RouteTarget target = traffic.resolve(RouteKind.VIRTUAL_SERVICE, SimulatedCluster.NAMESPACE,
                SimulatedCluster.SERVICE, null, "v1", "v2");
        traffic.begin(target, Holder.localUser("alice", "laptop"), false);

        CliRun run = CliRun.of(Bookinfo.canary(kubeconfig, "--steps", "10", "--interval", "1s", "--prometheus",
                UNUSED_PROMETHEUS));

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.out()).contains("NOT_STARTED").contains("alice@laptop").contains("nothing was written");
        assertThat(Bookinfo.spec(cluster)).isEqualTo(specBefore);
        assertThat(Bookinfo.weights(cluster)).containsEntry("v1", 100).containsEntry("v2", 0);
    }

    @Test
    public void dryRunPrintsEachStepsDiffAndWritesNothing() {
        CliRun run = CliRun.of(Bookinfo.canary(kubeconfig, "--step-weight", "25", "--max-weight", "50", "--dry-run"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("canary: VirtualService bookinfo/reviews: v1 -> v2")
                .contains("step 1: canary 25%").contains("step 2: canary 50%").contains("end: promote the canary")
                .contains("dry run: nothing written");
        assertThat(run.out().lines().filter(l -> l.startsWith("+") && l.contains("weight: 25"))).hasSize(1);
        assertThat(Bookinfo.resourceVersion(cluster)).isEqualTo(versionBefore);
        assertThat(Bookinfo.leases(cluster)).isEmpty();
    }

    @Test
    public void dryRunWorksOnAnHttpRouteWithHostBasedVersions() {
        CliRun run = CliRun.of("canary", "-n", "bookinfo", "--http-route", "reviews", "--stable", "reviews-stable",
                "--canary", "reviews-canary", "--steps", "50", "--hold", "--dry-run", "--kubeconfig",
                cluster.kubeconfig().toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("canary: HTTPRoute bookinfo/reviews").contains("then hold")
                .contains("step 1: canary 50%").doesNotContain("end: promote").contains("dry run: nothing written");
        assertThat(Bookinfo.leases(cluster)).isEmpty();
    }

    @Test
    public void helpListsTheOptionsAndOutcomes() {
        CliRun run = CliRun.of("canary", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--steps").contains("--prometheus-token-file").contains("--report")
                .contains("ROLLED_BACK and ABORTED exit 1").contains("--analysis").contains("--sample-every")
                .contains("--on-inconclusive").contains("INCONCLUSIVE").contains("exits 4").contains("--mirror-for")
                .contains("--match-for").contains("--after-match").contains("--sticky");
    }

    @Test
    public void dryRunPrintsEachPhasesDiffAndWritesNothing() {
        CliRun run = CliRun.of(Bookinfo.canary(kubeconfig, "--mirror", "20", "--mirror-for", "5m", "--match",
                "header:x-canary=true", "--match", "cookie:beta=1", "--match-for", "10m", "--steps", "10,50",
                "--sticky", "mesh-canary", "--dry-run"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("mirror:  mirror 20% of requests to the canary for 5m")
                .contains("A/B:     send requests with header:x-canary=exact:true or cookie:beta=exact:1 to the canary "
                        + "for 10m, kept during the steps")
                .contains("sticky:  keep each user on the version that served them (cookie mesh-canary)")
                .contains("mirror phase: mirror 20% of requests to the canary, for 5m until its analysis")
                .contains("A/B phase: send requests with").contains("the mirror taken away")
                .contains("step 1: canary 10%, the A/B route kept").contains("step 2: canary 50%")
                .contains("end: promote the canary to 100%, the rollout's route changes taken away")
                .contains("dry run: nothing written");
        assertThat(run.out().lines().filter(l -> l.startsWith("+") && l.contains("mirrorPercentage"))).hasSize(1);
        assertThat(run.out().lines().filter(l -> l.startsWith("+") && l.contains("x-canary"))).isNotEmpty();
        assertThat(run.out().lines().filter(l -> l.startsWith("+") && l.contains("mesh-canary"))).isNotEmpty();
        assertThat(Bookinfo.resourceVersion(cluster)).isEqualTo(versionBefore);
        assertThat(Bookinfo.leases(cluster)).isEmpty();
    }

    @Test
    public void anAbOnlyCanaryNeedsNoStepsAndContradictoryPhaseOptionsAreRefused() {
        CliRun abOnly = CliRun.of(Bookinfo.canary(kubeconfig, "--match", "header:x-canary=true", "--dry-run",
                "--prometheus", UNUSED_PROMETHEUS));
        assertThat(abOnly.exitCode()).as(abOnly.err()).isZero();
        assertThat(abOnly.out()).contains("then the end").contains("steps:   [], then promote")
                .contains("pre-flight: skipped (the share of requests the A/B match takes is not known");

        assertThat(refused("--match", "header:x=1", "--after-match", "end", "--steps", "10", "--prometheus",
                UNUSED_PROMETHEUS).err()).contains("leave the steps out");
        assertThat(refused("--mirror-for", "1m", "--steps", "10", "--prometheus", UNUSED_PROMETHEUS).err())
                .contains("mirror-for 1m without mirror");
        assertThat(refused("--mirror", "101", "--steps", "10", "--prometheus", UNUSED_PROMETHEUS).err())
                .contains("at most 100 percent");
        assertThat(refused("--mirror", "10", "--steps", "10", "--reporter", "source", "--prometheus",
                UNUSED_PROMETHEUS).err()).contains("a mirror phase needs the reporter destination");
        assertThat(refused("--match", "query:x=1", "--prometheus", UNUSED_PROMETHEUS).err())
                .contains("does not start with header: or cookie:");
    }

    @Test
    public void anUnknownAnalysisModeNamesTheTwoThereAre() {
        CliRun run = refused("--steps", "10", "--analysis", "bayesian", "--prometheus", UNUSED_PROMETHEUS);
        assertThat(run.err()).contains("--analysis").contains("'sequential' or 'fixed'").contains("bayesian");
    }

    @Test
    public void anUnknownInconclusiveActionNamesTheTwoThereAre() {
        CliRun run = refused("--steps", "10", "--on-inconclusive", "promote", "--prometheus", UNUSED_PROMETHEUS);
        assertThat(run.err()).contains("--on-inconclusive").contains("'restore' or 'hold'");
    }

    @Test
    public void aSampleIntervalNeedsAUnit() {
        CliRun run = refused("--steps", "10", "--sample-every", "10", "--prometheus", UNUSED_PROMETHEUS);
        assertThat(run.err()).contains("--sample-every");
    }

    @Test
    public void aDryRunWithoutPrometheusSaysThePreFlightWasSkipped() {
        CliRun run = CliRun.of(Bookinfo.canary(kubeconfig, "--steps", "10", "--dry-run"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("analysis: sequential, a look every 10s; when inconclusive: restore")
                .contains("pre-flight: skipped (pass --prometheus URL");
    }
}
