package io.github.unigrad.dl4j;

import io.github.unigrad.optim.Optimiser;
import io.github.unigrad.optim.Optimisers;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;

/**
 * One call that configures a network (or one layer) with a catalogue optimiser, including the part
 * DL4J's updater cannot do. Decoupled weight decay (AdamW's and Lion's {@code weightDecay}) reads the
 * parameters, which a DL4J {@code GradientUpdater} never sees; DL4J applies it after the updater as
 * {@code WeightDecay(coeff, applyLR=true)}, which adds exactly {@code lr_t · coeff · θ} to the
 * update. This class sets the updater and that regularisation together, on weights and biases
 * alike (as PyTorch's AdamW does), so neither half can be forgotten.
 */
public final class UnigradUpdaters {
    private UnigradUpdaters() {
    }

    /** Sets the updater for {@code spec} (and its decoupled weight decay, if any) on every layer of the network. */
    public static NeuralNetConfiguration.Builder configure(NeuralNetConfiguration.Builder builder, String spec) {
        return builder.updater(updater(Optimisers.parse(spec)));
    }

    /** Sets the updater for {@code spec} (and its decoupled weight decay, if any) on one layer. */
    public static <B extends BaseLayer.Builder<B>> B configure(B layer, String spec) {
        return layer.updater(updater(Optimisers.parse(spec)));
    }

    private static UnigradUpdater updater(Optimiser optimiser) {
        return UnigradUpdater.of(optimiser);
    }
}
