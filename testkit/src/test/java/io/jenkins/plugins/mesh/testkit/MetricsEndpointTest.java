package io.jenkins.plugins.mesh.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Test;

public class MetricsEndpointTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    public void servesTheSuppliersCurrentTextInTheExpositionFormat() throws Exception {
        AtomicLong requests = new AtomicLong();
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(
                () -> "# TYPE demo_total counter\ndemo_total " + requests.incrementAndGet() + "\n")) {
            assertThat(endpoint.address()).matches("127\\.0\\.0\\.1:\\d+");

            HttpResponse<String> first = get(endpoint.url(), "GET");
            HttpResponse<String> second = get(endpoint.url(), "GET");

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("Content-Type")).hasValue(MetricsEndpoint.CONTENT_TYPE);
            assertThat(first.body()).isEqualTo("# TYPE demo_total counter\ndemo_total 1\n");
            assertThat(second.body()).endsWith("demo_total 2\n");
        }
    }

    @Test
    public void answersOnlyReads() throws Exception {
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(() -> "x 1\n")) {
            HttpResponse<String> post = get(endpoint.url(), "POST");
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        }
    }

    @Test
    public void aFailingSupplierIsAServerErrorSoTheTargetLooksDown() throws Exception {
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(() -> {
            throw new IllegalStateException("counter store closed");
        })) {
            HttpResponse<String> response = get(endpoint.url(), "GET");
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.body()).contains("counter store closed");
        }
    }

    @Test
    public void closingStopsServing() {
        MetricsEndpoint endpoint = MetricsEndpoint.start(() -> "x 1\n");
        String url = endpoint.url();
        endpoint.close();
        assertThatThrownBy(() -> get(url, "GET")).isInstanceOf(ConnectException.class);
    }

    private HttpResponse<String> get(String url, String method) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
