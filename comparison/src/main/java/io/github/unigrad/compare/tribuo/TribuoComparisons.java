package io.github.unigrad.compare.tribuo;

import com.oracle.labs.mlrg.olcut.config.PropertyException;
import io.github.unigrad.compare.Comparison;
import io.github.unigrad.compare.DataChoice;
import io.github.unigrad.compare.DataNeed;
import io.github.unigrad.compare.Framework;
import io.github.unigrad.compare.Meter;
import io.github.unigrad.compare.Planned;
import io.github.unigrad.compare.Relation;
import io.github.unigrad.compare.ShippedData;
import io.github.unigrad.compare.Skip;
import io.github.unigrad.compare.Specs;
import io.github.unigrad.compare.Subject;
import io.github.unigrad.loss.InputForm;
import io.github.unigrad.loss.Loss;
import io.github.unigrad.loss.Losses;
import io.github.unigrad.tribuo.UnigradLabelObjective;
import io.github.unigrad.tribuo.UnigradOptimiser;
import io.github.unigrad.tribuo.UnigradRegressionObjective;
import org.tribuo.classification.sgd.objectives.Hinge;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.common.sgd.SGDObjective;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.optimisers.AdaDelta;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.math.optimisers.Adam;
import org.tribuo.math.optimisers.ParameterAveraging;
import org.tribuo.math.optimisers.Pegasos;
import org.tribuo.math.optimisers.RMSProp;
import org.tribuo.math.optimisers.SGD;
import org.tribuo.regression.sgd.objectives.AbsoluteLoss;
import org.tribuo.regression.sgd.objectives.Huber;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleFunction;
import java.util.function.Supplier;

/**
 * The Tribuo side of the runner: which built-in objective or optimiser each catalogue entry is
 * compared with, in {@code LinearSGDTrainer} and the factorization-machine trainers. A loss
 * comparison shares the built-in {@code AdaGrad(lr=0.1, eps=0.1)}; an optimiser comparison shares
 * {@code LogMulticlass}. Minibatches of one example, as Tribuo's trainers default to.
 */
public final class TribuoComparisons {
    /** The largest parameter difference expected between twins configured alike. */
    public static final double TOLERANCE = 1e-6;
    private static final String FIXED_OPTIMISER = "AdaGrad(lr=0.1, eps=0.1)";

    record LossHost(String builtInName, Supplier<SGDObjective<?>> builtIn, String meterSpec, DataNeed need,
                    Relation relation, String note) {
    }

    /** How an optimiser's built-in is configured for a learning rate; its twin comes from {@link TribuoTwins}. */
    record OptimiserHost(String builtInName, DoubleFunction<StochasticGradientOptimiser> builtIn, double defaultLr,
                         Relation relation, String note) {

        /** The twin spec of the built-in at learning rate {@code lr} (for Adam, the rule it means to run). */
        String twinSpec(double lr) {
            StochasticGradientOptimiser o = builtIn.apply(lr);
            return TribuoTwins.optimiser(o).or(() -> TribuoTwins.intendedAdam(o)).orElseThrow();
        }
    }

    private static final Map<String, LossHost> LOSSES = new LinkedHashMap<>();
    private static final Map<String, OptimiserHost> OPTIMISERS = new LinkedHashMap<>();

