package io.jenkins.plugins.mesh.plugin.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.yaml.snakeyaml.Yaml;

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

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    public void theExportReadsBackAsTheSameConfiguration() throws Exception {
        MeshPipelineConfiguration config = MeshPipelineConfiguration.get();
        List<MeshCluster> clusters = config.getClusters();
        List<MetricServer> servers = config.getMetricServers();

        ByteArrayOutputStream exported = new ByteArrayOutputStream();
        ConfigurationAsCode.get().export(exported);
        String yaml = exported.toString(StandardCharsets.UTF_8);
        Map<String, Object> meshPipeline = unclassified(yaml).get("meshPipeline");
        assertThat(meshPipeline).isEqualTo(unclassified(Files.readString(Path.of(
                getClass().getResource("configuration-as-code.yml").toURI()), StandardCharsets.UTF_8))
                .get("meshPipeline"));

        config.setClusters(List.of());
        config.setMetricServers(List.of());
        Path file = Files.createTempFile(r.jenkins.getRootDir().toPath(), "exported", ".yml");
        Files.writeString(file, new Yaml().dump(Map.of("unclassified", Map.of("meshPipeline", meshPipeline))));
        ConfigurationAsCode.get().configure(file.toString());

        assertThat(MeshPipelineConfiguration.get().getClusters()).isEqualTo(clusters);
        assertThat(MeshPipelineConfiguration.get().getMetricServers()).isEqualTo(servers);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> unclassified(String yaml) {
        Map<String, Object> root = new Yaml().load(yaml);
        return (Map<String, Map<String, Object>>) root.get("unclassified");
    }
}
