package io.jenkins.plugins.mesh.engine.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Runs one Kubernetes API call with the engine's fault policy: 5xx, 429, timeouts and connection errors are retried
 * with {@link Backoff}; 401/403 fail at once with a {@link ClusterException} that names the RBAC verbs needed; every
 * other answer (404, 409, 422, ...) goes back to the caller unchanged, because only the caller knows what it means.
 * A PUT carries the resourceVersion read, so repeating it after an unknown outcome can never overwrite a newer edit.
 */
public final class ApiCall {

    private final Backoff backoff;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    public ApiCall(Backoff backoff, Sleeper sleeper, RandomGenerator random) {
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.random = random;
    }

    /**
     * Runs {@code call}.
     *
     * @param what what the call does, for messages: "read VirtualService shop/reviews"
     * @param permission the RBAC rule it needs, for a 403: "get on virtualservices.networking.istio.io"
     */
    public <T> T run(String what, String permission, Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (KubernetesClientException e) {
                int code = e.getCode();
                if (code == 401 || code == 403) {
                    throw new ClusterException(ClusterException.Kind.FORBIDDEN, "cannot " + what + ": the API server "
                            + "answered " + code + (code == 401 ? " (not authenticated: check the token or kubeconfig)"
                            : " (forbidden)") + "; the account needs " + permission
                            + " (see docs/rbac.md for the whole Role)", e);
                }
                if (code <= 0 && rootCause(e) instanceof javax.net.ssl.SSLException tls) {
                    // An untrusted certificate does not heal by retrying.
                    throw new ClusterException(ClusterException.Kind.UNAVAILABLE, "cannot " + what + ": TLS with the "
                            + "API server failed (" + tls.getMessage() + "). If its certificate is not trusted, give "
                            + "the CA that signed it (certificate-authority-data in the kubeconfig, or --ca-file)", e);
                }
                if (!isTransient(code)) {
                    throw e;
                }
                if (attempt >= backoff.maxAttempts()) {
                    throw new ClusterException(ClusterException.Kind.UNAVAILABLE, "cannot " + what + ": the API "
                            + "server still failed after " + attempt + " attempts (" + describe(e) + "); check that "
                            + "the cluster is reachable and retry", e);
                }
                pause(backoff.delay(attempt, random), what, e);
            }
        }
    }

    /** No answer at all (code 0/-1: connection error or timeout), 408, 429 or any 5xx. */
    static boolean isTransient(int code) {
        return code <= 0 || code == 408 || code == 429 || code >= 500;
    }

    private void pause(Duration delay, String what, KubernetesClientException cause) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            ClusterException stopped = new ClusterException(ClusterException.Kind.UNAVAILABLE,
                    "interrupted while retrying to " + what, cause);
            stopped.addSuppressed(interrupted);
            throw stopped;
        }
    }

    private static String describe(KubernetesClientException e) {
        if (e.getCode() > 0) {
            return "HTTP " + e.getCode();
        }
        return rootCause(e).getClass().getSimpleName();
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof javax.net.ssl.SSLException) {
                return root;
            }
            root = root.getCause();
        }
        return root;
    }
}
