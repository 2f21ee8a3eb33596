package io.jenkins.plugins.mesh.testkit;

import java.util.Map;
import org.junit.Assume;

/**
 * JUnit 4 guard for tests that need a real Prometheus. Kept apart from {@link PrometheusProcess} so that main code
 * (the simulator) can run Prometheus without JUnit on its class path.
 */
public final class PrometheusAssumptions {

    private PrometheusAssumptions() {
    }

    /** The environment variable that makes a missing Prometheus a failure instead of a skip. */
    public static final String REQUIRE = "MESH_REQUIRE_PROMETHEUS";

    /**
     * Returns when {@code prometheus} is on {@code PATH}. Otherwise fails the test when the environment variable
     * {@value #REQUIRE} is {@code true} (the project's CI sets it: there every test must run), and skips it with a
     * message elsewhere, including other CI systems (ci.jenkins.io sets {@code CI=true} and has no Prometheus).
     */
    public static void assumePrometheusAvailable() {
        check(PrometheusProcess.isAvailable(), System.getenv());
    }

    static void check(boolean available, Map<String, String> environment) {
        if (available) {
            return;
        }
        String message = "prometheus is not on PATH; install it to run this test (Debian: apt-get install prometheus)";
        if ("true".equalsIgnoreCase(environment.get(REQUIRE))) {
            throw new AssertionError(message + " (" + REQUIRE + "=true: tests that need Prometheus must not be "
                    + "skipped)");
        }
        Assume.assumeTrue(message, false);
    }
}
