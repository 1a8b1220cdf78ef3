package io.github.unigrad.compare.dl4j;

import io.github.unigrad.compare.Specs;
import io.github.unigrad.loss.Losses;
import io.github.unigrad.optim.Optimisers;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.AMSGrad;
import org.nd4j.linalg.learning.config.AdaBelief;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.AdaMax;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nadam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossCosineProximity;
import org.nd4j.linalg.lossfunctions.impl.LossHinge;
import org.nd4j.linalg.lossfunctions.impl.LossKLD;
import org.nd4j.linalg.lossfunctions.impl.LossL1;
import org.nd4j.linalg.lossfunctions.impl.LossL2;
import org.nd4j.linalg.lossfunctions.impl.LossMAE;
import org.nd4j.linalg.lossfunctions.impl.LossMAPE;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.lossfunctions.impl.LossMSLE;
import org.nd4j.linalg.lossfunctions.impl.LossNegativeLogLikelihood;
import org.nd4j.linalg.lossfunctions.impl.LossPoisson;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossSquaredHinge;
import org.nd4j.linalg.lossfunctions.impl.LossWasserstein;

import java.util.Optional;

/**
 * The Unigrad twin of each DL4J 1.0.0-M2.1 built-in loss and updater, with the built-in's own
 * hyperparameters: the mapping the README's tables state ("DL4J's built-ins and their catalogue specs"),
 * written once. The comparison runner and {@link Dl4jCompare} both take their twins from here, and the
 * parity tests hold each twin to its built-in.
 *
 * <p>There is no twin for a loss with per-output weights (except the few the catalogue weighs alike),
 * for an updater whose learning rate (or momentum) follows a DL4J schedule, and for built-ins the
 * catalogue does not reproduce (e.g. {@code NoOp}, {@code LossFMeasure}); those are kept as configured.
 */
public final class Dl4jTwins {
    private Dl4jTwins() {
    }

    /**
     * The canonical catalogue spec of {@code loss} on an output layer with {@code activation}, or empty if it
     * has none. {@code LossMCXENT} (and its subclasses) is {@code softmax_cross_entropy} after a softmax and
     * {@code categorical_cross_entropy(clip=0)} after any other activation.
     */
    public static Optional<String> loss(ILossFunction loss, IActivation activation) {
        Class<?> c = loss.getClass();
        String spec = null;
        if (c == LossMCXENT.class || c == LossNegativeLogLikelihood.class || c == LossSparseMCXENT.class) {
            if (unweighted(((LossMCXENT) loss).getWeights())) {
                spec = activation instanceof ActivationSoftmax ? "softmax_cross_entropy" : "categorical_cross_entropy(clip=0)";
            }
        } else if (c == LossBinaryXENT.class) {
            LossBinaryXENT b = (LossBinaryXENT) loss;
            if (unweighted(b.getWeights())) {
                spec = "binary_cross_entropy(fromLogits=false, clip=" + Specs.number(b.getClipEps()) + ")";
            }
        } else if (c == LossMSE.class || c == LossL2.class) {
            if (unweighted(((LossL2) loss).getWeights())) {
                spec = c == LossMSE.class ? "mse" : "l2";
            }
        } else if (c == LossMAE.class || c == LossL1.class) {
            if (unweighted(((LossL1) loss).getWeights())) {
                spec = c == LossMAE.class ? "mae" : "l1";
            }
        } else if (c == LossHinge.class) {
            spec = "hinge";
        } else if (c == LossSquaredHinge.class) {
            spec = "squared_hinge";
        } else if (c == LossKLD.class) {
            spec = "kl_divergence";
        } else if (c == LossMAPE.class) {
            spec = "mape";
        } else if (c == LossMSLE.class) {
            spec = "msle";
        } else if (c == LossPoisson.class) {
            spec = "poisson_nll(logInput=false, eps=0)";
        } else if (c == LossCosineProximity.class) {
            spec = "cosine_proximity";
        } else if (c == LossWasserstein.class) {
            spec = "wasserstein";
        }
        return Optional.ofNullable(spec).map(s -> Losses.parse(s).spec().toString());
    }

    /** The canonical catalogue spec of {@code updater}, or empty if it has none (see the class comment). */
    public static Optional<String> updater(IUpdater updater) {
        String spec = null;
        if (updater instanceof Sgd u && u.getLearningRateSchedule() == null) {
            spec = "gradient_descent(lr=" + Specs.number(u.getLearningRate()) + ")";
        } else if (updater instanceof Nesterovs u && u.getLearningRateSchedule() == null && u.getMomentumISchedule() == null) {
            spec = "nesterov(lr=" + Specs.number(u.getLearningRate()) + ", momentum=" + Specs.number(u.getMomentum()) + ", lrInVelocity=true)";
        } else if (updater instanceof AdaGrad u && u.getLearningRateSchedule() == null) {
            // AdaGradUpdater starts its accumulator at its own field epsilon = 1e-6, never the configured epsilon
            spec = "adagrad(lr=" + Specs.number(u.getLearningRate()) + ", eps=" + Specs.number(u.getEpsilon())
                    + ", initialAccumulator=1e-6)";
        } else if (updater instanceof RmsProp u && u.getLearningRateSchedule() == null) {
            spec = "rmsprop(lr=" + Specs.number(u.getLearningRate()) + ", alpha=" + Specs.number(u.getRmsDecay()) + ", eps="
                    + Specs.number(u.getEpsilon()) + ", initialAccumulator=" + Specs.number(u.getEpsilon()) + ")";
        } else if (updater instanceof Adam u && u.getLearningRateSchedule() == null) {
            spec = "adam(" + moments(u.getLearningRate(), u.getBeta1(), u.getBeta2(), u.getEpsilon()) + ", epsilonHat=true)";
        } else if (updater instanceof AMSGrad u && u.getLearningRateSchedule() == null) {
            spec = "amsgrad(" + moments(u.getLearningRate(), u.getBeta1(), u.getBeta2(), u.getEpsilon()) + ", epsilonHat=true)";
        } else if (updater instanceof AdaMax u && u.getLearningRateSchedule() == null) {
            // the native AdaMax op of 1.0.0-M2.1 adds 1e-32 to the norm, whatever epsilon is configured
            spec = "adamax(" + moments(u.getLearningRate(), u.getBeta1(), u.getBeta2(), 1e-32) + ", epsInMax=false)";
        } else if (updater instanceof Nadam u && u.getLearningRateSchedule() == null) {
            spec = "nadam(" + moments(u.getLearningRate(), u.getBeta1(), u.getBeta2(), u.getEpsilon()) + ", dl4j=true)";
        } else if (updater instanceof AdaBelief u && u.getLearningRateSchedule() == null) {
            spec = "adabelief(" + moments(u.getLearningRate(), u.getBeta1(), u.getBeta2(), u.getEpsilon()) + ", epsilonHat=true)";
        } else if (updater instanceof AdaDelta u) {
            spec = "adadelta(lr=1, rho=" + Specs.number(u.getRho()) + ", eps=" + Specs.number(u.getEpsilon()) + ")";
        }
        return Optional.ofNullable(spec).map(s -> Optimisers.parse(s).spec().toString());
    }

    private static String moments(double lr, double b1, double b2, double eps) {
        return "lr=" + Specs.number(lr) + ", b1=" + Specs.number(b1) + ", b2=" + Specs.number(b2) + ", eps=" + Specs.number(eps);
    }

    private static boolean unweighted(INDArray weights) {
        return weights == null;
    }
}
