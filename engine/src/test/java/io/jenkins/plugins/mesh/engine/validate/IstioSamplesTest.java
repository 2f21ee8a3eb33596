package io.jenkins.plugins.mesh.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mesh.engine.config.LoadedConfig;
import io.jenkins.plugins.mesh.engine.config.YamlConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * Istio's sample apps, recreated in src/test/resources/samples, validate without an error, the way their users apply
 * them: each app's folder at once; Bookinfo's Services, gateway and subsets with each of its routing variants.
 * Warnings istioctl analyze gives too are allowed (the egress sample originates TLS without a CA: IST0129).
 */
public class IstioSamplesTest {

    private static List<Finding> errors(Path... paths) throws Exception {
        LoadedConfig config = new YamlConfigLoader("default").load(List.of(paths));
        assertThat(config.problems()).isEmpty();
        return Validator.standard().validate(config, List.of(), null).findings().stream()
                .filter(f -> f.severity() == Severity.ERROR).toList();
    }

    private static Path samples(String folder) throws Exception {
        return Path.of(IstioSamplesTest.class.getResource("/samples/" + folder).toURI());
    }

    @Test
    public void eachSampleAppValidatesWithoutErrors() throws Exception {
        for (String app : List.of("egress", "helloworld", "httpbin", "tcp-echo", "gateway-api")) {
            assertThat(errors(samples(app))).as(app).isEmpty();
        }
    }

    @Test
    public void bookinfoWithEachRoutingVariantValidatesWithoutErrors() throws Exception {
        List<Path> variants = new ArrayList<>();
        try (Stream<Path> files = Files.list(samples("bookinfo-routes"))) {
            files.sorted().forEach(variants::add);
        }
        assertThat(variants).hasSizeGreaterThan(3);
        for (Path variant : variants) {
            assertThat(errors(samples("bookinfo"), variant)).as(variant.getFileName().toString()).isEmpty();
        }
    }

    @Test
    public void theEgressSampleGetsTheWarningIstioctlAnalyzeGives() throws Exception {
        LoadedConfig config = new YamlConfigLoader("default").load(List.of(samples("egress")));
        List<Finding> findings = Validator.standard().validate(config, List.of(), null).findings();
        assertThat(findings).extracting(Finding::code).containsExactly(FindingCode.IST0129);
    }
}
