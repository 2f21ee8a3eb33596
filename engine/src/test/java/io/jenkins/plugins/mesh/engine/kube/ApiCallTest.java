package io.jenkins.plugins.mesh.engine.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;

public class ApiCallTest {

    private final List<Duration> sleeps = new ArrayList<>();
    private final ApiCall api = new ApiCall(new Backoff(3, Duration.ofMillis(10), Duration.ofMillis(40), 0),
            sleeps::add, new Random(3));

    @Test
    public void connectionErrorsAreRetried() {
        AtomicInteger calls = new AtomicInteger();
        String result = api.run("read x", "get on x", () -> {
            if (calls.incrementAndGet() < 3) {
                throw new KubernetesClientException("connection refused", new IOException("refused"));
            }
            return "ok";
        });
        assertThat(result).isEqualTo("ok");
        assertThat(sleeps).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20));
    }

    @Test
    public void unauthenticatedFailsAtOnce() {
        assertThatThrownBy(() -> api.run("read x", "get on x", () -> {
            throw new KubernetesClientException("Unauthorized", 401, null);
        })).isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.kind())
                .isEqualTo(ClusterException.Kind.FORBIDDEN))
                .hasMessageContaining("not authenticated");
        assertThat(sleeps).isEmpty();
    }

    @Test
    public void conflictsAndNotFoundGoBackToTheCaller() {
        for (int code : new int[] {404, 409, 422}) {
            assertThatThrownBy(() -> api.run("update x", "update on x", () -> {
                throw new KubernetesClientException("no", code, null);
            })).isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(code));
        }
        assertThat(sleeps).isEmpty();
    }

    @Test
    public void tooManyRequestsIsTransient() {
        assertThat(ApiCall.isTransient(429)).isTrue();
        assertThat(ApiCall.isTransient(503)).isTrue();
        assertThat(ApiCall.isTransient(0)).isTrue();
        assertThat(ApiCall.isTransient(400)).isFalse();
    }

    @Test
    public void anInterruptStopsTheRetries() {
        ApiCall interrupted = new ApiCall(Backoff.DEFAULT, delay -> {
            throw new InterruptedException();
        }, new Random());
        assertThatThrownBy(() -> interrupted.run("read x", "get on x", () -> {
            throw new KubernetesClientException("down", 503, null);
        })).isInstanceOf(ClusterException.class).hasMessageContaining("interrupted");
        assertThat(Thread.interrupted()).isTrue();
    }
}