    static {
        LOSSES.put("softmax_cross_entropy", new LossHost("LogMulticlass", LogMulticlass::new, "softmax_cross_entropy",
                DataNeed.CLASSES, Relation.TWIN, ""));
        LOSSES.put("multiclass_hinge", new LossHost("Hinge", Hinge::new, "multiclass_hinge", DataNeed.CLASSES,
                Relation.TWIN, ""));
        LOSSES.put("l2", new LossHost("SquaredLoss", SquaredLoss::new, "l2(weights=[0.5])", DataNeed.REAL,
                Relation.TWIN, "SquaredLoss is Σ ½(y-ŷ)², i.e. l2(weights=[0.5])"));
        LOSSES.put("l1", new LossHost("AbsoluteLoss", AbsoluteLoss::new, "l1", DataNeed.REAL, Relation.TWIN,
                "AbsoluteLoss logs |d| - 0.5 per output; the gradient is the same"));
        LOSSES.put("huber", new LossHost("Huber(cost=1)", () -> new Huber(1.0), "huber(delta=1)", DataNeed.REAL,
                Relation.TWIN, ""));

        OPTIMISERS.put("gradient_descent", new OptimiserHost("SGD.getSimpleSGD", SGD::getSimpleSGD, 0.01, Relation.TWIN, ""));
        OPTIMISERS.put("sgd", new OptimiserHost("SGD.getSimpleSGD(momentum STANDARD 0.9)",
                lr -> SGD.getSimpleSGD(lr, 0.9, SGD.Momentum.STANDARD), 0.01, Relation.TWIN, ""));
        OPTIMISERS.put("nesterov", new OptimiserHost("SGD.getSimpleSGD(momentum NESTEROV 0.9)",
                lr -> SGD.getSimpleSGD(lr, 0.9, SGD.Momentum.NESTEROV), 0.01, Relation.TWIN, ""));
        OPTIMISERS.put("adagrad", new OptimiserHost("AdaGrad", lr -> new AdaGrad(lr, 0.1), 0.1, Relation.TWIN, ""));
        OPTIMISERS.put("rmsprop", new OptimiserHost("RMSProp", lr -> new RMSProp(lr, 0.9), 0.01, Relation.TWIN, ""));
        OPTIMISERS.put("adadelta", new OptimiserHost("AdaDelta", lr -> new AdaDelta(0.95, 1e-6), 1.0, Relation.TWIN, ""));
        OPTIMISERS.put("pegasos", new OptimiserHost("Pegasos(lambda=0.1)", lr -> new Pegasos(lr, 0.1), 0.1, Relation.SAME_RULE,
                TribuoTwins.PEGASOS_PROJECTS));
        OPTIMISERS.put("averaging", new OptimiserHost("ParameterAveraging(SGD.getSimpleSGD)",
                lr -> new ParameterAveraging(SGD.getSimpleSGD(lr)), 0.01, Relation.TWIN, ""));
        OPTIMISERS.put("adam", new OptimiserHost("Adam", lr -> new Adam(lr, 0.9, 0.999, 1e-8), 0.01, Relation.TWIN, TribuoTwins.ADAM_DEFECT));
    }

    private TribuoComparisons() {
    }

    /** The loss specs the default run compares on linear SGD: every Tribuo twin, then entries Tribuo lacks. */
    public static List<String> defaultLosses() {
        return List.of("softmax_cross_entropy", "multiclass_hinge", "l2(weights=[0.5])", "l1", "huber",
                "softmax_focal", "binary_cross_entropy", "mse", "log_cosh");
    }

    /** The loss specs the default run also compares on factorization machines. */
    public static List<String> defaultFmLosses() {
        return List.of("softmax_cross_entropy", "l2(weights=[0.5])");
    }

    /** The optimiser specs the default run compares: every Tribuo twin, then entries Tribuo lacks. */
    public static List<String> defaultOptimisers() {
        List<String> specs = new ArrayList<>();
        for (OptimiserHost h : OPTIMISERS.values()) {
            specs.add(h.twinSpec(h.defaultLr()));
        }
        specs.add("gradient_descent(lr=inverse_time(0.1, decay=1, power=1))");
        specs.addAll(List.of("adamw(lr=0.01, weightDecay=0.01)", "radam(lr=0.01)", "lion(lr=0.001)",
                "schedule_free_sgd(lr=0.1)"));
        return specs;
    }

    /** The comparison of loss {@code spec} on {@code kind} with its Tribuo twin or nearest built-in, or why not. */
    public static Planned loss(String spec, ModelKind kind, DataChoice data) {
        Loss loss = Losses.parse(spec);
        String name = loss.spec().name();
        Optional<String> unfit = ShippedData.whyNot(loss);
        if (unfit.isPresent()) {
            return new Skip(Framework.TRIBUO, Subject.LOSS, spec, unfit.get());
        }
        LossHost host = LOSSES.getOrDefault(name, nearestLoss(loss));
        Optional<String> dataset = data.pick(host.need(), kind == ModelKind.FM && host.need() == DataNeed.CLASSES ? "wine" : null);
        if (dataset.isEmpty()) {
            return new Skip(Framework.TRIBUO, Subject.LOSS, spec, "needs " + host.need().describe() + "; none was selected");
        }
        SGDObjective<?> ours;
        try {
            ours = host.need() == DataNeed.REAL ? new UnigradRegressionObjective(spec) : new UnigradLabelObjective(spec);
        } catch (IllegalArgumentException | PropertyException e) {
            return new Skip(Framework.TRIBUO, Subject.LOSS, spec, "the Tribuo adapter refuses it: " + e.getMessage());
        }
        String canonical = loss.spec().toString();
        Relation relation = host.relation() == Relation.TWIN
                && !canonical.equals(Specs.canonicalLoss(host.meterSpec())) ? Relation.SAME_RULE : host.relation();
        TribuoSetup builtIn = new TribuoSetup(kind, host.builtIn().get(), new AdaGrad(0.1, 0.1), Meter.of(host.meterSpec()));
        TribuoSetup mine = new TribuoSetup(kind, ours, new AdaGrad(0.1, 0.1), Meter.of(spec));
        return new Comparison(Framework.TRIBUO, kind.display(), Subject.LOSS, host.builtInName(), canonical, relation,
                dataset.get(), FIXED_OPTIMISER, host.note(), relation == Relation.TWIN ? TOLERANCE : Double.NaN,
                (d, s, p) -> TribuoTrainer.run(d, builtIn, s, p), (d, s, p) -> TribuoTrainer.run(d, mine, s, p));
    }

