package io.github.unigrad.dl4j.keras;

import io.github.unigrad.dl4j.UnigradLoss;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.Cnn3DLossLayer;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasLossUtils;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.lossfunctions.ILossFunction;

import java.io.IOException;
import java.util.Optional;

/**
 * Keras model import that scores and trains as Keras does. Change one class name:
 * {@code KerasModelImport.importKerasSequentialModelAndWeights(path, true)} becomes
 * {@code UnigradKeras.importKerasSequentialModelAndWeights(path, true)} (and likewise
 * {@code importKerasModelAndWeights} for functional models).
 *
 * <p>DL4J 1.0.0-M2.1 maps some Keras losses to DL4J losses that sum over the outputs where Keras averages
 * ({@code poisson}, {@code binary_crossentropy}, {@code squared_hinge}, {@code hinge}: a score and gradient K times
 * Keras's on K outputs), clips at other epsilons, and refuses the names it does not know ({@code huber},
 * {@code log_cosh}, {@code kl_divergence}, {@code categorical_hinge}, …). These methods import through DL4J (after
 * {@link #registerLosses()}) and then give every output layer the catalogue loss with Keras's semantics for the loss
 * name of the model's {@code training_config} ({@link KerasLosses}), the names DL4J maps itself included. Where DL4J
 * already computes what Keras computes ({@code mse}, {@code mae}, {@code mape}, {@code msle}, …) the catalogue loss
 * gives the same numbers. A loss with no catalogue twin ({@code sparse_categorical_crossentropy} on probabilities)
 * keeps DL4J's loss; a loss object option that cannot be honoured stops the import, naming it
 * ({@code UnsupportedKerasConfigurationException}). With {@code enforceTrainingConfig=false} DL4J imports no training
 * configuration, hence no loss layer, and the network is returned as DL4J imports it.
 */
public final class UnigradKeras {
    private UnigradKeras() {
    }

    /**
     * Registers with DL4J's {@code KerasLossUtils.registerCustomLoss} every Keras loss name DL4J does not map
     * itself ({@link KerasLosses#namesDl4jLacks()}: {@code huber}, {@code huber_loss}, {@code log_cosh},
     * {@code logcosh}, {@code kl_divergence}, {@code categorical_hinge}, {@code bce}, {@code cosine_similarity},
     * {@code binary_focal_crossentropy}, {@code categorical_focal_crossentropy}, and the class names Keras 3 also
     * accepts as strings, lower-cased as DL4J reads them: {@code categoricalcrossentropy}, {@code categoricalhinge},
     * {@code binaryfocalcrossentropy}, {@code categoricalfocalcrossentropy}), each as a {@link UnigradLoss} with
     * Keras's semantics, so that DL4J's own {@code KerasModelImport} imports models compiled with them. Idempotent
     * (registering again puts the same losses, also after {@code KerasLossUtils.clearCustomLoss()}) and thread-safe.
     * DL4J consults custom losses only for names it does not map, so this cannot correct DL4J's own mappings: the
     * import methods of this class do.
     */
    public static void registerLosses() {
        synchronized (KerasLossUtils.class) {
            for (String name : KerasLosses.namesDl4jLacks()) {
                KerasLossUtils.registerCustomLoss(name, new UnigradLoss(KerasLosses.spec(name).orElseThrow()));
            }
        }
    }

    /**
     * {@code KerasModelImport.importKerasSequentialModelAndWeights(path, enforceTrainingConfig)} with Keras's loss
     * semantics on the output layer.
     */
    public static MultiLayerNetwork importKerasSequentialModelAndWeights(String modelHdf5Filename,
                                                                         boolean enforceTrainingConfig)
            throws IOException, InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        registerLosses();
        MultiLayerNetwork net = KerasModelImport.importKerasSequentialModelAndWeights(modelHdf5Filename,
                enforceTrainingConfig);
        if (!enforceTrainingConfig) {
            return net;
        }
        KerasTrainingLoss training = KerasTrainingLoss.read(modelHdf5Filename);
        for (int i = 0; i < net.getnLayers(); i++) {
            replaceLoss(net.getLayer(i).conf().getLayer(), training);
            replaceLoss(net.getLayerWiseConfigurations().getConf(i).getLayer(), training);
        }
        return net;
    }

    /**
     * {@code KerasModelImport.importKerasModelAndWeights(path, enforceTrainingConfig)} with Keras's loss semantics on
     * every output layer (each output's own loss when the model names one per output).
     */
    public static ComputationGraph importKerasModelAndWeights(String modelHdf5Filename, boolean enforceTrainingConfig)
            throws IOException, InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        registerLosses();
        ComputationGraph graph = KerasModelImport.importKerasModelAndWeights(modelHdf5Filename, enforceTrainingConfig);
        if (!enforceTrainingConfig) {
            return graph;
        }
        KerasTrainingLoss training = KerasTrainingLoss.read(modelHdf5Filename);
        for (String output : graph.getConfiguration().getNetworkOutputs()) {
            replaceLoss(graph.getLayer(output).conf().getLayer(), training);
            GraphVertex vertex = graph.getConfiguration().getVertices().get(output);
            if (vertex instanceof LayerVertex layerVertex) {
                replaceLoss(layerVertex.getLayerConf().getLayer(), training);
            }
        }
        return graph;
    }

    private static void replaceLoss(Layer layer, KerasTrainingLoss training) throws UnsupportedKerasConfigurationException {
        if (!(layer instanceof BaseOutputLayer || layer instanceof LossLayer || layer instanceof RnnLossLayer
                || layer instanceof CnnLossLayer || layer instanceof Cnn3DLossLayer)) {
            return;
        }
        Optional<String> spec;
        try {
            spec = training.specFor(layer.getLayerName());
        } catch (IllegalArgumentException e) {
            throw new UnsupportedKerasConfigurationException(e.getMessage());
        }
        if (spec.isEmpty()) {
            return;
        }
        ILossFunction loss = new UnigradLoss(spec.get());
        if (layer instanceof BaseOutputLayer l) {
            l.setLossFn(loss);
        } else if (layer instanceof LossLayer l) {
            l.setLossFn(loss);
        } else if (layer instanceof RnnLossLayer l) {
            l.setLossFn(loss);
        } else if (layer instanceof CnnLossLayer l) {
            l.setLossFn(loss);
        } else {
            ((Cnn3DLossLayer) layer).setLossFn(loss);
        }
    }
}
