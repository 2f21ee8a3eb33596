package io.jenkins.plugins.mesh.plugin.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.Assert.assertThrows;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.ExtensionList;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.springframework.security.access.AccessDeniedException;

public class MeshPipelineConfigurationTest {

    @Rule
    public JenkinsRule r = new JenkinsRule();

    private static MeshCluster prodCluster() {
        MeshCluster cluster = new MeshCluster("prod");
        cluster.setServerUrl("https://k8s.example.com:6443");
        cluster.setCredentialsId("prod-token");
        cluster.setNamespace("shop");
        cluster.setCaCertificate("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----");
        return cluster;
    }

    private static MetricServer promServer() {
        MetricServer server = new MetricServer("prom-prod", "https://prometheus.example.com");
        server.setCredentialsId("prom-token");
        server.setTimeoutSeconds(15);
        return server;
    }

    @Test
    public void globalConfigurationSurvivesTheFormAndADiskReload() throws Exception {
        MeshCluster inCluster = new MeshCluster("local");
        inCluster.setInCluster(true);
        MeshPipelineConfiguration config = MeshPipelineConfiguration.get();
        config.setClusters(List.of(prodCluster(), inCluster));
        config.setMetricServers(List.of(promServer()));

        r.configRoundtrip();

        assertThat(MeshPipelineConfiguration.get().getClusters()).containsExactly(prodCluster(), inCluster);
        assertThat(MeshPipelineConfiguration.get().getMetricServers()).containsExactly(promServer());
        MeshPipelineConfiguration reloaded = new MeshPipelineConfiguration();
        assertThat(reloaded.getClusters()).containsExactly(prodCluster(), inCluster);
        assertThat(reloaded.getMetricServers()).containsExactly(promServer());
    }

    @Test
    public void theSystemPageShowsTheMeshPipelineSectionAndItsSaveButton() throws Exception {
        MeshPipelineConfiguration.get().setClusters(List.of(prodCluster()));
        HtmlPage page = r.createWebClient().goTo("configure");

        HtmlForm form = page.getFormByName("config");
        assertThat(page.asNormalizedText()).contains("Mesh Pipeline", "Kubernetes clusters", "Metric servers",
                "In-cluster: use the service account of the pod Jenkins runs in");
        assertThat(form.getInputsByName("_.name")).extracting(input -> input.getValue()).contains("prod");
        assertThat(r.getButtonByCaption(form, "Save")).isNotNull();
    }

    @Test
    public void valuesTypedIntoTheFormAreSavedAndReadBack() throws Exception {
        MeshPipelineConfiguration.get().setClusters(List.of(prodCluster()));
        MeshPipelineConfiguration.get().setMetricServers(List.of(promServer()));
        HtmlForm form = r.createWebClient().goTo("configure").getFormByName("config");

        field(form, "_.serverUrl", "https://k8s.example.com:6443").setValue("https://k8s.prod.example.com");
        field(form, "_.namespace", "shop").setValue("payments");
        field(form, "_.url", "https://prometheus.example.com").setValue("https://prom.prod.example.com");
        r.submit(form);

        MeshCluster cluster = MeshPipelineConfiguration.get().findCluster("prod").orElseThrow();
        assertThat(cluster.getServerUrl()).isEqualTo("https://k8s.prod.example.com");
        assertThat(cluster.getNamespace()).isEqualTo("payments");
        assertThat(cluster.getCredentialsId()).isEqualTo("prod-token");
        assertThat(MeshPipelineConfiguration.get().findMetricServer("prom-prod").orElseThrow().getUrl())
                .isEqualTo("https://prom.prod.example.com");
        assertThat(new MeshPipelineConfiguration().findCluster("prod").orElseThrow().getNamespace())
                .isEqualTo("payments");
    }

    @Test
    public void aNameUsedTwiceIsRefusedByTheFormAndNothingChanges() throws Exception {
        MeshCluster staging = new MeshCluster("staging");
        staging.setServerUrl("https://k8s.staging.example.com");
        MeshPipelineConfiguration.get().setClusters(List.of(prodCluster(), staging));
        HtmlForm form = r.createWebClient().withThrowExceptionOnFailingStatusCode(false).goTo("configure")
                .getFormByName("config");

        field(form, "_.name", "staging").setValue("prod");
        HtmlPage answer = r.submit(form);

        assertThat(answer.getWebResponse().getStatusCode()).isEqualTo(400);
        assertThat(answer.asNormalizedText()).contains("The name \u201cprod\u201d is used twice");
        assertThat(MeshPipelineConfiguration.get().getClusters()).containsExactly(prodCluster(), staging);
    }