    private static LossHost nearestLoss(Loss loss) {
        return loss.inputForm() == InputForm.VALUES
                ? new LossHost("SquaredLoss", SquaredLoss::new, "l2(weights=[0.5])", DataNeed.REAL, Relation.NEAREST, "")
                : new LossHost("LogMulticlass", LogMulticlass::new, "softmax_cross_entropy", DataNeed.CLASSES,
                        Relation.NEAREST, "");
    }

    /** The comparison of optimiser {@code spec} with its Tribuo twin or nearest built-in, or why it cannot run. */
    public static Planned optimiser(String spec, DataChoice data) {
        String canonical = Specs.canonicalOptimiser(spec);
        String name = Specs.optimiserName(spec);
        OptimiserHost host = OPTIMISERS.getOrDefault(name,
                new OptimiserHost("AdaGrad", lr -> new AdaGrad(lr, 0.1), 0.1, Relation.NEAREST, ""));
        Optional<String> dataset = data.pick(DataNeed.CLASSES, "wine");
        if (dataset.isEmpty()) {
            return new Skip(Framework.TRIBUO, Subject.OPTIMISER, spec, "needs " + DataNeed.CLASSES.describe() + "; none was selected");
        }
        boolean schedule = !(canonicalLr(canonical) instanceof Double);
        double lr = host.relation() == Relation.NEAREST || schedule ? host.defaultLr() : Specs.learningRate(spec, host.defaultLr());
        Relation relation = host.relation();
        if (relation == Relation.TWIN && !canonical.equals(host.twinSpec(lr))) {
            relation = Relation.SAME_RULE;
        }
        String builtInName = host.builtInName() + "(lr=" + lr + ")";
        StochasticGradientOptimiser builtIn = host.builtIn().apply(lr);
        if (name.equals("gradient_descent") && schedule && isTribuoLinearDecay(canonical)) {
            builtIn = SGD.getLinearDecaySGD(0.1);
            builtInName = "SGD.getLinearDecaySGD(lr=0.1)";
            relation = Relation.TWIN;
        }
        UnigradOptimiser ours;
        try {
            ours = new UnigradOptimiser(spec);
        } catch (IllegalArgumentException | PropertyException e) {
            return new Skip(Framework.TRIBUO, Subject.OPTIMISER, spec, "the Tribuo adapter refuses it: " + e.getMessage());
        }
        TribuoSetup builtInSetup = new TribuoSetup(ModelKind.LINEAR, new LogMulticlass(), builtIn,
                Meter.of("softmax_cross_entropy"));
        TribuoSetup ourSetup = builtInSetup.withOptimiser(ours);
        boolean parity = relation == Relation.TWIN && host.note().isEmpty();
        return new Comparison(Framework.TRIBUO, ModelKind.LINEAR.display(), Subject.OPTIMISER, builtInName, canonical,
                relation, dataset.get(), "LogMulticlass", host.note(), parity ? TOLERANCE : Double.NaN,
                (d, s, p) -> TribuoTrainer.run(d, builtInSetup, s, p), (d, s, p) -> TribuoTrainer.run(d, ourSetup, s, p));
    }

    private static Object canonicalLr(String canonical) {
        return io.github.unigrad.optim.Optimisers.parse(canonical).spec().named().get("lr");
    }

    /** Tribuo's linear decay, lr/t with t the 1-based step, is {@code inverse_time(0.1, decay=1, power=1)}. */
    private static boolean isTribuoLinearDecay(String canonical) {
        return canonical.equals(Specs.canonicalOptimiser("gradient_descent(lr=inverse_time(0.1, decay=1, power=1))"));
    }
}
