package io.github.unigrad.compare.tribuo;

import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import io.github.unigrad.compare.Specs;
import io.github.unigrad.loss.Losses;
import io.github.unigrad.optim.Optimisers;
import org.tribuo.common.sgd.SGDObjective;
import org.tribuo.math.StochasticGradientOptimiser;

import java.util.Map;
import java.util.Optional;

/**
 * The Unigrad twin of each Tribuo 4.3.2 built-in objective and optimiser, read from the component's own
 * configuration (its OLCUT provenance): the mapping the README's table states ("Tribuo's built-ins as
 * specs"), written once. The comparison runner and {@link TribuoCompare} both take their twins from here.
 *
 * <p>The twins are of the components as a trainer runs them: Tribuo's {@code AdaGrad.copy()} drops the
 * initial accumulator and {@code Pegasos.copy()} swaps its two arguments, and trainers copy their optimiser.
 * Tribuo's {@code Adam} has no twin: it multiplies by (√v + ε) where the rule divides
 * ({@link #ADAM_DEFECT}); {@link #intendedAdam} gives the rule it means. Tribuo's {@code Pegasos} is the
 * same rule as {@code pegasos} but also projects the weights onto a ball ({@link #PEGASOS_PROJECTS}), so the
 * two are close, not equal ({@link #exact}).
 */
public final class TribuoTwins {
    /** Why Tribuo 4.3.2's Adam has no twin. */
    public static final String ADAM_DEFECT = "Tribuo 4.3.2's Adam multiplies by (sqrt(v)+eps) instead of dividing "
            + "(fixed on Tribuo's main branch, never released): the built-in is not Adam, no parity expected";

    /** Why Tribuo's Pegasos and its catalogue spec are not expected to agree to rounding. */
    public static final String PEGASOS_PROJECTS = "Tribuo's Pegasos also projects the weights onto the ball of radius "
            + "1/sqrt(lambda) after every step (the paper's optional projection, through its ShrinkingMatrix); the "
            + "catalogue's pegasos does not";

    /** Why Tribuo's {@code Hinge(m)} has a twin only for m = 1. */
    public static final String HINGE_SCALES = "Tribuo's Hinge(m) steps by m·(e_max − e_y), m times the gradient of "
            + "multiclass_hinge(margin=m): only Hinge(1) has a twin";

    private TribuoTwins() {
    }

    /** False for the optimisers whose twin is close but not equal (Pegasos) or that have none (Adam). */
    public static boolean exact(StochasticGradientOptimiser optimiser) {
        String c = optimiser.getProvenance().getClassName();
        return !c.equals("org.tribuo.math.optimisers.Pegasos") && !c.equals("org.tribuo.math.optimisers.Adam");
    }

    /**
     * The canonical catalogue spec of {@code objective} for a model with {@code outputs} outputs (the regression
     * dimensions; 1 for labels), or empty if it has none.
     */
    public static Optional<String> objective(SGDObjective<?> objective, int outputs) {
        ConfiguredObjectProvenance p = objective.getProvenance();
        if (p.getClassName().equals("org.tribuo.classification.sgd.objectives.Hinge")
                && Double.parseDouble(p.getConfiguredParameters().get("margin").toString()) != 1) {
            return Optional.empty();
        }
        return measure(objective, outputs);
    }

    /**
     * The catalogue loss that measures what {@code objective} trains (its twin, or for {@code Hinge(m)} with
     * m ≠ 1, {@code multiclass_hinge(margin=m)}: Tribuo's gradient is m times that loss's, {@link #HINGE_SCALES}),
     * or empty if there is none.
     */
    public static Optional<String> measure(SGDObjective<?> objective, int outputs) {
        ConfiguredObjectProvenance p = objective.getProvenance();
        Map<String, Provenance> c = p.getConfiguredParameters();
        String spec = switch (p.getClassName()) {
            case "org.tribuo.classification.sgd.objectives.LogMulticlass" -> "softmax_cross_entropy";
            case "org.tribuo.classification.sgd.objectives.Hinge" -> "multiclass_hinge(margin=" + number(c, "margin") + ")";
            case "org.tribuo.regression.sgd.objectives.SquaredLoss" -> "l2(weights=[" + String.join(", ",
                    java.util.Collections.nCopies(outputs, "0.5")) + "])";
            case "org.tribuo.regression.sgd.objectives.AbsoluteLoss" -> "l1";
            case "org.tribuo.regression.sgd.objectives.Huber" -> "huber(delta=" + number(c, "cost") + ")";
            default -> null;
        };
        return Optional.ofNullable(spec).map(s -> Losses.parse(s).spec().toString());
    }

