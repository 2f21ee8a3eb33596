package io.jenkins.plugins.mesh.plugin.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mesh.plugin.config.MeshCluster;
import io.jenkins.plugins.mesh.plugin.config.MeshPipelineConfiguration;
import java.net.URL;
import java.util.List;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlOption;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * The Snippet Generator of a Pipeline job, as a user meets it: the page renders every mesh step's form, and the form
 * values a user submits come back as the step call to paste into a Jenkinsfile.
 */
public class SnippetGeneratorTest {

    @Rule
    public JenkinsRule r = new JenkinsRule();

    private WorkflowJob job;
    private JenkinsRule.WebClient wc;

    @Before
    public void configure() throws Exception {
        MeshCluster prod = new MeshCluster("prod");
        prod.setServerUrl("https://k8s.example.com:6443");
        MeshPipelineConfiguration.get().setClusters(List.of(prod));
        job = r.createProject(WorkflowJob.class, "deploy");
        wc = r.createWebClient();
    }

    @Test
    public void thePageOffersEveryMeshStepAndRendersItsFormWhenChosen() throws Exception {
        HtmlPage page = wc.getPage(job, "pipeline-syntax");
        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);

        // the page renders a step's form when the step is chosen, as a person does it
        assertThat(formOf(page, "meshCanary: Mesh: canary rollout with health checks")).contains("Cluster",
                "Canary weights in percent", "Interval", "Health checks", "HTTPRoute of the Gateway API",
                "Analysis", "sequential: a look every few seconds", "Look at the metrics every",
                "When the canary cannot be judged", "restore the routes");
        // the phases are behind their own button, as the other advanced fields are
        assertThat(page.asNormalizedText()).contains("Phases: mirror, A/B, sticky sessions");
        assertThat(page.querySelectorAll("textarea[name='_.match']")).hasSize(1);
        assertThat(page.querySelectorAll("input[name='_.steps']")).extracting(n -> ((HtmlInput) n).getValue())
                .contains("10, 25, 50");
        assertThat(formOf(page, "meshTraffic: Mesh: set traffic weights")).contains("Canary weight in percent",
                "Dry run: print the change, write nothing");
        assertThat(formOf(page, "meshRollback: Mesh: roll back routes to the stored snapshot")).contains("Route name",
                "Dry run: print the change, write nothing");
        assertThat(formOf(page, "meshValidate: Mesh: validate Istio and Gateway API configuration"))
                .contains("Files", "Cluster for live references", "Fail on");
        assertThat(formOf(page, "meshAnalyze: Mesh: analyse the current traffic with health checks"))
                .contains("Window", "Fail on", "Where the versions are", "Service, when no route names the versions");
        assertThat(formOf(page, "meshPlan: Mesh: plan a mesh config change (what meshApply would do)"))
                .contains("Files", "Prune: delete objects Mesh Pipeline wrote that are gone from the files",
                        "Fail when objects were changed by hand in the cluster");
        assertThat(formOf(page, "meshApply: Mesh: apply a mesh config change, watched by health checks"))
                .contains("Files", "Metric server", "Health checks", "Watch");
    }

    /** Chooses the step in the drop-down and returns the text of the form the page then shows. */
    private String formOf(HtmlPage page, String option) {
        HtmlOption choice = page.getByXPath("//option").stream().map(HtmlOption.class::cast)
                .filter(o -> o.getText().equals(option)).findFirst()
                .orElseThrow(() -> new AssertionError("the Snippet Generator does not offer " + option));
        choice.getEnclosingSelect().setSelectedAttribute(choice, true);
        // each select fills and each checked field validates by a request of its own: slow on a busy machine
        wc.waitForBackgroundJavaScript(40_000);
        return page.asNormalizedText();
    }

    @Test
    public void aCanaryFormBecomesTheStepCallWithItsWeightsAndChecks() throws Exception {
        JSONObject form = step(MeshCanaryStep.class)
                .element("cluster", "prod").element("namespace", "").element("virtualService", "reviews")
                .element("httpRoute", "").element("route", "primary")
                .element("stable", "v1").element("canary", "v2").element("metrics", "prom-prod")
                .element("interval", "30s").element("steps", "5, 20, 50")
                .element("checks", new JSONArray()
                        .element(check("successRate", "", "99", ""))
                        .element(check("latencyP99", "", "", "500")))
                .element("promote", false).element("failureLimit", "2").element("inconclusiveLimit", "5")
                .element("dryRun", false)
                .element("analysis", "fixed").element("sampleEvery", "5s").element("onInconclusive", "hold");

        assertThat(generate(form)).isEqualTo("meshCanary analysis: 'fixed', canary: 'v2', checks: [[metric: "
                + "'successRate', min: 99.0], [max: 500.0, metric: 'latencyP99']], cluster: 'prod', failureLimit: 2, "
                + "inconclusiveLimit: 5, interval: '30s', metrics: 'prom-prod', onInconclusive: 'hold', promote: false, "
                + "route: 'primary', "
                + "sampleEvery: '5s', stable: 'v1', steps: [5, 20, 50], virtualService: 'reviews'");
    }

    @Test
    public void aCanaryFormWithPhasesBecomesTheStepCall() throws Exception {
        JSONObject form = step(MeshCanaryStep.class)
                .element("cluster", "prod").element("virtualService", "reviews").element("stable", "v1")
                .element("canary", "v2").element("metrics", "prom-prod").element("steps", "10, 50")
                .element("mirror", "20").element("mirrorFor", "5m").element("match", "header:x-canary=true")
                .element("matchFor", "10m").element("afterMatch", "keep").element("sticky", "mesh-canary");

        assertThat(generate(form)).isEqualTo("meshCanary afterMatch: 'keep', canary: 'v2', cluster: 'prod', "
                + "match: 'header:x-canary=true', matchFor: '10m', metrics: 'prom-prod', mirror: '20', "
                + "mirrorFor: '5m', stable: 'v1', steps: [10, 50], sticky: 'mesh-canary', virtualService: 'reviews'");
    }

    @Test
    public void emptyPhaseFieldsAreLeftOutAndSeveralConditionsStayOneParameter() throws Exception {
        JSONObject form = step(MeshCanaryStep.class)
                .element("cluster", "prod").element("virtualService", "reviews").element("stable", "v1")
                .element("canary", "v2").element("metrics", "prom").element("steps", "")
                .element("mirror", "").element("mirrorFor", "").element("match", "header:x-canary=true\ncookie:beta=1")
                .element("matchFor", "").element("afterMatch", "end").element("sticky", "");

        String call = generate(form);
        assertThat(call).startsWith("meshCanary afterMatch: 'end', canary: 'v2', cluster: 'prod', match: ")
                .contains("header:x-canary=true", "cookie:beta=1")
                .doesNotContain("mirror", "matchFor", "sticky", "steps");
    }

    @Test
    public void thePhaseFieldsAreCheckedAsTheEngineWouldAndTheAfterMatchChoicesAreOffered() throws Exception {
        String base = "descriptorByName/" + MeshCanaryStep.class.getName() + "/";
        assertThat(content(base + "checkMirror?value=150")).contains("at most 100 percent");
        assertThat(content(base + "checkMirror?value=lots")).contains("is not a percent");
        assertThat(content(base + "checkMirror?value=0.5")).doesNotContain("error");
        assertThat(content(base + "checkMatch?value=query:x%3D1")).contains("does not start with header: or cookie:");
        assertThat(content(base + "checkMatch?value=header:x-canary%3Dtrue%0Acookie:beta%3D1"))
                .doesNotContain("error");
        assertThat(content(base + "checkSticky?value=a%20cookie")).contains("is not a valid cookie name");
        assertThat(content(base + "checkMirrorFor?value=soon")).contains("soon");
        assertThat(wc.goTo(base + "fillAfterMatchItems", "application/json").getWebResponse().getContentAsString())
                .contains("\"value\":\"\"", "\"value\":\"end\"", "\"value\":\"keep\"",
                        "\"value\":\"remove\"");
    }

    private String content(String path) throws Exception {
        return wc.goTo(path).getWebResponse().getContentAsString();
    }

    @Test
    public void defaultWeightsIntervalAndAnalysisAreLeftOutOfTheCall() throws Exception {
        JSONObject form = step(MeshCanaryStep.class)
                .element("cluster", "prod").element("httpRoute", "reviews").element("stable", "reviews-v1")
                .element("canary", "reviews-v2").element("metrics", "prom").element("interval", "1m")
                .element("steps", "10, 25, 50").element("promote", true).element("failureLimit", "0")
                .element("inconclusiveLimit", "0").element("analysis", "sequential").element("sampleEvery", "10s").element("onInconclusive", "restore");

        assertThat(generate(form)).isEqualTo("meshCanary canary: 'reviews-v2', cluster: 'prod', "
                + "httpRoute: 'reviews', metrics: 'prom', stable: 'reviews-v1'");
    }

    @Test
    public void badWeightsInTheFormAreReportedNotTurnedIntoACall() throws Exception {
        JSONObject form = step(MeshCanaryStep.class).element("cluster", "prod").element("virtualService", "reviews")
                .element("stable", "v1").element("canary", "v2").element("steps", "50, 20");

        assertThat(generate(form)).contains("step weights must increase");
        String check = wc.goTo("descriptorByName/" + MeshCanaryStep.class.getName() + "/checkSteps?value=10,abc")
                .getWebResponse().getContentAsString();
        assertThat(check).contains("abc").contains("is not a whole number");
    }

    @Test
    public void theSampleEveryFieldIsCheckedAsTheEngineWouldAndTheChoicesAreOffered() throws Exception {
        String base = "descriptorByName/" + MeshCanaryStep.class.getName() + "/";
        assertThat(wc.goTo(base + "checkSampleEvery?value=500ms").getWebResponse().getContentAsString())
                .contains("at least 1s");
        assertThat(wc.goTo(base + "checkSampleEvery?value=often").getWebResponse().getContentAsString())
                .contains("often");
        assertThat(wc.goTo(base + "checkSampleEvery?value=5s").getWebResponse().getContentAsString())
                .doesNotContain("error");
        assertThat(wc.goTo(base + "fillAnalysisItems", "application/json").getWebResponse().getContentAsString())
                .contains("\"value\":\"sequential\"", "\"value\":\"fixed\"");
        assertThat(wc.goTo(base + "fillOnInconclusiveItems", "application/json").getWebResponse()
                .getContentAsString()).contains("\"value\":\"restore\"", "\"value\":\"hold\"");
    }

    @Test
    public void trafficRollbackAndValidateFormsBecomeTheirCalls() throws Exception {
        assertThat(generate(step(MeshTrafficStep.class).element("cluster", "prod").element("virtualService", "reviews")
                .element("weight", "30").element("stable", "v1").element("canary", "v2").element("dryRun", true)))
                .isEqualTo("meshTraffic canary: 'v2', cluster: 'prod', dryRun: true, stable: 'v1', "
                        + "virtualService: 'reviews', weight: 30");
        assertThat(generate(step(MeshRollbackStep.class).element("cluster", "prod").element("namespace", "shop")
                .element("httpRoute", "reviews")))
                .isEqualTo("meshRollback cluster: 'prod', httpRoute: 'reviews', namespace: 'shop'");
        assertThat(generate(step(MeshValidateStep.class).element("files", "istio/*.yaml").element("cluster", "")
                .element("failOn", "warning")))
                .isEqualTo("meshValidate failOn: 'warning', files: 'istio/*.yaml'");
    }

    @Test
    public void anAnalyzeFormBecomesItsCall() throws Exception {
        assertThat(generate(step(MeshAnalyzeStep.class).element("stable", "v1").element("canary", "v2")
                .element("metrics", "prom-prod").element("window", "2m").element("failOn", "fail")
                .element("cluster", "prod").element("namespace", "").element("virtualService", "reviews")
                .element("httpRoute", "").element("route", "").element("service", "")
                .element("checks", new JSONArray().element(check("successRate", "", "99", "")))))
                .isEqualTo("meshAnalyze canary: 'v2', checks: [[metric: 'successRate', min: 99.0]], cluster: 'prod', "
                        + "failOn: 'fail', metrics: 'prom-prod', stable: 'v1', virtualService: 'reviews', window: '2m'");
    }

    @Test
    public void planAndApplyFormsBecomeTheirCalls() throws Exception {
        assertThat(generate(step(MeshPlanStep.class).element("files", "deploy/istio/**/*.yaml")
                .element("cluster", "prod").element("namespace", "shop").element("prune", false)
                .element("failOnDrift", true)))
                .isEqualTo("meshPlan cluster: 'prod', failOnDrift: true, files: 'deploy/istio/**/*.yaml', "
                        + "namespace: 'shop'");
        assertThat(generate(step(MeshApplyStep.class).element("files", "deploy/istio/**/*.yaml")
                .element("cluster", "prod").element("namespace", "").element("prune", true)
                .element("metrics", "prom-prod").element("watch", "10m").element("interval", "1m")
                .element("timeout", "10m")
                .element("checks", new JSONArray().element(check("successRate", "", "99", "")))))
                .isEqualTo("meshApply checks: [[metric: 'successRate', min: 99.0]], cluster: 'prod', "
                        + "files: 'deploy/istio/**/*.yaml', metrics: 'prom-prod', prune: true, watch: '10m'");
        assertThat(generate(step(MeshRollbackStep.class).element("cluster", "prod").element("namespace", "shop")
                .element("apply", true)))
                .isEqualTo("meshRollback apply: true, cluster: 'prod', namespace: 'shop'");
    }

    private static JSONObject step(Class<?> type) {
        return new JSONObject().element("stapler-class", type.getName()).element("$class", type.getName());
    }

    private static JSONObject check(String metric, String name, String min, String max) {
        return new JSONObject().element("metric", metric).element("name", name).element("min", min)
                .element("max", max).element("query", "");
    }

    /** What the Snippet Generator's button does: posts the form as JSON and shows the answer. */
    private String generate(JSONObject form) throws Exception {
        WebRequest request = new WebRequest(new URL(r.getURL(), job.getUrl() + "pipeline-syntax/generateSnippet"),
                HttpMethod.POST);
        request.setRequestParameters(List.of(new NameValuePair("json", form.toString())));
        Page answer = wc.getPage(wc.addCrumb(request));
        return answer.getWebResponse().getContentAsString().trim();
    }
}
