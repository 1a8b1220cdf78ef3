package io.github.unigrad.dl4j.keras;

import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasModelUtils;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * The loss a Keras {@code .h5} model was compiled with, read from its {@code training_config} attribute, in the three
 * forms DL4J's importer reads (and attaches to the loss layer it names {@code <output>_loss}): one loss name for every
 * output ({@code "huber"}), a loss object ({@code {"class_name": "Huber", "config": {"name": "huber_loss", ...}}},
 * tf.keras), or a loss name per output ({@code {"out_a": "poisson", "out_b": "huber"}}).
 */
final class KerasTrainingLoss {
    private static final String LOSS_LAYER_SUFFIX = "_loss";
    private final Object loss;

    private KerasTrainingLoss(Object loss) {
        this.loss = loss;
    }

    /** The training loss of a model file; none when the file has no {@code training_config} (not compiled). */
    static KerasTrainingLoss read(String modelHdf5Filename) throws IOException, UnsupportedKerasConfigurationException {
        try (Hdf5Archive archive = new Hdf5Archive(modelHdf5Filename)) {
            if (!archive.hasAttribute("training_config")) {
                return new KerasTrainingLoss(null);
            }
            Map<String, Object> config = KerasModelUtils.parseJsonString(archive.readAttributeAsJson("training_config"));
            return new KerasTrainingLoss(config.get("loss"));
        }
    }

    /**
     * The catalogue spec with Keras's semantics for the DL4J loss layer named {@code lossLayerName}, or empty when the
     * model names no loss for it or the loss has no catalogue spec (DL4J's own loss then stays).
     *
     * @throws IllegalArgumentException for a loss object option that cannot be honoured ({@link KerasLosses#spec(String, Map)})
     */
    Optional<String> specFor(String lossLayerName) {
        if (loss instanceof String name) {
            return KerasLosses.spec(name, Map.of());
        }
        if (!(loss instanceof Map<?, ?> map)) {
            return Optional.empty();
        }
        if (map.containsKey("config")) {
            return fromObject(map);
        }
        String output = lossLayerName != null && lossLayerName.endsWith(LOSS_LAYER_SUFFIX)
                ? lossLayerName.substring(0, lossLayerName.length() - LOSS_LAYER_SUFFIX.length()) : lossLayerName;
        Object perOutput = map.get(output);
        if (perOutput instanceof String name) {
            return KerasLosses.spec(name, Map.of());
        }
        return perOutput instanceof Map<?, ?> object && object.containsKey("config") ? fromObject(object) : Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static Optional<String> fromObject(Map<?, ?> object) {
        Object config = object.get("config");
        if (!(config instanceof Map<?, ?> c) || !(c.get("name") instanceof String name)) {
            return Optional.empty();
        }
        return KerasLosses.spec(name, (Map<String, ?>) c);
    }
}
