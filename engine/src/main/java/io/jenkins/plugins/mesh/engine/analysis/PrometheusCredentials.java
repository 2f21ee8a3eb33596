package io.jenkins.plugins.mesh.engine.analysis;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * How to authenticate to Prometheus: not at all, a bearer token, or a user name and password. The secret never
 * appears in {@link Object#toString()}, so a connection can be logged or put in a message safely.
 */
public sealed interface PrometheusCredentials {

    /** No authentication. */
    PrometheusCredentials NONE = new Anonymous();

    /** Adds the {@code Authorization} header, if any. */
    void authorize(HttpRequest.Builder request);

    /**
     * {@code text} with these credentials' secrets replaced by {@code ****}: for quoting a server's answer in a
     * message, since a server or a proxy in front of it may echo the request's headers.
     */
    default String redact(String text) {
        return text;
    }

    /** Sends no {@code Authorization} header. */
    record Anonymous() implements PrometheusCredentials {
        @Override
        public void authorize(HttpRequest.Builder request) {
            // Nothing to add.
        }

        @Override
        public String toString() {
            return "no credentials";
        }
    }

    /** Sends {@code Authorization: Bearer <token>}. */
    record BearerToken(String token) implements PrometheusCredentials {
        public BearerToken {
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("the Prometheus bearer token is empty; set the token or use no "
                        + "credentials");
            }
            if (token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
                throw new IllegalArgumentException("the Prometheus bearer token holds spaces, line breaks or "
                        + "non-ASCII characters; check that the credential holds only the token");
            }
        }

        @Override
        public void authorize(HttpRequest.Builder request) {
            request.header("Authorization", "Bearer " + token);
        }

        @Override
        public String redact(String text) {
            return text.replace(token, "****");
        }

        @Override
        public String toString() {
            return "bearer token (hidden)";
        }
    }

    /** Sends HTTP basic authentication. */
    record BasicAuth(String username, String password) implements PrometheusCredentials {
        public BasicAuth {
            if (username == null || username.isEmpty() || username.contains(":")) {
                throw new IllegalArgumentException("the Prometheus user name must be set and must not contain ':'");
            }
            Objects.requireNonNull(password, "password");
        }

        @Override
        public void authorize(HttpRequest.Builder request) {
            request.header("Authorization", "Basic " + encoded());
        }

        @Override
        public String redact(String text) {
            String out = text.replace(encoded(), "****");
            return password.isEmpty() ? out : out.replace(password, "****");
        }

        private String encoded() {
            String pair = username + ":" + password;
            return Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "basic auth as " + username + " (password hidden)";
        }
    }
}
