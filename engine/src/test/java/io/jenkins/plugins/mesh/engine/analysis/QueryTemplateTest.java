package io.jenkins.plugins.mesh.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class QueryTemplateTest {

    private static Map<String, String> values(String canary) {
        Map<String, String> values = new HashMap<>();
        values.put("namespace", "shop");
        values.put("service", "reviews");
        values.put("stable", "v1");
        values.put("canary", canary);
        values.put("stable_service", "reviews");
        values.put("canary_service", "reviews");
        values.put("window", "60s");
        values.put("version_label", "destination_version");
        return values;
    }

    @Test
    public void fillsPlaceholdersInsideLabelValuesAndSyntaxPlaceholdersAnywhere() {
        QueryTemplate template = new QueryTemplate("sum(rate(x{{{version_label}}=\"{{canary}}\",ns='{{ namespace }}'}"
                + "[{{window}}]))");
        assertThat(template.render(values("v2")))
                .isEqualTo("sum(rate(x{destination_version=\"v2\",ns='shop'}[60s]))");
    }

    @Test
    public void aValueCannotEndItsStringAndInjectQueryText() {
        QueryTemplate template = new QueryTemplate("sum(x{v=\"{{canary}}\"}) + sum(y{v='{{canary}}'})");
        String hostile = "v2\"}) or vector(1) or sum(x{a='\\";
        String rendered = template.render(values(hostile));
        assertThat(rendered).isEqualTo("sum(x{v=\"v2\\\"}) or vector(1) or sum(x{a='\\\\\"}) + "
                + "sum(y{v='v2\"}) or vector(1) or sum(x{a=\\'\\\\'})");
        assertThat(new QueryTemplate("x{v=\"{{canary}}\"}").render(values("a\nb"))).isEqualTo("x{v=\"a\\nb\"}");
    }

    @Test
    public void valuesInRegexMatchersMatchLiterally() {
        assertThat(new QueryTemplate("x{v=~\"{{canary}}\"}").render(values("v2.1"))).isEqualTo("x{v=~\"v2\\\\.1\"}");
        assertThat(new QueryTemplate("x{v !~ '{{canary}}|v3'}").render(values("v2.1")))
                .isEqualTo("x{v !~ 'v2\\\\.1|v3'}");
    }

    @Test
    public void rejectsNamePlaceholdersOutsideQuotesAndUnknownOnes() {
        assertThatThrownBy(() -> new QueryTemplate("x{v={{canary}}}"))
                .hasMessageContaining("{{canary}} must sit inside a quoted label value");
        assertThatThrownBy(() -> new QueryTemplate("x{v=`{{canary}}`}"))
                .hasMessageContaining("must sit inside a quoted label value");
        assertThatThrownBy(() -> new QueryTemplate("x{v=\"{{version}}\"}"))
                .hasMessageContaining("unknown placeholder {{version}}");
        assertThatThrownBy(() -> new QueryTemplate("x{v=\"v2}")).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> new QueryTemplate(" ")).hasMessageContaining("empty");
    }

    @Test
    public void escapedQuotesInTheTemplateDoNotConfuseTheScanner() {
        QueryTemplate template = new QueryTemplate("x{a=\"say \\\"hi\\\" {{canary}}\"}");
        assertThat(template.render(values("v2"))).isEqualTo("x{a=\"say \\\"hi\\\" v2\"}");
    }

    @Test
    public void takesItsValuesFromTheContext() {
        CheckContext context = new CheckContext(new FixedMeshObserver(), null,
                VersionSelector.host("shop", "reviews"), VersionSelector.host("shop", "reviews-canary"),
                Duration.ofMillis(90_500), 0, Instant.EPOCH);
        Map<String, String> values = QueryTemplate.values(context);
        assertThat(values).containsEntry("stable", "reviews").containsEntry("canary", "reviews-canary")
                .containsEntry("canary_service", "reviews-canary").containsEntry("window", "90500ms")
                .containsEntry("version_label", "destination_service_name");
    }

    @Test
    public void customChecksJudgeOneFiniteNumberAndNothingElse() throws Exception {
        Map<String, QueryResult> answers = new HashMap<>();
        MetricProvider provider = new MetricProvider() {
            @Override
            public QueryResult query(String query, Instant at) {
                return answers.getOrDefault(query, QueryResult.EMPTY);
            }

            @Override
            public String describe() {
                return "fixed answers";
            }
        };
        CheckContext context = new CheckContext(new FixedMeshObserver(), provider, ChecksTest.STABLE,
                ChecksTest.CANARY, Duration.ofSeconds(60), 50, ChecksTest.AT);
        CustomQueryCheck check = CustomQueryCheck.of("db", "db{v=\"{{canary}}\"}", 1.0, 5.0);
        String rendered = "db{v=\"v2\"}";

        assertThat(check.evaluate(context).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        answers.put(rendered, QueryResult.scalar(Double.NaN));
        assertThat(check.evaluate(context).reason()).isEqualTo("query returned NaN, not a number to judge");
        answers.put(rendered, QueryResult.scalar(Double.POSITIVE_INFINITY));
        assertThat(check.evaluate(context).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        answers.put(rendered, new QueryResult(List.of(new QueryResult.Sample(Map.of("a", "1"), 2),
                new QueryResult.Sample(Map.of("a", "2"), 3))));
        CheckRecord several = check.evaluate(context);
        assertThat(several.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(several.error()).contains("returned 2 series");
        answers.put(rendered, QueryResult.scalar(3));
        CheckRecord pass = check.evaluate(context);
        assertThat(pass.verdict()).isEqualTo(Verdict.PASS);
        assertThat(pass.reason()).isEqualTo("db is 3, within [1, 5]");
        assertThat(pass.measurements()).containsExactly(new Measurement("db", rendered, 3.0));
        answers.put(rendered, QueryResult.scalar(0.5));
        assertThat(check.evaluate(context).reason()).isEqualTo("db is 0.5, below the minimum 1");
        answers.put(rendered, QueryResult.scalar(7));
        assertThat(check.evaluate(context).verdict()).isEqualTo(Verdict.FAIL);
    }
}
