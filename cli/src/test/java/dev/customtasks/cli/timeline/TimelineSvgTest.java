package dev.customtasks.cli.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class TimelineSvgTest {

  @Test
  void theSvgIsXmlWithOneBarPerTaskThatRan() throws Exception {
    for (String fixture : List.of(SpansTest.SEQUENTIAL, SpansTest.PARALLEL, SpansTest.NESTED, SpansTest.RETRIED)) {
      Timeline timeline = Spans.of(Fixtures.tree(fixture), SpansTest.at("10:00:30"));
      Document svg = parse(new TimelineSvg(timeline, Duration.ofMillis(500)).render());

      assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
      List<String> rows = attributes(svg.getElementsByTagName("g"), "data-task");
      assertThat(rows).isEqualTo(timeline.all().stream().map(Span::path).toList());
      List<String> bars = new ArrayList<>();
      NodeList rects = svg.getElementsByTagName("rect");
      for (int i = 0; i < rects.getLength(); i++) {
        Element rect = (Element) rects.item(i);
        if (rect.getAttribute("class").startsWith("bar ")) {
          bars.add(((Element) rect.getParentNode()).getAttribute("data-task"));
        }
      }
      assertThat(bars).isEqualTo(timeline.all().stream().filter(s -> s.start() != null).map(Span::path).toList());
    }
  }

  @Test
  void waitingAndCustomTasksAreDrawnApart() throws Exception {
    Timeline timeline = Spans.of(Fixtures.tree(SpansTest.PARALLEL), SpansTest.at("10:05:00"));
    String text = new TimelineSvg(timeline, Duration.ofMillis(500)).render();
    Document svg = parse(text);

    Element coolDown = row(svg, "cool-down");
    assertThat(attributes(coolDown.getElementsByTagName("rect"), "class")).containsExactly("bar custom Succeeded",
        "waiting");
    assertThat(attributes(row(svg, "lint").getElementsByTagName("rect"), "class")).containsExactly("bar Succeeded");
    assertThat(row(svg, "publish").getElementsByTagName("rect").getLength()).isZero();
    assertThat(row(svg, "publish").getTextContent()).contains("When Expressions evaluated to false");
    assertThat(text).contains("(tasks) -&gt; notify  300ms  &lt;- longest")
        .contains("Hops: none of 4 over 500ms; the longest (predecessor done -&gt; run created):")
        .doesNotContain("Hops over");
  }

  @Test
  void aRunThatEndedBeforeAnyTaskSaysSoAndWhy() throws Exception {
    Timeline timeline = Spans.of(Fixtures.tree(TimelineTextTest.REFUSED), SpansTest.at("10:05:00"));
    Document svg = parse(new TimelineSvg(timeline, Duration.ofMillis(500)).render());

    assertThat(svg.getDocumentElement().getTextContent())
        .contains("PipelineRun refused did not start: it ended before any task ran, PipelineValidationFailed: "
            + "Pipeline default/refused can't be Run");
  }

  private static Element row(Document svg, String task) {
    NodeList groups = svg.getElementsByTagName("g");
    for (int i = 0; i < groups.getLength(); i++) {
      if (((Element) groups.item(i)).getAttribute("data-task").equals(task)) {
        return (Element) groups.item(i);
      }
    }
    throw new AssertionError("no row " + task);
  }

  private static List<String> attributes(NodeList nodes, String name) {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      values.add(((Element) nodes.item(i)).getAttribute(name));
    }
    return values;
  }

  static Document parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }
}
