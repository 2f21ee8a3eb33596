package io.jenkins.plugins.mesh.engine.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mesh.engine.analysis.Verdict;
import io.jenkins.plugins.mesh.engine.config.MeshResource;
import io.jenkins.plugins.mesh.engine.config.YamlConfigLoader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** The apply's decisions, driven with a hand-moved clock and a cluster that records what it is asked. */
public class ApplyDriverTest {

    private static final Instant START = Instant.parse("2026-12-02T10:00:00Z");
    private static final String TWO = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: reviews, namespace: shop}
            spec:
              hosts: [reviews]
              http:
              - route:
                - destination: {host: reviews}
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: reviews, namespace: shop}
            spec: {host: reviews}
            """;

    private Instant now = START;
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final RecordingCluster cluster = new RecordingCluster();
    private final Deque<Verdict> verdicts = new ArrayDeque<>();
    private final HealthGate gate = (services, changedAt, at) -> new GateRecord(at, verdicts.isEmpty()
            ? Verdict.PASS : verdicts.pop(), "services " + services);
    private final List<ApplyState> persisted = new ArrayList<>();
    private final ApplyDriver driver = new ApplyDriver(cluster, gate, clock, persisted::add);

    @Test
    public void withoutChecksEveryObjectIsLockedWrittenVerifiedAndReleased() {
        ApplyDriver.Progress done = driver.advance(start(List.of()));

        assertThat(done.isDone()).isTrue();
        assertThat(done.state().outcome()).isEqualTo(ApplyOutcome.APPLIED);
        assertThat(cluster.calls).containsExactly("lock VirtualService", "lock DestinationRule",
                "write VirtualService", "write DestinationRule", "verify VirtualService", "verify DestinationRule",
                "release VirtualService", "release DestinationRule");
    }

    @Test
    public void aFailedCheckRevertsNewestFirstThenReleases() {
        verdicts.add(Verdict.PASS);
        verdicts.add(Verdict.FAIL);
        ApplyDriver.Progress waiting = driver.advance(start(List.of("success-rate>=99")));
        assertThat(waiting.wakeAt()).isEqualTo(START.plusSeconds(60));
        now = waiting.wakeAt();
        waiting = driver.advance(waiting.state());
        now = waiting.wakeAt();
        ApplyDriver.Progress done = driver.advance(waiting.state());

        assertThat(done.state().outcome()).isEqualTo(ApplyOutcome.REVERTED);
        assertThat(done.state().reason()).startsWith("health check failed: services [shop/reviews]");
        assertThat(cluster.calls).endsWith("revert DestinationRule", "revert VirtualService",
                "release VirtualService", "release DestinationRule");
    }

    @Test
    public void inconclusiveAtTheEndOfTheWatchNeverPasses() {
        for (int i = 0; i < 5; i++) {
            verdicts.add(Verdict.INCONCLUSIVE);
        }
        ApplyDriver.Progress progress = driver.advance(start(List.of("success-rate>=99")));
        while (!progress.isDone()) {
            now = progress.wakeAt();
            progress = driver.advance(progress.state());
        }

        assertThat(progress.state().outcome()).isEqualTo(ApplyOutcome.REVERTED);
        assertThat(progress.state().reason()).contains("inconclusive at the end of the watch");
        assertThat(progress.state().analyses()).hasSize(5);
    }

    @Test
    public void aLockHeldElsewhereStartsNothing() {
        cluster.failLock = "locked by build-7";

        ApplyDriver.Progress done = driver.advance(start(List.of()));

        assertThat(done.state().outcome()).isEqualTo(ApplyOutcome.NOT_STARTED);
        assertThat(done.state().reason()).contains("locked by build-7");
        assertThat(cluster.calls).noneMatch(c -> c.startsWith("write"));
        assertThat(cluster.calls).contains("release VirtualService");
    }

    @Test
    public void aFailedWriteRevertsWhatMayHoldAWriteAndAFailedRevertStaysPending() {
        cluster.failWrite = "DestinationRule";
        cluster.failRevert = "VirtualService";

        ApplyDriver.Progress done = driver.advance(start(List.of()));

        assertThat(done.state().outcome()).isEqualTo(ApplyOutcome.REVERT_PENDING);
        assertThat(cluster.calls).contains("revert DestinationRule", "revert VirtualService",
                "mark VirtualService", "release DestinationRule");
        assertThat(done.state().items().get(0).status()).isEqualTo(ItemStatus.REVERT_PENDING);
    }

    @Test
    public void anAbortWhileWatchingReverts() {
        ApplyDriver.Progress waiting = driver.advance(start(List.of("success-rate>=99")));

        ApplyDriver.Progress done = driver.abort(waiting.state(), "Ctrl-C");

        assertThat(done.state().outcome()).isEqualTo(ApplyOutcome.REVERTED);
        assertThat(done.state().reason()).isEqualTo("aborted by Ctrl-C");
    }

    @Test
    public void aStatePersistedAsJsonMidWayResumesWhereItStopped() {
        ApplyStateJson json = new ApplyStateJson();
        ApplyDriver.Progress waiting = driver.advance(start(List.of("success-rate>=99")));
        String stored = json.write(waiting.state());
        // the first write's state, as a run killed right after sending it would have left it
        String killedDuringWrite = json.write(persisted.stream()
                .filter(s -> s.items().get(0).status() == ItemStatus.WRITING).findFirst().orElseThrow());

        ApplyState read = json.read(stored);
        now = waiting.wakeAt().plus(Duration.ofMinutes(10));
        ApplyDriver.Progress resumed = driver.advance(read);
        cluster.calls.clear();
        ApplyDriver.Progress lateResume = driver.advance(json.read(killedDuringWrite));
        List<String> lateCalls = List.copyOf(cluster.calls);
        cluster.calls.clear();
        now = START.plusSeconds(30);
        driver.advance(json.read(killedDuringWrite));

        assertThat(read).isEqualTo(waiting.state());
        assertThat(resumed.state().outcome()).isEqualTo(ApplyOutcome.APPLIED);
        // past its deadline, a run killed mid-write reverts the write it may have made
        assertThat(lateResume.state().outcome()).isEqualTo(ApplyOutcome.REVERTED);
        assertThat(lateCalls).startsWith("revert VirtualService");
        // in time, it repeats the write whose answer it never got, then goes on
        assertThat(cluster.calls).startsWith("write VirtualService", "write DestinationRule");
    }

    private ApplyState start(List<String> checks) {
        List<MeshResource> files = new YamlConfigLoader("shop").read("mesh.yaml", TWO).resources();
        ApplyPlan plan = new ConfigPlanner().plan(files, List.of(), Map.of(), false);
        ApplyOptions options = ApplyOptions.DEFAULT.withChecks(checks);
        return ApplyState.start(plan, "ci@host", "shop #1", options, now);
    }

    private static final class RecordingCluster implements ApplyCluster {
        final List<String> calls = new ArrayList<>();
        String failLock;
        String failWrite;
        String failRevert;

        @Override
        public void lock(ApplyState state, ApplyItem item) {
            calls.add("lock " + item.kind().kind());
            if (failLock != null && item.kind().kind().equals("DestinationRule")) {
                throw new IllegalStateException(failLock);
            }
        }

        @Override
        public void write(ApplyState state, ApplyItem item) {
            calls.add("write " + item.kind().kind());
            if (item.kind().kind().equals(failWrite)) {
                throw new IllegalStateException("HTTP 500");
            }
        }

        @Override
        public void verify(ApplyItem item) {
            calls.add("verify " + item.kind().kind());
        }

        @Override
        public ItemStatus revert(ApplyState state, ApplyItem item) {
            calls.add("revert " + item.kind().kind());
            if (item.kind().kind().equals(failRevert)) {
                throw new IllegalStateException("API server unavailable");
            }
            return ItemStatus.REVERTED;
        }

        @Override
        public void release(ApplyState state, ApplyItem item) {
            calls.add("release " + item.kind().kind());
        }

        @Override
        public void markPending(ApplyState state, ApplyItem item, String message) {
            calls.add("mark " + item.kind().kind());
        }
    }
}
