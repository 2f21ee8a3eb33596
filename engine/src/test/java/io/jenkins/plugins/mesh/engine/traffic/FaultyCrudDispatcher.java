package io.jenkins.plugins.mesh.engine.traffic;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * The real CRUD API server of fabric8's mock, with faults injected in front of it for chosen requests: an HTTP error
 * status, a slow answer, someone else's edit applied right after a request was served, or a request body changed
 * before it is stored (as a CRD's schema prunes fields it does not know).
 */
final class FaultyCrudDispatcher extends Dispatcher {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();

    private record Rule(String method, String pathPart, int[] skip, int[] remaining, int status, Duration delay,
            String editPath, UnaryOperator<Map<String, Object>> edit, UnaryOperator<Map<String, Object>> rewrite) {
    }

    /** The next {@code times} requests with {@code method} whose path contains {@code pathPart} get {@code status}. */
    void fail(String method, String pathPart, int times, int status) {
        failAfter(method, pathPart, 0, times, status);
    }

    /** Like {@link #fail}, but lets the first {@code skip} matching requests through. */
    void failAfter(String method, String pathPart, int skip, int times, int status) {
        rules.add(new Rule(method, pathPart, new int[] {skip}, new int[] {times}, status, null, null, null, null));
    }

    /** The next {@code times} matching requests are answered only after {@code delay}. */
    void delay(String method, String pathPart, int times, Duration delay) {
        rules.add(new Rule(method, pathPart, new int[] {0}, new int[] {times}, 0, delay, null, null, null));
    }

    /** After the next matching request is served, the object at {@code objectPath} is edited as others would. */
    void editAfter(String method, String pathPart, String objectPath, UnaryOperator<Map<String, Object>> edit) {
        rules.add(new Rule(method, pathPart, new int[] {0}, new int[] {1}, 0, null, objectPath, edit, null));
    }

    /** The next matching request's body is changed by {@code rewrite} before it is stored. */
    void rewriteBody(String method, String pathPart, UnaryOperator<Map<String, Object>> rewrite) {
        rules.add(new Rule(method, pathPart, new int[] {0}, new int[] {1}, 0, null, null, null, rewrite));
    }

    /** Drops the faults not used yet. */
    void clear() {
        rules.clear();
    }

    /** Method and path of every request served, in order. */
    List<String> log() {
        return List.copyOf(log);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getPath();
        log.add(request.getMethod() + " " + path);
        Rule rule = take(request.getMethod(), path);
        if (rule != null && rule.status() != 0) {
            return new MockResponse().setResponseCode(rule.status()).setBody("{\"kind\":\"Status\","
                    + "\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"injected " + rule.status()
                    + "\",\"code\":" + rule.status() + "}");
        }
        MockResponse response = crud.dispatch(rule != null && rule.rewrite() != null ? rewritten(request, rule.rewrite())
                : request);
        if (rule != null && rule.delay() != null) {
            response.setBodyDelay(rule.delay());
        }
        if (rule != null && rule.edit() != null) {
            edit(rule.editPath(), rule.edit());
        }
        return response;
    }

    /** Reads, edits and writes back an object directly in the store, bumping its resourceVersion. */
    void edit(String objectPath, UnaryOperator<Map<String, Object>> edit) {
        MockResponse current = crud.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.GET, objectPath,
                Headers.builder().build(), new Buffer()));
        try {
            Map<String, Object> object = JSON.readValue(current.getBody().readUtf8(),
                    new TypeReference<Map<String, Object>>() { });
            String body = JSON.writeValueAsString(edit.apply(object));
            MockResponse written = crud.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.PUT, objectPath,
                    Headers.builder().add("Content-Type", "application/json").build(),
                    new Buffer().writeUtf8(body)));
            if (written.code() >= 300) {
                throw new IllegalStateException("edit of " + objectPath + " failed: " + written.code());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RecordedRequest rewritten(RecordedRequest request, UnaryOperator<Map<String, Object>> rewrite) {
        try {
            Map<String, Object> body = JSON.readValue(request.getBody().readUtf8(),
                    new TypeReference<Map<String, Object>>() { });
            return new RecordedRequest("HTTP/1.1", HttpMethod.valueOf(request.getMethod()), request.getPath(),
                    Headers.builder().add("Content-Type", "application/json").build(),
                    new Buffer().writeUtf8(JSON.writeValueAsString(rewrite.apply(body))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized Rule take(String method, String path) {
        List<Rule> used = new ArrayList<>();
        Rule found = null;
        for (Iterator<Rule> it = rules.iterator(); it.hasNext() && found == null; ) {
            Rule rule = it.next();
            if (rule.method().equalsIgnoreCase(method) && path.contains(rule.pathPart()) && rule.remaining()[0] > 0) {
                if (rule.skip()[0] > 0) {
                    rule.skip()[0]--;
                    continue;
                }
                found = rule;
                if (--rule.remaining()[0] == 0) {
                    used.add(rule);
                }
            }
        }
        rules.removeAll(used);
        return found;
    }

    @Override
    public void shutdown() {
        crud.shutdown();
    }
}
