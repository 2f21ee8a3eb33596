package io.jenkins.plugins.mesh.plugin.report;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.htmlunit.html.HtmlPage;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

public class MeshRolloutActionTest {

    @Rule
    public JenkinsRule r = new JenkinsRule();

    private static final String REPORT = "{\"outcome\":\"ROLLED_BACK\",\"target\":\"shop/<b>reviews</b>\","
            + "\"reason\":\"success-rate>=99 failed\",\"restored\":true,\"durationMs\":125000,"
            + "\"steps\":[{\"weight\":10,\"at\":\"2026-11-26T10:00:00.123456789Z\",\"verdict\":\"PASS\",\"analyses\":1},"
            + "{\"weight\":25,\"at\":\"2026-11-26T10:01:00Z\",\"verdict\":\"FAIL\",\"analyses\":1}],"
            + "\"checks\":[{\"name\":\"success-rate>=99\",\"value\":99.95,\"threshold\":\"canary success rate >= 99 %\","
            + "\"verdict\":\"PASS\",\"at\":\"2026-11-26T10:01:00Z\",\"weight\":10,"
            + "\"detail\":\"success rate 99.95 % (1 of 2000 requests failed)\"},"
            + "{\"name\":\"success-rate>=99\",\"value\":97.5,\"threshold\":\"canary success rate >= 99 %\","
            + "\"verdict\":\"FAIL\",\"at\":\"2026-11-26T10:02:05Z\",\"weight\":25,\"detail\":\"\"}],"
            + "\"timeline\":[{\"at\":\"2026-11-26T10:00:00.123456789Z\",\"type\":\"WEIGHT_SET\",\"weight\":10,"
            + "\"message\":\"canary at 10%\"},{\"at\":\"2026-11-26T10:01:00Z\",\"type\":\"WEIGHT_SET\",\"weight\":25,"
            + "\"message\":\"canary at 25%\"},{\"at\":\"2026-11-26T10:02:05Z\",\"type\":\"RESTORED\",\"weight\":0,"
            + "\"message\":\"routes restored\"}]}";

    @Test
    public void theReportIsArchivedAndServed() throws Exception {
        FreeStyleBuild build = r.buildAndAssertSuccess(r.createFreeStyleProject());

        MeshRolloutAction.record(build, REPORT);

        File archived = new File(build.getRootDir(), "mesh-pipeline/rollout-0.json");
        assertThat(Files.readString(archived.toPath(), StandardCharsets.UTF_8)).isEqualTo(REPORT);
        MeshRolloutAction action = build.getAction(MeshRolloutAction.class);
        assertThat(action.getReportCount()).isEqualTo(1);
        assertThat(action.getLastReport().getOutcome()).isEqualTo("ROLLED_BACK");
        String json = r.createWebClient().goTo(build.getUrl() + "mesh-rollout/reportJson?index=0",
                "application/json").getWebResponse().getContentAsString();
        assertThat(json).isEqualTo(REPORT);
    }

    @Test
    public void theBuildPageSummaryReadsAsASentence() throws Exception {
        FreeStyleBuild build = r.buildAndAssertSuccess(r.createFreeStyleProject());
        MeshRolloutAction.record(build, REPORT);

        String text = r.createWebClient().getPage(build).asNormalizedText();

        assertThat(text).contains("Mesh rollout: ROLLED_BACK").contains("shop/<b>reviews</b>")
                .contains("canary weight 0 % · 2 min 5 s · routes restored")
                .doesNotContain("ROLLED_BACKof");
    }

    @Test
    public void theRolloutPageShowsChartsTablesAndRelativeTimes() throws Exception {
        FreeStyleBuild build = r.buildAndAssertSuccess(r.createFreeStyleProject());
        MeshRolloutAction.record(build, REPORT);

        HtmlPage page = r.createWebClient().getPage(build, "mesh-rollout/");

        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
        String html = page.getWebResponse().getContentAsString();
        // the canary weight chart and one chart for the success rate, with its 99 % line
        assertThat(html).contains("class=\"mesh-chart mesh-weight-chart\"").contains("mesh-check-chart")
                .contains("min 99 %").contains("mesh-limit-line");
        // the target came from the report: shown as text, never as markup
        assertThat(html).doesNotContain("<b>reviews</b>").contains("shop/&lt;b>reviews&lt;/b>");
        String text = page.asNormalizedText();
        assertThat(text).contains("Checks over time", "Steps", "Time line", "Routes restored yes",
                "ROLLED_BACK shop/<b>reviews</b>");
        // times relative to the start, values rounded, no raw instants
        assertThat(text).contains("+0s", "+1m00s", "+2m05s", "99.95 %", "97.5 %")
                .doesNotContain("2026-11-26T10:00:00.123456789Z").doesNotContain("97.500");
        assertThat(page.querySelectorAll(".mesh-verdict--fail")).hasSize(2);
        // the side panel of the build is there (the page includes the run's sidepanel.jelly)
        assertThat(page.querySelectorAll("#side-panel")).isNotEmpty();
    }
}
