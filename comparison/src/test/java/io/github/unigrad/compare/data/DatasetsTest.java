package io.github.unigrad.compare.data;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DatasetsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"iris, 150, 4, 3", "wine, 178, 13, 3", "breast_cancer, 569, 30, 2", "digits, 1797, 64, 10",
            "diabetes, 442, 10, 1", "blobs, 4000, 20, 4", "friedman, 4000, 10, 1"})
    void everyDatasetHasItsDocumentedShape(String name, int rows, int features, int outputs) {
        Table t = Datasets.load(name, 7);
        assertThat(t.rows()).isEqualTo(rows);
        assertThat(t.features()).isEqualTo(features);
        assertThat(t.outputs()).isEqualTo(outputs);
        assertThat(t.task()).isEqualTo(Datasets.task(name));
        for (double[] row : t.x()) {
            assertThat(row).hasSize(features);
            assertThat(Arrays.stream(row).allMatch(Double::isFinite)).isTrue();
        }
    }

    @Test
    void classNamesAreSortedAndEveryClassIsPresent() {
        Table iris = Datasets.load("iris", 0);
        assertThat(iris.classes()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(Arrays.stream(iris.y()).filter(y -> y == 0).count()).isEqualTo(50);
        Table cancer = Datasets.load("breast_cancer", 0);
        assertThat(cancer.classes()).containsExactly("benign", "malignant");
        assertThat(Arrays.stream(cancer.y()).sum()).isEqualTo(212);
    }

    @Test
    void splitKeepsTheFractionAndStandardisesWithTrainingStatistics() {
        Split s = Datasets.split("wine", 0.2, 42);
        assertThat(s.test().rows()).isEqualTo(36);
        assertThat(s.train().rows()).isEqualTo(142);
        for (int j = 0; j < s.train().features(); j++) {
            double mean = 0;
            double sq = 0;
            for (double[] row : s.train().x()) {
                mean += row[j];
            }
            mean /= s.train().rows();
            for (double[] row : s.train().x()) {
                sq += (row[j] - mean) * (row[j] - mean);
            }
            assertThat(mean).isCloseTo(0, within(1e-12));
            assertThat(Math.sqrt(sq / s.train().rows())).isCloseTo(1, within(1e-12));
        }
    }

    @Test
    void regressionTargetIsStandardisedToo() {
        Split s = Datasets.split("diabetes", 0.2, 1);
        double mean = Arrays.stream(s.train().y()).average().orElseThrow();
        assertThat(mean).isCloseTo(0, within(1e-12));
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        Split a = Datasets.split("iris", 0.2, 42);
        Split b = Datasets.split("iris", 0.2, 42);
        Split c = Datasets.split("iris", 0.2, 43);
        assertThat(a.test().x()).isDeepEqualTo(b.test().x());
        assertThat(a.test().y()).isEqualTo(b.test().y());
        assertThat(a.test().x()).isNotEqualTo(c.test().x());
    }

    @Test
    void xorIsTheFourPoints() {
        Table xor = Datasets.xor();
        assertThat(xor.x()).isDeepEqualTo(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        assertThat(xor.y()).containsExactly(0, 1, 1, 0);
        assertThat(xor.isBinary()).isTrue();
    }

    @Test
    void unknownNamesAreRefusedWithTheValidOnes() {
        assertThatThrownBy(() -> Datasets.load("irsi", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("irsi").hasMessageContaining(String.join(", ", List.of("iris", "wine")));
        assertThatThrownBy(() -> Datasets.split("iris", 1.5, 0)).hasMessageContaining("1.5");
    }

    @Test
    void permutationIsAPermutation() {
        int[] p = Datasets.permutation(100, new java.util.SplittableRandom(3));
        assertThat(Arrays.stream(p).sorted().toArray()).isEqualTo(java.util.stream.IntStream.range(0, 100).toArray());
    }
}
