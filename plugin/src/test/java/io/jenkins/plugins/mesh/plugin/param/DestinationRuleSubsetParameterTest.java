package io.jenkins.plugins.mesh.plugin.param;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.Assert.assertThrows;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.ParametersAction;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.StringParameterValue;
import io.jenkins.plugins.mesh.plugin.config.MeshCluster;
import io.jenkins.plugins.mesh.plugin.config.MeshPipelineConfiguration;
import io.jenkins.plugins.mesh.simulator.SimulatedCluster;
import java.nio.file.Files;
import java.util.List;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlOption;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * The DestinationRule subset parameter on the Build with Parameters page, against the simulator's API server holding
 * DestinationRule {@code bookinfo/reviews} with subsets v1 and v2.
 */
public class DestinationRuleSubsetParameterTest {

    @Rule
    public JenkinsRule r = new JenkinsRule();

    private SimulatedCluster cluster;
    private WorkflowJob job;

    @Before
    public void startCluster() throws Exception {
        cluster = SimulatedCluster.start();
        SystemCredentialsProvider credentials = SystemCredentialsProvider.getInstance();
        credentials.getCredentials().add(new FileCredentialsImpl(CredentialsScope.GLOBAL, "sim-kubeconfig",
                "simulated cluster", "kubeconfig.yaml",
                SecretBytes.fromRawBytes(Files.readAllBytes(cluster.kubeconfig()))));
        credentials.save();
        MeshCluster sim = new MeshCluster("sim");
        sim.setCredentialsId("sim-kubeconfig");
        sim.setNamespace(SimulatedCluster.NAMESPACE);
        MeshPipelineConfiguration.get().setClusters(List.of(sim));

        DestinationRuleSubsetParameterDefinition version =
                new DestinationRuleSubsetParameterDefinition("VERSION", "sim", "reviews");
        version.setDescription("The reviews version to roll out");
        job = r.createProject(WorkflowJob.class, "deploy");
        job.addProperty(new ParametersDefinitionProperty(version));
        job.setDefinition(new CpsFlowDefinition("echo \"deploying ${params.VERSION}\"", true));
    }

    @After
    public void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** The Build with Parameters page; Jenkins answers its GET with 405 (the build itself needs a POST). */
    private HtmlPage parametersPage() throws Exception {
        return r.createWebClient().withThrowExceptionOnFailingStatusCode(false).getPage(job, "build?delay=0sec");
    }

    @Test
    public void theBuildPageOffersTheSubsetsAndBuildsWithTheChosenOne() throws Exception {
        HtmlPage page = parametersPage();
        HtmlForm form = page.getFormByName("parameters");
        HtmlSelect select = form.getSelectByName("value");

        assertThat(select.getOptions()).extracting(HtmlOption::getValueAttribute).containsExactly("v1", "v2");
        assertThat(page.asNormalizedText()).contains("The reviews version to roll out");

        select.setSelectedAttribute("v2", true);
        r.submit(form);
        r.waitUntilNoActivity();

        WorkflowRun run = job.getLastBuild();
        assertThat(run).isNotNull();
        r.assertLogContains("deploying v2", run);
        StringParameterValue value = (StringParameterValue) run.getAction(ParametersAction.class)
                .getParameter("VERSION");
        assertThat(value.getValue()).isEqualTo("v2");
    }

    @Test
    public void anInvalidSubsetIsAFormErrorAndStartsNoBuild() throws Exception {
        HtmlPage page = parametersPage();
        HtmlForm form = page.getFormByName("parameters");
        HtmlOption forged = (HtmlOption) form.getSelectByName("value").getOptions().get(0);
        forged.setValueAttribute("V2; rm -rf /");
        forged.setSelected(true);

        HtmlPage answer = r.submit(form);

        assertThat(answer.getWebResponse().getStatusCode()).isEqualTo(400);
        assertThat(answer.asNormalizedText()).contains("Parameter VERSION", "is not a subset name");
        r.waitUntilNoActivity();
        assertThat(job.getLastBuild()).isNull();
    }

    @Test
    public void aScriptedValueIsCheckedToo() {
        DestinationRuleSubsetParameterDefinition version =
                (DestinationRuleSubsetParameterDefinition) job.getProperty(ParametersDefinitionProperty.class)
                        .getParameterDefinition("VERSION");
        assertThat(((StringParameterValue) version.createValue(" v2 ")).getValue()).isEqualTo("v2");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> version.createValue("V2!"));
        assertThat(e).hasMessageContaining("is not a subset name");
    }

    @Test
    public void anUnreachableClusterStillOffersTheDefaultAndSaysWhy() throws Exception {
        DestinationRuleSubsetParameterDefinition version =
                new DestinationRuleSubsetParameterDefinition("VERSION", "sim", "reviews");
        version.setDefaultValue("v1");
        job.removeProperty(ParametersDefinitionProperty.class);
        job.addProperty(new ParametersDefinitionProperty(version));
        cluster.close();
        cluster = null;

        HtmlPage page = parametersPage();

        assertThat(page.getFormByName("parameters").getSelectByName("value").getOptions())
                .extracting(HtmlOption::getValueAttribute).containsExactly("v1");
        assertThat(page.querySelectorAll(".warning")).hasSize(1);
    }
}
