package io.github.unigrad.compare.dl4j;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.ILossFunction;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One DL4J model to train: hidden layer widths (tanh; none for a linear model), the output layer's
 * loss, activation and target encoding, and the optimiser, given as a change to the network
 * builder (an updater, possibly with decoupled weight decay).
 */
public record Dl4jSetup(List<Integer> hidden, ILossFunction loss, Activation outputActivation, Targets targets,
                        UnaryOperator<NeuralNetConfiguration.Builder> optimiser) {

    public Dl4jSetup {
        hidden = List.copyOf(hidden);
    }

    /** The optimiser is just an updater. */
    public static UnaryOperator<NeuralNetConfiguration.Builder> updater(IUpdater updater) {
        return b -> b.updater(updater);
    }

    public Dl4jSetup withLoss(ILossFunction l, Activation a, Targets t) {
        return new Dl4jSetup(hidden, l, a, t, optimiser);
    }

    public Dl4jSetup withOptimiser(UnaryOperator<NeuralNetConfiguration.Builder> o) {
        return new Dl4jSetup(hidden, loss, outputActivation, targets, o);
    }
}
