package io.jenkins.plugins.mesh.engine.validate;

import static io.jenkins.plugins.mesh.engine.config.YamlValues.list;
import static io.jenkins.plugins.mesh.engine.config.YamlValues.map;

import io.jenkins.plugins.mesh.engine.config.MeshKind;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * IST0106 for the policies of VirtualService HTTP routes: match regexes (RE2), timeouts, retries, fault
 * injection, mirroring, as Istio's webhook checks them.
 */
final class HttpPolicyRule extends ResourceRule {

    /** Envoy's retry policies (x-envoy-retry-on and x-envoy-retry-grpc-on), as Istio accepts them. */
    private static final Set<String> RETRY_ON = Set.of("5xx", "gateway-error", "reset", "reset-before-request",
            "connect-failure", "retriable-4xx", "refused-stream", "retriable-status-codes", "retriable-headers",
            "envoy-ratelimited", "http3-post-connect-failure", "cancelled", "deadline-exceeded", "internal",
            "resource-exhausted", "unavailable");

    private static final Set<String> PSEUDO_HEADERS = Set.of(":method", ":scheme", ":authority", ":path",
            ":status");
    private static final List<String> MATCH_STRINGS = List.of("uri", "scheme", "method", "authority");
    private static final List<String> MATCH_MAPS = List.of("headers", "queryParams", "withoutHeaders");

    HttpPolicyRule() {
        super(MeshKind.VIRTUAL_SERVICE, FindingCode.IST0106);
    }

    @Override
    void check(FieldChecker check) {
        List<Object> http = list(check.resource().spec().get("http"));
        for (int i = 0; i < http.size(); i++) {
            checkRoute(check, "spec.http[" + i + "]", map(http.get(i)));
        }
    }

    private void checkRoute(FieldChecker check, String path, Map<String, Object> route) {
        List<Object> matches = list(route.get("match"));
        for (int i = 0; i < matches.size(); i++) {
            checkMatch(check, path + ".match[" + i + "]", map(matches.get(i)));
        }
        check.duration(path + ".timeout", route.get("timeout"));
        if (route.get("retries") != null) {
            checkRetries(check, path + ".retries", map(route.get("retries")));
        }
        Map<String, Object> fault = map(route.get("fault"));
        Map<String, Object> delay = map(fault.get("delay"));
        check.duration(path + ".fault.delay.fixedDelay", delay.get("fixedDelay"));
        check.percentage(path + ".fault.delay.percentage.value", map(delay.get("percentage")).get("value"));
        check.integerInRange(path + ".fault.delay.percent", delay.get("percent"), 0, 100);
        Map<String, Object> abort = map(fault.get("abort"));
        check.integerInRange(path + ".fault.abort.httpStatus", abort.get("httpStatus"), 200, 599);
        check.percentage(path + ".fault.abort.percentage.value", map(abort.get("percentage")).get("value"));
        if (route.get("mirror") != null && route.get("mirrors") != null) {
            check.error(path + ".mirrors", "use either mirror or mirrors in one route, not both");
        }
        if (route.get("mirror") != null) {
            VirtualServiceSchemaRule.checkDestination(check, path + ".mirror", map(route.get("mirror")));
        }
        check.percentage(path + ".mirrorPercentage.value", map(route.get("mirrorPercentage")).get("value"));
        check.integerInRange(path + ".mirrorPercent", route.get("mirrorPercent"), 0, 100);
        List<Object> mirrors = list(route.get("mirrors"));
        for (int i = 0; i < mirrors.size(); i++) {
            Map<String, Object> mirror = map(mirrors.get(i));
            String mirrorPath = path + ".mirrors[" + i + "]";
            VirtualServiceSchemaRule.checkDestination(check, mirrorPath + ".destination", map(mirror.get("destination")));
            check.percentage(mirrorPath + ".percentage.value", map(mirror.get("percentage")).get("value"));
        }
        Map<String, Object> rewrite = map(route.get("rewrite"));
        if (rewrite.get("uriRegexRewrite") != null) {
            check.regex(path + ".rewrite.uriRegexRewrite.match", map(rewrite.get("uriRegexRewrite")).get("match"));
        }
    }

