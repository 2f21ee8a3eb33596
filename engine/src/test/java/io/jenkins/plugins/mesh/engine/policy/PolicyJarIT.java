package io.jenkins.plugins.mesh.engine.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.Test;

/**
 * The packaged engine jar is self-contained: with only it and the engine's own libraries (re2j, fabric8, Jackson,
 * SnakeYAML) on a class path (no cel-java, Guava, protobuf, ANTLR or threeten-extra outside it), a policy compiles and finds a violation,
 * and no class of those libraries is visible under its own name, so the copies Jenkins core or other plugins carry
 * are never touched.
 */
public class PolicyJarIT {

    private static final List<String> RELOCATED = List.of("/dev/cel/", "/com/google/guava/", "/com/google/protobuf/",
            "/org/antlr/", "/org/threeten/", "/com/google/errorprone/", "/com/google/j2objc/",
            "/com/google/auto/value/", "/org/jspecify/");

    @Test
    public void theEngineJarEvaluatesPolicyRulesWithItsCelRelocated() throws Exception {
        List<URL> path = new ArrayList<>();
        Path policyJar = null;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String normalized = entry.replace(File.separatorChar, '/');
            if (normalized.matches(".*/mesh-pipeline-engine-[^/]*\\.jar")) {
                policyJar = Path.of(entry);
            }
            if (normalized.endsWith("/engine/target/classes") || normalized.endsWith("/engine/target/test-classes")
                    || RELOCATED.stream().anyMatch(normalized::contains)) {
                continue;
            }
            path.add(Path.of(entry).toUri().toURL());
        }
        assertThat(policyJar).as("the packaged engine jar on the class path").isNotNull();
        try (JarFile jar = new JarFile(policyJar.toFile())) {
            assertThat(jar.getEntry("io/jenkins/plugins/mesh/engine/shaded/com/google/common/collect/ImmutableList.class"))
                    .isNotNull();
            assertThat(jar.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class"))
                    .filter(n -> !n.startsWith("io/jenkins/plugins/mesh/engine/"))).isEmpty();
        }
        try (URLClassLoader loader = new URLClassLoader(path.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> loader.loadClass("com.google.common.collect.ImmutableList"))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> loader.loadClass("dev.cel.compiler.CelCompiler"))
                    .isInstanceOf(ClassNotFoundException.class);
            Class<?> policyFile = loader.loadClass("io.jenkins.plugins.mesh.engine.policy.PolicyFile");
            Object policy = policyFile.getMethod("read", String.class, String.class).invoke(null, "p.yaml",
                    "rules:\n- name: two-hosts-at-most\n  kinds: [VirtualService]\n"
                            + "  expression: object.spec.hosts.size() <= 2\n  message: too many hosts\n");
            Object rule = policyFile.getMethod("toRule").invoke(policy);
            Class<?> loaderClass = loader.loadClass("io.jenkins.plugins.mesh.engine.config.YamlConfigLoader");
            Object config = loaderClass.getMethod("read", String.class, String.class).invoke(
                    loaderClass.getConstructor(String.class).newInstance("shop"), "vs.yaml",
                    "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: web}\n"
                            + "spec: {hosts: [a, b, c], http: [{route: [{destination: {host: a}}]}]}\n");
            Class<?> validatorClass = loader.loadClass("io.jenkins.plugins.mesh.engine.validate.Validator");
            Object validator = validatorClass.getMethod("with", List.class).invoke(
                    validatorClass.getMethod("standard").invoke(null), List.of(rule));
            Method validate = validatorClass.getMethod("validate", loader.loadClass(
                    "io.jenkins.plugins.mesh.engine.config.LoadedConfig"), List.class, loader.loadClass(
                            "io.jenkins.plugins.mesh.engine.validate.CanaryTarget"));
            Object report = validate.invoke(validator, config, List.of(), null);
            List<?> findings = (List<?>) report.getClass().getMethod("findings").invoke(report);
            List<String> texts = new ArrayList<>();
            for (Object finding : findings) {
                texts.add((String) finding.getClass().getMethod("toText").invoke(finding));
            }
            assertThat(texts).contains("vs.yaml:3: error MESH0007 VirtualService shop/web: [two-hosts-at-most] too many "
                    + "hosts");
        }
    }
}
