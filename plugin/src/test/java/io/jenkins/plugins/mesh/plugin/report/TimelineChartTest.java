package io.jenkins.plugins.mesh.plugin.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

public class TimelineChartTest {

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    @Test
    public void drawsTheWeightsAsAStepLineAndOneDotPerCheck() throws Exception {
        String svg = TimelineChart.render(
                List.of(new TimelineChart.WeightPoint(0, 10), new TimelineChart.WeightPoint(60_000, 25),
                        new TimelineChart.WeightPoint(120_000, 50)),
                List.of(new TimelineChart.CheckPoint(60_000, "successRate 99.9", "pass"),
                        new TimelineChart.CheckPoint(120_000, "successRate 80.0", "fail")),
                180_000);

        Document doc = parse(svg);
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(doc.getElementsByTagName("polyline").getLength()).isEqualTo(1);
        assertThat(doc.getElementsByTagName("circle").getLength()).isEqualTo(2);
        String points = doc.getElementsByTagName("polyline").item(0).getAttributes().getNamedItem("points")
                .getNodeValue();
        // start at 0 %, then rise to each weight at its time: 1 + 2 per step + the end point
        assertThat(points.trim().split(" ")).hasSize(1 + 2 * 3 + 1);
        assertThat(svg).contains("#2e7d32").contains("#c62828").contains("3 min 0 s");
    }

    @Test
    public void escapesEveryTextAndEmitsNoScript() throws Exception {
        String hostile = "<script>alert('x')</script>\"&";
        String svg = TimelineChart.render(List.of(new TimelineChart.WeightPoint(0, 10)),
                List.of(new TimelineChart.CheckPoint(1000, hostile, hostile)), 2000);

        assertThat(svg).doesNotContain("<script").contains("&lt;script&gt;");
        Document doc = parse(svg);
        assertThat(doc.getElementsByTagName("script").getLength()).isZero();
        String tooltip = doc.getElementsByTagName("circle").item(0).getTextContent();
        assertThat(tooltip).isEqualTo(hostile + ": " + hostile);
    }

    @Test
    public void anEmptyRolloutStillDrawsTheAxes() throws Exception {
        Document doc = parse(TimelineChart.render(List.of(), List.of(), 0));
        assertThat(doc.getElementsByTagName("polyline").getLength()).isZero();
        assertThat(doc.getElementsByTagName("line").getLength()).isEqualTo(5);
    }

    @Test
    public void weightsOutsideZeroToHundredAreClampedToTheChart() throws Exception {
        String svg = TimelineChart.render(List.of(new TimelineChart.WeightPoint(0, 150)), List.of(), 1000);
        String points = parse(svg).getElementsByTagName("polyline").item(0).getAttributes()
                .getNamedItem("points").getNodeValue();
        for (String point : points.trim().split(" ")) {
            double y = Double.parseDouble(point.split(",")[1]);
            assertThat(y).isBetween(0.0, (double) TimelineChart.HEIGHT);
        }
    }
}