    private void checkMatch(FieldChecker check, String path, Map<String, Object> match) {
        for (String field : MATCH_STRINGS) {
            checkStringMatch(check, path + "." + field, match.get(field));
        }
        for (String field : MATCH_MAPS) {
            for (Map.Entry<String, Object> entry : map(match.get(field)).entrySet()) {
                String entryPath = path + "." + field + "." + entry.getKey();
                if (!field.equals("queryParams") && !isHeaderName(entry.getKey())) {
                    check.error(entryPath, "'" + entry.getKey() + "' is not a valid header name; use letters, digits "
                            + "and !#$%&'*+-.^_`|~, a pseudo-header such as :authority, or @request.auth.claims.NAME");
                }
                if (entry.getValue() == null && !field.equals("withoutHeaders")) {
                    check.error(entryPath, field + " '" + entry.getKey() + "' has no condition; add exact, prefix or "
                            + "regex");
                }
                checkStringMatch(check, entryPath, entry.getValue());
            }
        }
        check.port(path + ".port", match.get("port"));
    }

    private void checkStringMatch(FieldChecker check, String path, Object value) {
        Map<String, Object> match = map(value);
        if (match.containsKey("regex")) {
            check.regex(path + ".regex", match.get("regex"));
        }
        if (value != null && match.size() > 1) {
            check.error(path, path + " has " + match.keySet() + "; use one of exact, prefix or regex");
        }
    }

    private void checkRetries(FieldChecker check, String path, Map<String, Object> retries) {
        Object attemptsValue = retries.get("attempts");
        OptionalLong attempts = attemptsValue == null ? OptionalLong.of(0) : check.integer(path + ".attempts",
                attemptsValue);
        check.duration(path + ".perTryTimeout", retries.get("perTryTimeout"));
        check.duration(path + ".backoff", retries.get("backoff"));
        if (attempts.isPresent() && attempts.getAsLong() < 0) {
            check.error(path + ".attempts", "retries.attempts " + attempts.getAsLong() + " is negative; use 0 to "
                    + "turn retries off, or a positive count");
        } else if (attempts.isPresent() && attempts.getAsLong() == 0
                && (retries.get("perTryTimeout") != null || retries.get("retryOn") != null
                        || retries.get("retryRemoteLocalities") != null)) {
            // an omitted attempts is 0 too, as in Istio's proto
            check.error(path + ".attempts", "retries.attempts is 0 (retries off) but perTryTimeout, retryOn or "
                    + "retryRemoteLocalities is set; set attempts above 0 or remove them");
        }
        Object retryOn = retries.get("retryOn");
        if (retryOn == null) {
            return;
        }
        if (!(retryOn instanceof String text)) {
            check.error(path + ".retryOn", "retryOn must be a comma-separated string, e.g. 5xx,connect-failure");
            return;
        }
        for (String policy : text.split(",", -1)) {
            String trimmed = policy.trim();
            if (!RETRY_ON.contains(trimmed) && !isStatusCode(trimmed)) {
                check.error(path + ".retryOn", "retryOn '" + trimmed + "' is not an Envoy retry policy or HTTP status;"
                        + " use e.g. 5xx, gateway-error, connect-failure, retriable-4xx, reset or 503");
            }
        }
    }

    /** HTTP token characters (RFC 7230), a pseudo-header, or a JWT claim route. */
    private static boolean isHeaderName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        if (PSEUDO_HEADERS.contains(name) || name.startsWith("@request.auth.claims.")) {
            return true;
        }
        return name.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0));
    }

    private static boolean isStatusCode(String text) {
        if (text.length() != 3 || !text.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int code = Integer.parseInt(text);
        return code >= 100 && code <= 599;
    }
}
