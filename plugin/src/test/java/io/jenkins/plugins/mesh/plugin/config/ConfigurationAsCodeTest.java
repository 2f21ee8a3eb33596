package io.jenkins.plugins.mesh.plugin.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import org.junit.Rule;
import org.junit.Test;

public class ConfigurationAsCodeTest {

    @Rule
    public JenkinsConfiguredWithCodeRule r = new JenkinsConfiguredWithCodeRule();

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    public void importsClustersAndMetricServers() {
        MeshPipelineConfiguration config = MeshPipelineConfiguration.get();

        MeshCluster prod = config.findCluster("prod").orElseThrow();
        assertThat(prod.getServerUrl()).isEqualTo("https://k8s.example.com:6443");
        assertThat(prod.getCredentialsId()).isEqualTo("prod-deployer-token");
        assertThat(prod.getNamespace()).isEqualTo("shop");
        assertThat(prod.isInCluster()).isFalse();
        assertThat(config.findCluster("local").orElseThrow().isInCluster()).isTrue();

        MetricServer prom = config.findMetricServer("prom-prod").orElseThrow();
        assertThat(prom.getUrl()).isEqualTo("https://prometheus.example.com");
        assertThat(prom.getCredentialsId()).isEqualTo("prom-token");
        assertThat(prom.getTimeoutSeconds()).isEqualTo(20);
    }
}
