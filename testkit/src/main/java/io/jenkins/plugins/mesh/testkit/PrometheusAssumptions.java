package io.jenkins.plugins.mesh.testkit;

import org.junit.Assume;

/**
 * JUnit 4 guard for tests that need a real Prometheus. Kept apart from {@link PrometheusProcess} so that main code
 * (the simulator) can run Prometheus without JUnit on its class path.
 */
public final class PrometheusAssumptions {

    private PrometheusAssumptions() {
    }

    /**
     * Returns when {@code prometheus} is on {@code PATH}. Otherwise fails the test when the environment variable
     * {@code CI} is {@code true} (CI must run every test), and skips it with a message elsewhere.
     */
    public static void assumePrometheusAvailable() {
        if (PrometheusProcess.isAvailable()) {
            return;
        }
        String message = "prometheus is not on PATH; install it to run this test (Debian: apt-get install prometheus)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message + " (CI=true: tests that need Prometheus must not be skipped)");
        }
        Assume.assumeTrue(message, false);
    }
}
