package io.jenkins.plugins.mesh.plugin.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mesh.engine.analysis.CheckBounds;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

public class ChartsTest {

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    private static List<Element> withClass(Document doc, String tag, String cssClass) {
        NodeList nodes = doc.getElementsByTagName(tag);
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if ((" " + e.getAttribute("class") + " ").contains(" " + cssClass + " ")) {
                found.add(e);
            }
        }
        return found;
    }

    @Test
    public void theWeightIsAStepLineWithADotPerAnalysisAndALegend() throws Exception {
        String svg = WeightChart.render(
                List.of(new WeightChart.WeightPoint(0, 10), new WeightChart.WeightPoint(60_000, 25),
                        new WeightChart.WeightPoint(125_000, 0)),
                List.of(new WeightChart.Analysis(60_000, 10, "PASS", "ok"),
                        new WeightChart.Analysis(120_000, 25, "FAIL", "success rate 80 %")),
                125_000);

        Document doc = parse(svg);
        String points = withClass(doc, "polyline", "mesh-weight-line").get(0).getAttribute("points");
        // from 0 % at the start, up to each weight at its time (2 points each), held to the end
        assertThat(points.trim().split(" ")).hasSize(1 + 2 * 3 + 1);
        assertThat(withClass(doc, "polygon", "mesh-weight-area")).hasSize(1);
        assertThat(withClass(doc, "circle", "mesh-pass")).hasSize(2); // the dot and its legend entry
        assertThat(withClass(doc, "circle", "mesh-fail")).hasSize(2);
        assertThat(svg).contains("canary weight", "analysis passed", "analysis failed", "+2m")
                .contains("+2m00s at 25 %: success rate 80 %");
    }

    @Test
    public void aCheckIsDrawnAgainstItsLimit() throws Exception {
        String svg = CheckChart.render("success-rate>=99", new CheckBounds("%", 99.0, null),
                List.of(new CheckChart.Point(60_000, 99.9, "PASS", "canary success rate >= 99 %"),
                        new CheckChart.Point(120_000, 97.5, "FAIL", "canary success rate >= 99 %"),
                        new CheckChart.Point(180_000, null, "INCONCLUSIVE", "canary success rate >= 99 %")),
                180_000);

        Document doc = parse(svg);
        Element limit = withClass(doc, "polyline", "mesh-limit-line").get(0);
        assertThat(limit.getAttribute("stroke-dasharray")).isNotEmpty();
        double limitY = Double.parseDouble(limit.getAttribute("points").split(" ")[0].split(",")[1]);
        Element passed = withClass(doc, "circle", "mesh-pass").get(0);
        Element failed = withClass(doc, "circle", "mesh-fail").get(0);
        // above the line passes, below it fails (SVG y grows downwards)
        assertThat(Double.parseDouble(passed.getAttribute("cy"))).isLessThan(limitY);
        assertThat(Double.parseDouble(failed.getAttribute("cy"))).isGreaterThan(limitY);
        assertThat(withClass(doc, "circle", "mesh-hollow")).hasSize(2); // no data, and its legend entry
        assertThat(svg).contains("min 99 %", "97.5 %", "no data", "at least 99 %");
    }

    @Test
    public void aRequestRateAxisFitsItsLabelsLeftOfThePlot() throws Exception {
        Document doc = parse(CheckChart.render("request-rate>=500", new CheckBounds("requests/s", 500.0, null),
                List.of(new CheckChart.Point(2_000, 19.7, "INCONCLUSIVE", "canary request rate >= 500/s"),
                        new CheckChart.Point(4_000, 21.4, "INCONCLUSIVE", "canary request rate >= 500/s")),
                4_000));
        List<String> axis = new ArrayList<>();
        for (Element label : withClass(doc, "text", "mesh-axis")) {
            if (!label.getTextContent().startsWith("+")) {
                axis.add(label.getTextContent());
            }
        }
        // the value labels end where the plot begins: short enough for its margin, the unit kept
        assertThat(axis).isNotEmpty().allSatisfy(text -> assertThat(text).endsWith("/s").hasSizeLessThanOrEqualTo(9));
        assertThat(withClass(doc, "text", "mesh-limit-label").get(0).getTextContent())
                .isEqualTo("min 500 requests/s");
    }

    @Test
    public void aComparisonWithTheStableHasNoLimitLine() throws Exception {
        Document doc = parse(CheckChart.render("error-rate-vs-stable", new CheckBounds("pp", null, null),
                List.of(new CheckChart.Point(30_000, -0.1, "PASS", "x"), new CheckChart.Point(60_000, 0.2, "PASS", "x")),
                60_000));
        assertThat(withClass(doc, "polyline", "mesh-limit-line")).isEmpty();
        assertThat(withClass(doc, "polyline", "mesh-value-line")).hasSize(1);
    }

    @Test
    public void everyTextIsEscapedAndNoScriptIsEmitted() throws Exception {
        String hostile = "<script>alert('x')</script>\"&";
        String weights = WeightChart.render(List.of(new WeightChart.WeightPoint(0, 10)),
                List.of(new WeightChart.Analysis(1000, 10, hostile, hostile)), 2000);
        String check = CheckChart.render(hostile, new CheckBounds(hostile, 1.0, null),
                List.of(new CheckChart.Point(1000, 2.0, hostile, hostile)), 2000);

        for (String svg : List.of(weights, check)) {
            assertThat(svg).doesNotContain("<script").contains("&lt;script&gt;");
            assertThat(parse(svg).getElementsByTagName("script").getLength()).isZero();
        }
    }

    @Test
    public void anEmptyRolloutStillDrawsTheAxesAndValuesStayInTheChart() throws Exception {
        Document empty = parse(WeightChart.render(List.of(), List.of(), 0));
        assertThat(withClass(empty, "polyline", "mesh-weight-line")).isEmpty();
        assertThat(withClass(empty, "line", "mesh-grid")).hasSize(5);

        String svg = WeightChart.render(List.of(new WeightChart.WeightPoint(0, 150)), List.of(), 1000);
        String points = withClass(parse(svg), "polyline", "mesh-weight-line").get(0).getAttribute("points");
        for (String point : points.trim().split(" ")) {
            assertThat(Double.parseDouble(point.split(",")[1])).isBetween(0.0, (double) WeightChart.HEIGHT);
        }
    }

    @Test
    public void timeTicksAreRound() {
        assertThat(SvgChart.tickStep(125_000)).isEqualTo(30_000);
        assertThat(SvgChart.tickStep(20 * 60_000)).isEqualTo(300_000);
        assertThat(SvgChart.tickStep(5_000)).isEqualTo(1_000);
    }
}
