package io.jenkins.plugins.mesh.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.CustomResourceAware;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.Resetable;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves every object of the mesh groups at every served version, as a real API server converts between the
 * versions of a CRD: a request at {@code networking.istio.io/v1beta1} or {@code v1alpha3} (or
 * {@code gateway.networking.k8s.io/v1beta1}) is stored and read at {@code v1}, and answered with the version it
 * asked for. The fabric8 mock server alone keeps each object at the version it was written with. Watches and
 * discovery pass through unchanged.
 */
final class VersionConvertingDispatcher extends Dispatcher implements CustomResourceAware, Resetable {

    private static final String STORED = "v1";
    private static final Pattern CONVERTED = Pattern.compile(
            "/apis/(networking\\.istio\\.io|gateway\\.networking\\.k8s\\.io)/(v1beta1|v1alpha3)(/[^?]+)(\\?.*)?");

    private final KubernetesMixedDispatcher delegate;
    private final ObjectMapper json = new ObjectMapper();

    VersionConvertingDispatcher(KubernetesMixedDispatcher delegate) {
        this.delegate = delegate;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        Matcher path = CONVERTED.matcher(request.getPath());
        String query = path.matches() && path.group(4) != null ? path.group(4) : "";
        if (!path.matches() || query.contains("watch=true") || !isConvertible(path.group(1), path.group(2))) {
            return delegate.dispatch(request);
        }
        String group = path.group(1);
        String asked = group + "/" + path.group(2);
        String stored = group + "/" + STORED;
        RecordedRequest converted = new RecordedRequest(request.getHttpVersion(), request.method(),
                "/apis/" + stored + path.group(3) + query, request.getHeaders(),
                new Buffer(convert(request.getBody().getBytes(), asked, stored)));
        MockResponse response = delegate.dispatch(converted);
        if (response.getBody() != null && response.getBody().size() > 0) {
            response.setBody(convert(response.getBody().getBytes(), stored, asked));
        }
        return response;
    }

    private static boolean isConvertible(String group, String version) {
        List<String> served = group.equals(MeshResources.ISTIO_GROUP)
                ? MeshResources.ISTIO_VERSIONS : MeshResources.GATEWAY_VERSIONS;
        return served.contains(version);
    }

    /** Rewrites {@code apiVersion} from {@code from} to {@code to} on an object, a list and the list's items. */
    private byte[] convert(byte[] body, String from, String to) {
        if (body.length == 0 || body[0] != '{') {
            return body;
        }
        try {
            JsonNode root = json.readTree(body);
            rewrite(root, from, to);
            if (root.get("items") instanceof ArrayNode items) {
                items.forEach(item -> rewrite(item, from, to));
            }
            return json.writeValueAsBytes(root);
        } catch (IOException e) {
            // not JSON (a Status text, say): pass it on as it is
            return body;
        }
    }

    private static void rewrite(JsonNode node, String from, String to) {
        if (node instanceof ObjectNode object && object.path("apiVersion").asText().equals(from)) {
            object.put("apiVersion", to);
        }
    }

    @Override
    public void expectCustomResource(CustomResourceDefinitionContext context) {
        delegate.expectCustomResource(context);
    }

    @Override
    public void reset() {
        delegate.reset();
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }
}
