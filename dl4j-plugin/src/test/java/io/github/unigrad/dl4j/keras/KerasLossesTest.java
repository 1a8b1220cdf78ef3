package io.github.unigrad.dl4j.keras;

import io.github.unigrad.loss.Loss;
import io.github.unigrad.loss.Losses;
import org.deeplearning4j.nn.modelimport.keras.config.Keras2LayerConfiguration;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasLossUtils;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Keras name → catalogue spec table, checked against the catalogue and against DL4J's own mapping. */
class KerasLossesTest {

    @Test
    void everySpecParsesInTheCatalogue() {
        for (String name : KerasLosses.names()) {
            String spec = KerasLosses.spec(name).orElseThrow();
            assertThat(Losses.parse(spec)).as(name).isNotNull();
        }
        assertThat(KerasLosses.spec("HUBER")).contains("huber(delta=1, outputs=mean)");
        assertThat(KerasLosses.spec("CategoricalCrossentropy")).isEqualTo(KerasLosses.spec("categorical_crossentropy"));
        assertThat(KerasLosses.spec("KLD")).isEqualTo(KerasLosses.spec("kl_divergence"));
        assertThat(KerasLosses.spec("sparse_categorical_crossentropy")).isEmpty();
        assertThat(KerasLosses.spec("dice")).isEmpty();
    }

    /** {@link KerasLosses#mappedByDl4j} is what {@code KerasLossUtils.mapLossFunction} of DL4J 1.0.0-M2.1 does. */
    @Test
    void namesDl4jMapsAreExactlyThoseItsMapLossFunctionKnows() {
        KerasLossUtils.clearCustomLoss();
        try {
            Keras2LayerConfiguration conf = new Keras2LayerConfiguration();
            for (String name : KerasLosses.names()) {
                if (KerasLosses.mappedByDl4j(name)) {
                    assertThat(catching(name, conf)).as(name).isNull();
                } else {
                    assertThat(catching(name, conf)).as(name).isNotNull();
                }
            }
            assertThat(KerasLosses.namesDl4jLacks()).contains("huber", "huber_loss", "log_cosh", "logcosh",
                    "kl_divergence", "categorical_hinge", "bce", "cosine_similarity", "binary_focal_crossentropy",
                    "categorical_focal_crossentropy", "categoricalcrossentropy", "categoricalhinge")
                    .doesNotContain("poisson", "binary_crossentropy", "hinge", "mse", "binarycrossentropy");
        } finally {
            UnigradKeras.registerLosses();
        }
    }

    private static Exception catching(String name, Keras2LayerConfiguration conf) {
        try {
            KerasLossUtils.mapLossFunction(name, conf);
            return null;
        } catch (UnsupportedKerasConfigurationException e) {
            return e;
        }
    }

    private static Loss spec(String name, Map<String, ?> config) {
        return Losses.parse(KerasLosses.spec(name, config).orElseThrow());
    }

    @Test
    void lossObjectOptionsAreHonouredOrRefused() {
        assertThat(spec("huber_loss", Map.of("name", "huber_loss", "delta", 2.5, "reduction", "auto"))).isEqualTo(Losses.parse("huber(delta=2.5, outputs=mean)"));
        assertThat(spec("binary_crossentropy", Map.of("from_logits", true, "label_smoothing", 0.1))).isEqualTo(Losses.parse("binary_cross_entropy(fromLogits=true, labelSmoothing=0.1, outputs=mean)"));
        assertThat(spec("categorical_crossentropy", Map.of("from_logits", true, "label_smoothing", 0.2,
                "axis", -1))).isEqualTo(Losses.parse("softmax_cross_entropy(labelSmoothing=0.2)"));
        assertThat(spec("sparse_categorical_crossentropy", Map.of("from_logits", true))).isEqualTo(Losses.parse("softmax_cross_entropy(labelSmoothing=0)"));
        assertThat(spec("binary_focal_crossentropy", Map.of("gamma", 2.0, "alpha", 0.25,
                "apply_class_balancing", false, "reduction", "sum_over_batch_size"))).isEqualTo(Losses.parse("focal(gamma=2, alpha=-1, fromLogits=false, clip=1e-7, outputs=mean)"));
        assertThat(spec("binary_focal_crossentropy", Map.of("gamma", 3, "alpha", 0.4, "apply_class_balancing", true,
                "from_logits", true))).isEqualTo(Losses.parse("focal(gamma=3, alpha=0.4, outputs=mean)"));
        assertThat(spec("categorical_focal_crossentropy", Map.of("gamma", 1.5, "alpha", 0.5)))
                .isEqualTo(Losses.parse("categorical_focal(gamma=1.5, alpha=0.5, clip=1e-7)"));
        assertThatThrownBy(() -> KerasLosses.spec("binary_focal_crossentropy", Map.of("label_smoothing", 0.1)))
                .hasMessageContaining("binary_focal_crossentropy: label_smoothing = 0.1");
        assertThatThrownBy(() -> KerasLosses.spec("categorical_crossentropy", Map.of("label_smoothing", 0.1)))
                .hasMessageContaining("label_smoothing = 0.1");
        assertThatThrownBy(() -> KerasLosses.spec("mse", Map.of("reduction", "sum")))
                .hasMessageContaining("reduction = sum");
    }
}
