package io.github.unigrad.compare.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DocTest {
    private final Doc doc = new Doc("T").heading(1, "Results").para("uses `adam(lr=0.01)` and **bold** <b>")
            .table(List.of("a", "b|c"), List.of(List.of("1", "x|y"))).image("plots/p.png", "a [16] plot");

    @Test
    void markdownHasTheHeadingsTableAndImage() {
        assertThat(doc.markdown()).isEqualTo("# T\n\n## Results\n\nuses `adam(lr=0.01)` and **bold** <b>\n\n"
                + "| a | b\\|c |\n|---|---|\n| 1 | x\\|y |\n\n![a [16] plot](plots/p.png)\n\n");
    }

    @Test
    void htmlEscapesTextAndRendersCodeAndBold() {
        String html = doc.html();
        assertThat(html).contains("<h2>Results</h2>")
                .contains("<p>uses <code>adam(lr=0.01)</code> and <b>bold</b> &lt;b&gt;</p>")
                .contains("<th>b|c</th>").contains("<td>x|y</td>")
                .contains("<img src=\"plots/p.png\" alt=\"a [16] plot\">");
    }
}
