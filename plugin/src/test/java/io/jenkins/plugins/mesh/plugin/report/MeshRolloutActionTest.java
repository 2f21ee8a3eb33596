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
            + "\"restored\":true,\"durationMs\":120000,"
            + "\"steps\":[{\"weight\":10,\"at\":\"2026-11-26T10:00:00Z\",\"verdict\":\"PASS\"},"
            + "{\"weight\":25,\"at\":\"2026-11-26T10:01:00Z\",\"verdict\":\"FAIL\"}],"
            + "\"checks\":[{\"name\":\"successRate\",\"value\":97.5,\"threshold\":\">= 99\",\"verdict\":\"FAIL\","
            + "\"at\":\"2026-11-26T10:02:00Z\"}]}";

    @Test
    public void reportIsArchivedShownAndServed() throws Exception {
        FreeStyleProject project = r.createFreeStyleProject();
        FreeStyleBuild build = r.buildAndAssertSuccess(project);

        MeshRolloutAction.record(build, REPORT);

        File archived = new File(build.getRootDir(), "mesh-pipeline/rollout-0.json");
        assertThat(Files.readString(archived.toPath(), StandardCharsets.UTF_8)).isEqualTo(REPORT);

        build.reload();
        MeshRolloutAction action = build.getAction(MeshRolloutAction.class);
        assertThat(action.getReportCount()).isEqualTo(1);
        assertThat(action.getLastReport().getOutcome()).isEqualTo("ROLLED_BACK");

        JenkinsRule.WebClient wc = r.createWebClient();
        String summary = wc.getPage(build).getWebResponse().getContentAsString();
        assertThat(summary).contains("ROLLED_BACK").contains("25 %");

        HtmlPage page = wc.getPage(build, "mesh-rollout/");
        String html = page.getWebResponse().getContentAsString();
        assertThat(html).contains("<svg").contains("97.500").contains("&gt;= 99");
        // the target came from the report: shown as text, never as markup
        assertThat(html).doesNotContain("<b>reviews</b>");

        String json = wc.goTo(build.getUrl() + "mesh-rollout/reportJson?index=0", "application/json")
                .getWebResponse().getContentAsString();
        assertThat(json).isEqualTo(REPORT);
    }
}
