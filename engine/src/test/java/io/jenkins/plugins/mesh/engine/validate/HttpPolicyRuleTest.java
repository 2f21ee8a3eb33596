package io.jenkins.plugins.mesh.engine.validate;

import static io.jenkins.plugins.mesh.engine.validate.MeshFixture.single;
import static io.jenkins.plugins.mesh.engine.validate.MeshFixture.withMesh;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.Test;

public class HttpPolicyRuleTest {

    /** A VirtualService whose single HTTP route has {@code policy} next to a valid route. */
    private static String withPolicy(String policy) {
        return MeshFixture.probe("networking.istio.io/v1", "VirtualService", "hosts: [ratings]\nhttp:\n- route:\n"
                + "  - destination: {host: reviews}\n" + policy.indent(2));
    }

    private static String error(String policy) {
        return single(withMesh(withPolicy(policy)), FindingCode.IST0106).message();
    }

    private static void valid(String policy) {
        assertThat(withMesh(withPolicy(policy)).findings()).isEmpty();
    }

    @Test
    public void regexMustBeRe2() {
        assertThat(error("match:\n- uri:\n    regex: '^/(?=api)'")).contains("not a valid RE2 regex");
        assertThat(error("match:\n- headers:\n    x-id:\n      regex: '(a)\\1'")).contains("not a valid RE2 regex");
        valid("match:\n- uri:\n    regex: '^/api/(v1|v2)/[a-z]+$'");
    }

    @Test
    public void regexMustBeNonEmptyAndShort() {
        assertThat(error("match:\n- uri:\n    regex: ''")).contains("is empty");
        assertThat(error("match:\n- uri:\n    regex: '" + "a".repeat(1025) + "'")).contains("1025 characters");
        valid("match:\n- uri:\n    regex: '" + "a".repeat(1024) + "'");
    }

    @Test
    public void headerNamesAreHttpTokens() {
        assertThat(error("match:\n- headers:\n    'end user': {exact: jason}")).contains("'end user' is not a valid "
                + "header name");
        assertThat(error("match:\n- headers:\n    x-user:")).contains("has no condition");
        valid("match:\n- headers:\n    ':authority': {exact: a}\n    '@request.auth.claims.group': {exact: b}\n"
                + "  withoutHeaders:\n    x-debug: {}\n  queryParams:\n    'a b': {exact: c}");
    }

    @Test
    public void stringMatchHasOneKind() {
        assertThat(error("match:\n- uri: {exact: /a, prefix: /b}")).contains("use one of exact, prefix or regex");
    }

    @Test
    public void durationsAreWholeMillisecondsOfAtLeastOne() {
        assertThat(error("timeout: 500us")).contains("shorter than 1ms");
        assertThat(error("timeout: 1.5ms")).contains("not a whole number of milliseconds");
        assertThat(error("timeout: soon")).contains("is not a duration");
        assertThat(error("timeout: 10")).contains("is not a duration");
        valid("timeout: 1ms");
        valid("timeout: 1.5s");
        valid("timeout: 1h2m3s");
    }

    @Test
    public void retries() {
        assertThat(error("retries: {attempts: -1}")).contains("is negative");
        assertThat(error("retries: {attempts: 0, perTryTimeout: 1s}")).contains("retries off");
        assertThat(error("retries: {attempts: 0, retryOn: 5xx}")).contains("retries off");
        assertThat(error("retries: {retryOn: 5xx}")).as("omitted attempts is 0").contains("retries off");
        assertThat(error("retries: {attempts: 2, retryOn: '5xx,sometimes'}")).contains("'sometimes' is not an Envoy");
        assertThat(error("retries: {attempts: 2, retryOn: '999'}")).contains("'999' is not an Envoy");
        assertThat(error("retries: {attempts: 2, perTryTimeout: 0s}")).contains("shorter than 1ms");
        valid("retries: {attempts: 0}");
        valid("retries: {attempts: 2, retryOn: 'gateway-error, reset,503,unavailable', perTryTimeout: 250ms}");
    }

    @Test
    public void mirrorPercentagesAndExclusivity() {
        assertThat(error("mirror: {host: reviews}\nmirrorPercentage: {value: 150}")).contains("percentage from 0 to 100");
        assertThat(error("mirrors:\n- destination: {host: reviews}\n  percentage: {value: -1}"))
                .contains("percentage from 0 to 100");
        assertThat(error("mirror: {host: reviews}\nmirrors:\n- destination: {host: reviews}"))
                .contains("either mirror or mirrors");
        valid("mirror: {host: reviews}\nmirrorPercentage: {value: 12.5}");
    }

    @Test
    public void faultPercentagesAndStatus() {
        assertThat(error("fault:\n  abort: {httpStatus: 503, percentage: {value: 101}}")).contains("0 to 100");
        assertThat(error("fault:\n  abort: {httpStatus: 99, percentage: {value: 1}}")).contains("from 200 to 599");
        assertThat(error("fault:\n  delay: {fixedDelay: 0.1ms, percentage: {value: 1}}")).contains("shorter than 1ms");
        valid("fault:\n  delay: {fixedDelay: 5s, percentage: {value: 100}}");
    }

    @Test
    public void rewriteRegex() {
        assertThat(error("rewrite:\n  uriRegexRewrite: {match: '(?<=a)b', rewrite: /x}"))
                .contains("not a valid RE2 regex");
    }
}
