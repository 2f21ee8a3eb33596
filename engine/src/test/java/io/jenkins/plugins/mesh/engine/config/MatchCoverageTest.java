package io.jenkins.plugins.mesh.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.Test;
import org.yaml.snakeyaml.Yaml;

public class MatchCoverageTest {

    @Test
    public void aConditionCoversTheNarrowerConditionsItImplies() {
        assertThat(covers("{}", "{uri: {prefix: /a}}")).isTrue();
        assertThat(covers("{uri: {prefix: /a}}", "{uri: {prefix: /a/b}}")).isTrue();
        assertThat(covers("{uri: {prefix: /a}}", "{uri: {exact: /a}}")).isTrue();
        assertThat(covers("{uri: {exact: /a}}", "{uri: {prefix: /a}}")).isFalse();
        assertThat(covers("{headers: {x: {regex: 'a.*'}}}", "{headers: {x: {exact: abc}}}")).isTrue();
        assertThat(covers("{headers: {x: {regex: 'a'}}}", "{headers: {x: {exact: abc}}}")).isFalse();
        assertThat(covers("{headers: {X-User: {exact: a}}}", "{headers: {x-user: {exact: a}, y: {exact: b}}}"))
                .isTrue();
        assertThat(covers("{headers: {x: {exact: a}, y: {exact: b}}}", "{headers: {x: {exact: a}}}")).isFalse();
        assertThat(covers("{headers: {x: {}}}", "{headers: {x: {prefix: p}}}")).isTrue();
        assertThat(covers("{port: 80}", "{port: 80, uri: {prefix: /}}")).isTrue();
        assertThat(covers("{port: 80}", "{port: 81}")).isFalse();
        assertThat(covers("{uri: {prefix: /a}, name: first}", "{uri: {prefix: /a}, name: second}")).isTrue();
        assertThat(covers("{uri: {prefix: /a}}", "{uri: {prefix: /a}, ignoreUriCase: true}")).isFalse();
        assertThat(covers("{uri: {prefix: /a}, ignoreUriCase: true}", "{uri: {prefix: /a}}")).isTrue();
        assertThat(covers("{sourceLabels: {app: a}}", "{}")).isFalse();
        assertThat(covers("{headers: {x: {regex: '(?=a)'}}}", "{headers: {x: {exact: a}}}")).isFalse();
    }

    private static boolean covers(String earlier, String later) {
        Map<?, ?> a = new Yaml().load(earlier);
        Map<?, ?> b = new Yaml().load(later);
        return MatchCoverage.covers(a, b);
    }
}
