package io.github.unigrad.dl4j;

import io.github.unigrad.optim.Optimiser;
import io.github.unigrad.optim.Optimiser.WeightDecaySplit;
import io.github.unigrad.optim.Optimisers;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

import java.util.ArrayList;
import java.util.List;

/**
 * One call that configures a network (or one layer) with a catalogue optimiser, including the part
 * DL4J's updater cannot do: a {@code GradientUpdater} never sees the parameters, so an optimiser's
 * weight-decay term is split off ({@link Optimiser#splitWeightDecay()}) and handed to DL4J's own
 * regularisation, on weights and biases alike (as PyTorch applies it to every parameter):
 * <ul>
 *   <li>decoupled decay (AdamW's and Lion's {@code weightDecay}) becomes
 *       {@code WeightDecay(coeff, applyLR=true)}, which DL4J adds after the updater as exactly
 *       {@code lr_t · coeff · θ};</li>
 *   <li>decay added to the gradient (PyTorch's coupled {@code weightDecay} of {@code sgd}, {@code adam},
 *       {@code adagrad}, {@code rmsprop}, ...) becomes {@code L2Regularization(coeff)}, which DL4J adds to the
 *       gradient before the updater.</li>
 * </ul>
 * The updater then runs the optimiser without the term (a {@code chain(...)} spec). Setting both
 * halves in one call means neither can be forgotten; {@link UnigradUpdater}'s constructor refuses
 * an optimiser that reads the parameters, and so does this class when the parameter-dependent part
 * is more than one such term.
 *
 * <p><b>Where to call it.</b> On a built {@link MultiLayerConfiguration} or
 * {@link ComputationGraphConfiguration} (every layer with parameters), on one layer's builder, or on a SameDiff
 * {@link TrainingConfig.Builder}.
 * On the network-wide {@link NeuralNetConfiguration.Builder} it sets the updater and an L2 term but
 * refuses decoupled decay: DL4J 1.0.0-M2.1 puts a network-wide {@code WeightDecay} into every layer
 * twice ({@code copyConfigToLayer}, then {@code LayerValidation.configureBaseLayer}, which
 * de-duplicates L1 and L2 only), so the decay would be applied twice.
 */
public final class UnigradUpdaters {
    private UnigradUpdaters() {
    }

    /** The updater and the decay term (null for none) that together run an optimiser in DL4J. */
    record Plan(UnigradUpdater updater, WeightDecaySplit decay) {
        List<Regularization> regularization(List<Regularization> existing) {
            List<Regularization> out = new ArrayList<>();
            if (existing != null) {
                existing.stream().filter(r -> !(r instanceof WeightDecay) && !(r instanceof L2Regularization)).forEach(out::add);
            }
            if (decay != null) {
                out.add(decay.decoupled() ? new WeightDecay(decay.coefficient(), true) : new L2Regularization(decay.coefficient()));
            }
            return out;
        }
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

    /**
     * Sets the updater for {@code spec} (and an L2 decay term, if it has one) as the network-wide
     * default; refuses decoupled weight decay (see the class comment), which goes through
     * {@link #configure(MultiLayerConfiguration, String)} or the layer builders.
     */
    public static NeuralNetConfiguration.Builder configure(NeuralNetConfiguration.Builder builder, String spec) {
        Plan plan = plan(spec);
        if (plan.decay() != null && plan.decay().decoupled()) {
            throw new IllegalArgumentException(spec + " has decoupled weight decay, which DL4J 1.0.0-M2.1 would apply twice"
                    + " when set network-wide; call UnigradUpdaters.configure on the built configuration"
                    + " (MultiLayerConfiguration or ComputationGraphConfiguration) or on each layer's builder instead");
        }
        builder.updater(plan.updater());
        if (plan.decay() != null) {
            builder.l2(plan.decay().coefficient()).l2Bias(plan.decay().coefficient());
        }
        return builder;
    }

    /**
     * Sets the updater for {@code spec}, and its weight decay if any, on one layer (replacing the
     * regularisation set on the builder so far; add L1 after this call).
     */
    public static <B extends BaseLayer.Builder<B>> B configure(B layer, String spec) {
        Plan plan = plan(spec);
        layer.updater(plan.updater());
        layer.regularization(plan.regularization(null));
        layer.regularizationBias(plan.regularization(null));
        return layer;
    }

    /**
     * Sets the updater for {@code spec}, and its weight decay if any, on every layer with parameters
     * of a built configuration (replacing their updaters, bias updaters, and L2 / weight-decay terms).
     */
    public static MultiLayerConfiguration configure(MultiLayerConfiguration conf, String spec) {
        Plan plan = plan(spec);
        for (NeuralNetConfiguration c : conf.getConfs()) {
            apply(plan, c.getLayer());
        }
        return conf;
    }

    /** As {@link #configure(MultiLayerConfiguration, String)}, for every layer vertex of a graph. */
    public static ComputationGraphConfiguration configure(ComputationGraphConfiguration conf, String spec) {
        Plan plan = plan(spec);
        for (GraphVertex v : conf.getVertices().values()) {
            if (v instanceof LayerVertex lv) {
                apply(plan, lv.getLayerConf().getLayer());
            }
        }
        return conf;
    }

    /**
     * Sets the updater for {@code spec}, and its weight decay if any, on a SameDiff training configuration: the decay
     * becomes {@code TrainingConfig}'s {@code WeightDecay(coeff, applyLR=true)} or {@code L2Regularization(coeff)},
     * which SameDiff applies to every trainable variable (replacing the L2 and weight-decay terms set so far).
     */
    public static TrainingConfig.Builder configure(TrainingConfig.Builder builder, String spec) {
        Plan plan = plan(spec);
        return builder.updater(plan.updater()).regularization(plan.regularization(null));
    }

    private static void apply(Plan plan, Layer layer) {
        if (layer instanceof BaseLayer b) {
            b.setIUpdater(plan.updater().clone());
            b.setBiasUpdater(null);
            b.setRegularization(plan.regularization(b.getRegularization()));
            b.setRegularizationBias(plan.regularization(b.getRegularizationBias()));
        }
    }
}