    /** The canonical catalogue spec of {@code optimiser} as a trainer runs it, or empty if it has none. */
    public static Optional<String> optimiser(StochasticGradientOptimiser optimiser) {
        return optimiser(optimiser.getProvenance()).map(s -> Optimisers.parse(s).spec().toString());
    }

    /** The published rule Tribuo 4.3.2's {@code Adam} is meant to run, or empty if {@code optimiser} is not one. */
    public static Optional<String> intendedAdam(StochasticGradientOptimiser optimiser) {
        ConfiguredObjectProvenance p = optimiser.getProvenance();
        if (!p.getClassName().equals("org.tribuo.math.optimisers.Adam")) {
            return Optional.empty();
        }
        Map<String, Provenance> c = p.getConfiguredParameters();
        return Optional.of(Optimisers.parse("adam(lr=" + number(c, "initialLearningRate") + ", b1=" + number(c, "betaOne")
                + ", b2=" + number(c, "betaTwo") + ", eps=" + number(c, "epsilon") + ", epsilonHat=true)").spec().toString());
    }

    private static Optional<String> optimiser(ConfiguredObjectProvenance p) {
        Map<String, Provenance> c = p.getConfiguredParameters();
        String spec = switch (p.getClassName()) {
            case "org.tribuo.math.optimisers.SimpleSGD" -> sgd(number(c, "initialLearningRate"), c);
            case "org.tribuo.math.optimisers.LinearDecaySGD" ->
                    sgd("inverse_time(" + number(c, "initialLearningRate") + ", decay=1, power=1)", c);
            case "org.tribuo.math.optimisers.SqrtDecaySGD" ->
                    sgd("inverse_time(" + number(c, "initialLearningRate") + ", decay=1, power=0.5)", c);
            case "org.tribuo.math.optimisers.AdaGrad" -> "adagrad(lr=" + number(c, "initialLearningRate") + ", eps="
                    + number(c, "epsilon") + ", initialAccumulator=0)";
            case "org.tribuo.math.optimisers.RMSProp" -> {
                String lr = number(c, "initialLearningRate");
                String decay = number(c, "decay");
                yield "rmsprop(lr=" + (Double.parseDouble(decay) == 0 ? lr : "inverse_time(" + lr + ", decay=" + decay + ")")
                        + ", alpha=" + number(c, "rho") + ", eps=" + number(c, "epsilon") + ")";
            }
            case "org.tribuo.math.optimisers.AdaDelta" -> "adadelta(rho=" + number(c, "rho") + ", eps=" + number(c, "epsilon") + ")";
            case "org.tribuo.math.optimisers.Pegasos" -> "pegasos(lr=" + number(c, "lambda") + ", lambda="
                    + number(c, "baseRate") + ")";
            case "org.tribuo.math.optimisers.ParameterAveraging" -> optimiser((ConfiguredObjectProvenance) c.get("optimiser"))
                    .map(inner -> "averaging(inner=" + inner + ", includeInitial=true)").orElse(null);
            default -> null;
        };
        return Optional.ofNullable(spec);
    }

    /** Plain, momentum or Nesterov SGD with learning rate {@code lr} (a number or a schedule spec). */
    private static String sgd(String lr, Map<String, Provenance> c) {
        return switch (c.get("useMomentum").toString()) {
            case "STANDARD" -> "sgd(lr=" + lr + ", momentum=" + number(c, "rho") + ")";
            case "NESTEROV" -> "nesterov(lr=" + lr + ", momentum=" + number(c, "rho") + ")";
            default -> "gradient_descent(lr=" + lr + ")";
        };
    }

    private static String number(Map<String, Provenance> c, String key) {
        return Specs.number(Double.parseDouble(c.get(key).toString()));
    }
}
