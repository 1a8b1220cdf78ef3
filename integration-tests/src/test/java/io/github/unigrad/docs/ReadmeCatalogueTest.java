package io.github.unigrad.docs;

import io.github.unigrad.loss.Losses;
import io.github.unigrad.optim.Optimisers;
import io.github.unigrad.optim.Transforms;
import io.github.unigrad.schedule.Schedules;
import io.github.unigrad.spec.Catalogue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the README's catalogue tables true as the catalogue grows: every loss, optimiser, schedule and
 * transform name must appear in a table row of the README, as {@code `name`}.
 */
class ReadmeCatalogueTest {

    private static List<String> tableRows() throws IOException {
        Path readme = Path.of("..", "README.md");
        List<String> rows = new ArrayList<>();
        for (String line : Files.readAllLines(readme)) {
            if (line.startsWith("|")) {
                rows.add(line);
            }
        }
        return rows;
    }

    private static List<String> missing(Catalogue<?> catalogue, List<String> rows) {
        List<String> missing = new ArrayList<>();
        for (String name : catalogue.names()) {
            String quoted = "`" + name;
            boolean found = rows.stream().anyMatch(r -> r.contains(quoted + "`") || r.contains(quoted + "("));
            if (!found) {
                missing.add(name);
            }
        }
        return missing;
    }

    @Test
    void everyCatalogueEntryIsInTheReadmeTables() throws IOException {
        List<String> rows = tableRows();
        assertThat(missing(Losses.catalogue(), rows)).as("losses missing from the README tables").isEmpty();
        assertThat(missing(Optimisers.catalogue(), rows)).as("optimisers missing from the README tables").isEmpty();
        assertThat(missing(Schedules.catalogue(), rows)).as("schedules missing from the README tables").isEmpty();
        assertThat(missing(Transforms.catalogue(), rows)).as("transforms missing from the README tables").isEmpty();
    }
}
