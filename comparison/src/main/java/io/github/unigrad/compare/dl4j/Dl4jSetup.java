package io.github.unigrad.compare.dl4j;

import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.ILossFunction;

import java.util.List;

/**
 * One DL4J model to train: hidden layer widths (tanh; none for a linear model), the output layer's
 * loss, activation and target encoding, and the optimiser (a built-in updater or a Unigrad spec).
 */
public record Dl4jSetup(List<Integer> hidden, ILossFunction loss, Activation outputActivation, Targets targets,
                        Dl4jOptimiser optimiser) {

    public Dl4jSetup {
        hidden = List.copyOf(hidden);
    }

    public Dl4jSetup withOptimiser(Dl4jOptimiser o) {
        return new Dl4jSetup(hidden, loss, outputActivation, targets, o);
    }
}
