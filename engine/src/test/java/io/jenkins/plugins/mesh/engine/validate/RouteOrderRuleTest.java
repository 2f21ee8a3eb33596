package io.jenkins.plugins.mesh.engine.validate;

import static io.jenkins.plugins.mesh.engine.validate.MeshFixture.findings;
import static io.jenkins.plugins.mesh.engine.validate.MeshFixture.single;
import static io.jenkins.plugins.mesh.engine.validate.MeshFixture.withMesh;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.Test;

public class RouteOrderRuleTest {

    private static String vs(String http) {
        return "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: probe, namespace: shop}\n"
                + "spec:\n  hosts: [ratings]\n  http:\n" + http.indent(2);
    }

    private static final String TO_REVIEWS = "  route:\n  - destination: {host: reviews}\n";

    @Test
    public void onlyTheLastRuleMayHaveNoMatch() {
        Finding finding = single(withMesh(vs("- name: all\n" + TO_REVIEWS + "- name: mirror\n" + TO_REVIEWS)),
                FindingCode.IST0130);
        assertThat(finding.message()).contains("rule \"mirror\" not used (only the last rule can have no matches)");
    }

    @Test
    public void aMatchedRuleAfterACatchAllIsUnreachable() {
        Finding finding = single(withMesh(vs("-" + TO_REVIEWS.substring(1) + "- match: [{uri: {prefix: /api}}]\n"
                + TO_REVIEWS)), FindingCode.IST0130);
        assertThat(finding.message()).contains("rule #1 not used (rule #0 before it has no matches");
    }

    @Test
    public void duplicateMatchesAreIneffective() {
        String http = "- match: [{uri: {prefix: /api}}]\n" + TO_REVIEWS
                + "- match: [{uri: {prefix: /api}, name: again}, {uri: {prefix: /web}}]\n" + TO_REVIEWS
                + "- match: [{uri: {prefix: /web}}]\n" + TO_REVIEWS;
        ValidationReport report = withMesh(vs(http));
        assertThat(findings(report, FindingCode.IST0131)).extracting(Finding::message).containsExactly(
                "VirtualService rule #1 match \"again\" is not used (duplicate/overlapping match in rule #0); remove it or "
                        + "make it more specific",
                "VirtualService rule #2 match #0 is not used (duplicate/overlapping match in rule #1); remove it or "
                        + "make it more specific");
        Finding unreachable = single(report, FindingCode.IST0130);
        assertThat(unreachable.message()).contains("rule #2 not used (all matches used by prior rules)");
        assertThat(findings(report, FindingCode.IST0131).get(0).severity()).isEqualTo(Severity.INFO);
    }

    @Test
    public void aMatchThatAnEarlierMatchAlreadyTakesIsNeverReached() {
        String http = "- name: beta\n  match: [{headers: {x-user: {prefix: beta-}}}]\n" + TO_REVIEWS
                + "- name: ab\n  match: [{headers: {x-user: {exact: beta-7}, x-canary: {exact: 'true'}}}, "
                + "{headers: {x-canary: {exact: 'true'}}}]\n" + TO_REVIEWS
                + "- name: api\n  match: [{uri: {prefix: /api}}]\n" + TO_REVIEWS
                + "- name: v2\n  match: [{uri: {prefix: /api/v2}, headers: {cookie: {regex: '.*beta=1.*'}}}]\n"
                + TO_REVIEWS;
        ValidationReport report = withMesh(vs(http));
        assertThat(findings(report, FindingCode.IST0131)).extracting(Finding::message).containsExactly(
                "VirtualService rule \"ab\" match #0 is not used (rule \"beta\" match #0 before it takes every "
                        + "request it matches); move it before that rule or make it more specific",
                "VirtualService rule \"v2\" match #0 is not used (rule \"api\" match #0 before it takes every "
                        + "request it matches); move it before that rule or make it more specific");
        // as istioctl analyze: a whole rule is reported unused (IST0130) for repeated matches, not for covered ones
        assertThat(findings(report, FindingCode.IST0130)).isEmpty();
    }

    @Test
    public void distinctMatchesAreFine() {
        // The exact match first: the prefix after it still takes /api/... (the other way round, see above).
        String http = "- match: [{uri: {exact: /api}}]\n" + TO_REVIEWS + "- match: [{uri: {prefix: /api}}]\n"
                + TO_REVIEWS + "-" + TO_REVIEWS.substring(1);
        assertThat(withMesh(vs(http)).findings()).isEmpty();
    }
}
