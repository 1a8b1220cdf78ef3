package io.github.unigrad.dl4j;

import io.github.unigrad.optim.Optimiser;
import io.github.unigrad.optim.Optimiser.WeightDecaySplit;
import io.github.unigrad.optim.Optimisers;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.function.Consumer;
import java.util.function.DoubleConsumer;

/**
 * One call that configures a network (or one layer) with a catalogue optimiser, including the part
 * DL4J's updater cannot do: a {@code GradientUpdater} never sees the parameters, so an optimiser's
 * weight-decay term is split off ({@link Optimiser#splitWeightDecay()}) and handed to DL4J's own
 * regularisation, on weights and biases alike (as PyTorch applies it to every parameter):
 * <ul>
 *   <li>decoupled decay (AdamW's and Lion's {@code weightDecay}, Pegasos' λ) becomes
 *       {@code WeightDecay(coeff, applyLR=true)}, which DL4J adds after the updater as exactly
 *       {@code lr_t · coeff · θ};</li>
 *   <li>decay added to the gradient (PyTorch SGD's {@code weightDecay}) becomes
 *       {@code L2Regularization(coeff)}, which DL4J adds to the gradient before the updater.</li>
 * </ul>
 * The updater then runs the optimiser without the term (a {@code chain(...)} spec). Setting both
 * halves in one call means neither can be forgotten; {@link UnigradUpdater}'s constructor refuses
 * an optimiser that reads the parameters. Optimisers that need the parameters beyond such a term
 * (Lookahead's slow weights, Schedule-Free's averages, parameter averaging) cannot run inside a DL4J
 * updater and are refused here with the reason.
 */
public final class UnigradUpdaters {
    private UnigradUpdaters() {
    }

    /** Sets the updater for {@code spec}, and its weight decay if any, as the network's default for every layer. */
    public static NeuralNetConfiguration.Builder configure(NeuralNetConfiguration.Builder builder, String spec) {
        apply(plan(spec), builder::updater, c -> builder.weightDecay(c, true).weightDecayBias(c, true),
                c -> builder.l2(c).l2Bias(c));
        return builder;
    }

    /** Sets the updater for {@code spec}, and its weight decay if any, on one layer. */
    public static <B extends BaseLayer.Builder<B>> B configure(B layer, String spec) {
        apply(plan(spec), layer::updater, c -> layer.weightDecay(c, true).weightDecayBias(c, true),
                c -> layer.l2(c).l2Bias(c));
        return layer;
    }

    private static void apply(Plan plan, Consumer<IUpdater> updater, DoubleConsumer decoupled, DoubleConsumer l2) {
        updater.accept(plan.updater());
        if (plan.decay() != null) {
            (plan.decay().decoupled() ? decoupled : l2).accept(plan.decay().coefficient());
        }
    }

    /** The updater and the decay term (null for none) that together run {@code spec} in DL4J. */
    record Plan(UnigradUpdater updater, WeightDecaySplit decay) {
    }

    static Plan plan(String spec) {
        Optimiser optimiser = Optimisers.parse(spec);
        if (!optimiser.needsParameters()) {
            return new Plan(UnigradUpdater.of(optimiser), null);
        }
        WeightDecaySplit split = optimiser.splitWeightDecay().filter(s -> !s.rest().needsParameters())
                .orElseThrow(() -> new IllegalArgumentException(optimiser.spec() + " reads the parameters beyond a"
                        + " weight-decay term, and a DL4J updater never sees them; it cannot run in DL4J"));
        return new Plan(UnigradUpdater.of(split.rest()), split);
    }
}
