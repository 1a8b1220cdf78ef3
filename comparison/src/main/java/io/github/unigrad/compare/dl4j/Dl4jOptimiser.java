package io.github.unigrad.compare.dl4j;

import io.github.unigrad.dl4j.UnigradUpdaters;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * How a DL4J network gets its optimiser: a built-in updater set on the network builder, or a Unigrad
 * spec applied with {@link UnigradUpdaters#configure(MultiLayerConfiguration, String)} to the built
 * configuration (which also sets decoupled weight decay as DL4J's {@code WeightDecay} on every layer).
 */
public sealed interface Dl4jOptimiser {

    /** Called on the network builder, before the layers are added. */
    default NeuralNetConfiguration.Builder onBuilder(NeuralNetConfiguration.Builder b) {
        return b;
    }

    /** Called on the built configuration. */
    default MultiLayerConfiguration onConfiguration(MultiLayerConfiguration conf) {
        return conf;
    }

    /** A DL4J built-in updater. */
    record BuiltIn(IUpdater updater) implements Dl4jOptimiser {
        @Override
        public NeuralNetConfiguration.Builder onBuilder(NeuralNetConfiguration.Builder b) {
            return b.updater(updater);
        }
    }

    /** A Unigrad optimiser spec, through the DL4J plugin. */
    record Ours(String spec) implements Dl4jOptimiser {
        @Override
        public MultiLayerConfiguration onConfiguration(MultiLayerConfiguration conf) {
            return UnigradUpdaters.configure(conf, spec);
        }
    }
}