    @Test
    public void fieldChecksAnswerInTheForm() throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient();
        String cluster = "descriptorByName/" + MeshCluster.class.getName() + "/";
        assertThat(wc.goTo(cluster + "checkName?value=Prod_1").getWebResponse().getContentAsString())
                .contains("is not a valid name");
        assertThat(wc.goTo(cluster + "checkServerUrl?value=http://k8s.example.com&inCluster=false")
                .getWebResponse().getContentAsString()).contains("Plain http sends the credential unencrypted");
        assertThat(wc.goTo(cluster + "checkServerUrl?value=https://user:pw@k8s.example.com&inCluster=false")
                .getWebResponse().getContentAsString()).contains("Do not put a user name or password in the URL");
        String server = "descriptorByName/" + MetricServer.class.getName() + "/";
        assertThat(wc.goTo(server + "checkUrl?value=").getWebResponse().getContentAsString())
                .contains("A URL is required");
    }

    private static HtmlInput field(HtmlForm form, String name, String value) {
        return form.getInputsByName(name).stream().filter(input -> value.equals(input.getValue())).findFirst()
                .orElseThrow(() -> new AssertionError("no field " + name + " with value " + value));
    }

    @Test
    public void unknownClusterNameListsTheConfiguredOnes() {
        MeshPipelineConfiguration.get().setClusters(List.of(prodCluster()));
        Exception e = assertThrows(Exception.class, () -> MeshPipelineConfiguration.get().requireCluster("staging"));
        assertThat(e).hasMessageContaining("staging").hasMessageContaining("prod");
    }

    private void secure() {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ).everywhere().to("reader")
                .grant(Jenkins.ADMINISTER).everywhere().to("admin"));
    }

    @Test
    public void connectionTestsNeedAdminister() {
        secure();
        MeshCluster.DescriptorImpl clusters = ExtensionList.lookupSingleton(MeshCluster.DescriptorImpl.class);
        MetricServer.DescriptorImpl servers = ExtensionList.lookupSingleton(MetricServer.DescriptorImpl.class);
        try (ACLContext ignored = ACL.as2(User.getById("reader", true).impersonate2())) {
            assertThrows(AccessDeniedException.class, () -> clusters.doTestConnection("prod",
                    "https://127.0.0.1:1", false, "prod-token", null, null, false));
            assertThrows(AccessDeniedException.class, () -> servers.doTestConnection("prom",
                    "https://127.0.0.1:1", "prom-token", null, 1));
        }
    }

    @Test
    public void connectionTestsAreRejectedOverGet() throws Exception {
        secure();
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        wc.login("admin");
        for (Class<?> type : List.of(MeshCluster.class, MetricServer.class)) {
            int status = wc.goTo("descriptorByName/" + type.getName() + "/testConnection", null)
                    .getWebResponse().getStatusCode();
            // org.kohsuke.stapler.verb.POST answers any other verb with 404 (@RequirePOST would answer 405)
            assertThat(status).as(type.getSimpleName()).isEqualTo(404);
        }
    }

    @Test
    public void credentialIdsAreListedToAdministratorsOnly() throws Exception {
        secure();
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, "prod-token", "deployer token", Secret.fromString("s3cr3t")));
        SystemCredentialsProvider.getInstance().save();
        MeshCluster.DescriptorImpl clusters = ExtensionList.lookupSingleton(MeshCluster.DescriptorImpl.class);
        try (ACLContext ignored = ACL.as2(User.getById("reader", true).impersonate2())) {
            assertThat(values(clusters.doFillCredentialsIdItems("https://k8s.example.com", ""))).containsExactly("");
        }
        try (ACLContext ignored = ACL.as2(User.getById("admin", true).impersonate2())) {
            assertThat(values(clusters.doFillCredentialsIdItems("https://k8s.example.com", "")))
                    .contains("", "prod-token");
        }
    }

    private static List<String> values(ListBoxModel model) {
        return model.stream().map(option -> option.value).toList();
    }
}
