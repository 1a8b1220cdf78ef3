package io.github.unigrad.compare.dl4j;

import io.github.unigrad.compare.Comparison;
import io.github.unigrad.compare.DataChoice;
import io.github.unigrad.compare.DataNeed;
import io.github.unigrad.compare.Framework;
import io.github.unigrad.compare.Planned;
import io.github.unigrad.compare.Relation;
import io.github.unigrad.compare.ShippedData;
import io.github.unigrad.compare.Skip;
import io.github.unigrad.compare.Specs;
import io.github.unigrad.compare.Subject;
import io.github.unigrad.dl4j.UnigradLoss;
import io.github.unigrad.loss.InputForm;
import io.github.unigrad.loss.Loss;
import io.github.unigrad.loss.Losses;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.Activation;
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
import org.nd4j.linalg.lossfunctions.impl.LossHinge;
import org.nd4j.linalg.lossfunctions.impl.LossKLD;
import org.nd4j.linalg.lossfunctions.impl.LossL1;
import org.nd4j.linalg.lossfunctions.impl.LossL2;
import org.nd4j.linalg.lossfunctions.impl.LossMAE;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.lossfunctions.impl.LossSquaredHinge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleFunction;
import java.util.function.Supplier;

/**
 * The DL4J side of the runner: which built-in each catalogue loss and optimiser is compared with,
 * and how both are configured. Every comparison trains a small MLP (one hidden layer of 16 tanh
 * units, seeded Xavier initialisation, double precision); a loss comparison shares the built-in
 * {@code Adam(0.01)}, an optimiser comparison shares {@code LossMCXENT} on a softmax output.
 */
public final class Dl4jComparisons {
    /** The hidden layers of every DL4J comparison. */
    public static final List<Integer> HIDDEN = List.of(16);
    /** The largest parameter difference expected between twins configured alike (double precision). */
    public static final double TOLERANCE = 1e-6;
    private static final double FIXED_LR = 0.01;
    private static final String FIXED_UPDATER = "Adam(lr=0.01)";

    /** How a loss and its built-in are hosted. */
    record LossHost(String builtInName, Supplier<ILossFunction> builtIn, Activation builtInActivation,
                    Targets builtInTargets, Activation ourActivation, Targets ourTargets, DataNeed need,
                    Relation relation, String note) {
    }

    /** How an optimiser's built-in is configured for a learning rate; its twin comes from {@link Dl4jTwins}. */
    record OptimiserHost(String builtInName, DoubleFunction<IUpdater> builtIn, double defaultLr, Relation relation,
                         String note) {
        OptimiserHost(String builtInName, DoubleFunction<IUpdater> builtIn, double defaultLr, Relation relation) {
            this(builtInName, builtIn, defaultLr, relation, "");
        }

        /** The twin spec of the built-in at learning rate {@code lr}. */
        String twinSpec(double lr) {
            return Dl4jTwins.updater(builtIn.apply(lr)).orElseThrow();
        }
    }

    private static final Map<String, LossHost> LOSSES = new LinkedHashMap<>();
    private static final Map<String, OptimiserHost> OPTIMISERS = new LinkedHashMap<>();
    static {
        String clip = "DL4J clips probabilities to [1e-10, 1-1e-10] in the score; the gradient is the same";
        LOSSES.put("softmax_cross_entropy", new LossHost("LossMCXENT", LossMCXENT::new, Activation.SOFTMAX, Targets.ONE_HOT,
                Activation.SOFTMAX, Targets.ONE_HOT, DataNeed.CLASSES, Relation.TWIN, clip));
        LOSSES.put("categorical_cross_entropy", new LossHost("LossMCXENT", LossMCXENT::new, Activation.SOFTMAX, Targets.ONE_HOT,
                Activation.SOFTMAX, Targets.ONE_HOT, DataNeed.CLASSES, Relation.TWIN, clip));
        LOSSES.put("kl_divergence", new LossHost("LossKLD", LossKLD::new, Activation.SOFTMAX, Targets.ONE_HOT,
                Activation.SOFTMAX, Targets.ONE_HOT, DataNeed.CLASSES, Relation.TWIN, "DL4J clamps probabilities to [1e-10, 1]"));
        LOSSES.put("binary_cross_entropy", new LossHost("LossBinaryXENT", LossBinaryXENT::new, Activation.SIGMOID,
                Targets.ZERO_ONE, Activation.SIGMOID, Targets.ZERO_ONE, DataNeed.TWO_CLASSES, Relation.TWIN,
                "LossBinaryXENT clips probabilities at 1e-5; binary_cross_entropy(fromLogits=false, clip=1e-05) is its exact twin, "
                        + "the default fromLogits=true is exact and differs only where the sigmoid saturates"));
        LOSSES.put("hinge", new LossHost("LossHinge", LossHinge::new, Activation.IDENTITY, Targets.PLUS_MINUS_ONE,
                Activation.IDENTITY, Targets.PLUS_MINUS_ONE, DataNeed.TWO_CLASSES, Relation.TWIN, ""));
        LOSSES.put("squared_hinge", new LossHost("LossSquaredHinge", LossSquaredHinge::new, Activation.IDENTITY,
                Targets.PLUS_MINUS_ONE, Activation.IDENTITY, Targets.PLUS_MINUS_ONE, DataNeed.TWO_CLASSES, Relation.TWIN, ""));
        regressionTwin("mse", "LossMSE", LossMSE::new);
        regressionTwin("l2", "LossL2", LossL2::new);
        regressionTwin("l1", "LossL1", LossL1::new);
        regressionTwin("mae", "LossMAE", LossMAE::new);
        LOSSES.put("multiclass_hinge", new LossHost("LossMCXENT", LossMCXENT::new, Activation.SOFTMAX, Targets.ONE_HOT,
                Activation.IDENTITY, Targets.ONE_HOT, DataNeed.CLASSES, Relation.NEAREST,
                "DL4J has only the binary hinge; Crammer-Singer hinge on raw scores against softmax cross-entropy"));

        OPTIMISERS.put("gradient_descent", new OptimiserHost("Sgd", Sgd::new, 0.1, Relation.TWIN));
        OPTIMISERS.put("nesterov", new OptimiserHost("Nesterovs", lr -> new Nesterovs(lr, 0.9), 0.05, Relation.TWIN));
        OPTIMISERS.put("adagrad", new OptimiserHost("AdaGrad", lr -> new AdaGrad(lr, 1e-6), 0.1, Relation.TWIN));
        OPTIMISERS.put("rmsprop", new OptimiserHost("RmsProp", lr -> new RmsProp(lr, 0.95, 1e-8), 0.01, Relation.TWIN));
        OPTIMISERS.put("adam", new OptimiserHost("Adam", Adam::new, 0.01, Relation.TWIN));
        OPTIMISERS.put("adamax", new OptimiserHost("AdaMax", AdaMax::new, 0.01, Relation.TWIN));
        OPTIMISERS.put("nadam", new OptimiserHost("Nadam", Nadam::new, 0.01, Relation.TWIN));
        OPTIMISERS.put("amsgrad", new OptimiserHost("AMSGrad", AMSGrad::new, 0.01, Relation.TWIN));
        OPTIMISERS.put("adadelta", new OptimiserHost("AdaDelta", lr -> new AdaDelta(), 1.0, Relation.TWIN));
        OPTIMISERS.put("adabelief", new OptimiserHost("AdaBelief", AdaBelief::new, 0.01, Relation.TWIN,
                "DL4J 1.0.0-M2.1's AdaBelief cannot be used in a network: AdaBelief.instantiate reshapes the state view "
                        + "to 1-D and then reads shape[1] (ArrayIndexOutOfBoundsException), so only ours runs"));
        OPTIMISERS.put("sgd", new OptimiserHost("Nesterovs", lr -> new Nesterovs(lr, 0.9), 0.05, Relation.NEAREST));
        OPTIMISERS.put("momentum", new OptimiserHost("Nesterovs", lr -> new Nesterovs(lr, 0.9), 0.05, Relation.NEAREST));
    }

    private static void regressionTwin(String name, String builtInName, Supplier<ILossFunction> builtIn) {
        LOSSES.put(name, new LossHost(builtInName, builtIn, Activation.IDENTITY, Targets.VALUE, Activation.IDENTITY,
                Targets.VALUE, DataNeed.REAL, Relation.TWIN, ""));
    }

    private Dl4jComparisons() {
    }

    /** The loss specs the default run compares: every DL4J twin, then catalogue entries DL4J lacks. */
    public static List<String> defaultLosses() {
        return List.of("softmax_cross_entropy", "binary_cross_entropy(fromLogits=false, clip=1e-05)", "hinge",
                "squared_hinge", "mse", "l1", "l2", "mae",
                "focal", "softmax_focal", "huber", "log_cosh", "multiclass_hinge");
    }

    /** The optimiser specs the default run compares: every DL4J twin, configured to DL4J's conventions, then entries DL4J lacks. */
    public static List<String> defaultOptimisers() {
        List<String> specs = new java.util.ArrayList<>();
        for (OptimiserHost h : OPTIMISERS.values()) {
            if (h.relation() == Relation.TWIN) {
                specs.add(h.twinSpec(h.defaultLr()));
            }
        }
        specs.addAll(List.of("sgd(lr=0.05, momentum=0.9, nesterov=true)", "adamw(lr=0.01, weightDecay=0.01)",
                "radam(lr=0.01)", "lion(lr=0.001)", "schedule_free_adamw(lr=0.01)"));
        return specs;
    }

    /** The comparison of loss {@code spec} with its DL4J twin or nearest built-in, or why it cannot run. */
    public static Planned loss(String spec, DataChoice data) {
        Loss loss = Losses.parse(spec);
        String name = loss.spec().name();
        Optional<String> unfit = ShippedData.whyNot(loss);
        if (unfit.isPresent()) {
            return new Skip(Framework.DL4J, Subject.LOSS, spec, unfit.get());
        }
        LossHost host = LOSSES.getOrDefault(name, nearestLoss(loss));
        Optional<String> dataset = data.pick(host.need(), null);
        if (dataset.isEmpty()) {
            return new Skip(Framework.DL4J, Subject.LOSS, spec, "needs " + host.need().describe() + "; none was selected");
        }
        UnigradLoss ours;
        try {
            ours = new UnigradLoss(spec);
        } catch (IllegalArgumentException e) {
            return new Skip(Framework.DL4J, Subject.LOSS, spec, "the DL4J adapter refuses it: " + e.getMessage());
        }
        Relation relation = host.relation() == Relation.TWIN && !isTwinConfiguration(host, loss) ? Relation.SAME_RULE
                : host.relation();
        Dl4jOptimiser fixed = new Dl4jOptimiser.BuiltIn(new Adam(FIXED_LR));
        Dl4jSetup builtInSetup = new Dl4jSetup(HIDDEN, host.builtIn().get(), host.builtInActivation(), host.builtInTargets(), fixed);
        Dl4jSetup ourSetup = new Dl4jSetup(HIDDEN, ours, host.ourActivation(), host.ourTargets(), fixed);
        return new Comparison(Framework.DL4J, "MLP " + HIDDEN + " tanh", Subject.LOSS, host.builtInName(),
                loss.spec().toString(), relation, dataset.get(), FIXED_UPDATER, host.note(),
                relation == Relation.TWIN ? TOLERANCE : Double.NaN,
                (d, s, p) -> Dl4jTrainer.run(d, builtInSetup, s, p), (d, s, p) -> Dl4jTrainer.run(d, ourSetup, s, p));
    }

    /** True when {@code loss} is exactly the twin of the host's built-in (see {@link Dl4jTwins}). */
    private static boolean isTwinConfiguration(LossHost host, Loss loss) {
        return Dl4jTwins.loss(host.builtIn().get(), host.builtInActivation().getActivationFunction())
                .filter(t -> t.equals(loss.spec().toString())).isPresent();
    }

    /** For a loss DL4J lacks: the built-in of the same kind of output (softmax, sigmoid, values). */
    private static LossHost nearestLoss(Loss loss) {
        InputForm form = loss.inputForm();
        return switch (form) {
            case SOFTMAX_LOGITS, PROBABILITIES -> new LossHost("LossMCXENT", LossMCXENT::new, Activation.SOFTMAX,
                    Targets.ONE_HOT, Activation.SOFTMAX, Targets.ONE_HOT, DataNeed.CLASSES, Relation.NEAREST, "");
            case SIGMOID_LOGITS -> new LossHost("LossBinaryXENT", LossBinaryXENT::new, Activation.SIGMOID,
                    Targets.ZERO_ONE, Activation.SIGMOID, Targets.ZERO_ONE, DataNeed.TWO_CLASSES, Relation.NEAREST, "");
            case VALUES -> new LossHost("LossMSE", LossMSE::new, Activation.IDENTITY, Targets.VALUE,
                    Activation.IDENTITY, Targets.VALUE, DataNeed.REAL, Relation.NEAREST, "");
        };
    }

    /** The comparison of optimiser {@code spec} with its DL4J twin or nearest built-in, or why it cannot run. */
    public static Planned optimiser(String spec, DataChoice data) {
        String canonical = Specs.canonicalOptimiser(spec);
        String name = Specs.optimiserName(spec);
        OptimiserHost host = OPTIMISERS.getOrDefault(name,
                new OptimiserHost("Adam", Adam::new, FIXED_LR, Relation.NEAREST));
        Optional<String> dataset = data.pick(DataNeed.CLASSES, null);
        if (dataset.isEmpty()) {
            return new Skip(Framework.DL4J, Subject.OPTIMISER, spec, "needs " + DataNeed.CLASSES.describe() + "; none was selected");
        }
        double lr = host.relation() == Relation.NEAREST ? host.defaultLr() : Specs.learningRate(spec, host.defaultLr());
        Relation relation = host.relation();
        if (relation == Relation.TWIN && !canonical.equals(host.twinSpec(lr))) {
            relation = Relation.SAME_RULE;
        }
        Dl4jSetup builtInSetup = new Dl4jSetup(HIDDEN, new LossMCXENT(), Activation.SOFTMAX, Targets.ONE_HOT,
                new Dl4jOptimiser.BuiltIn(host.builtIn().apply(lr)));
        Dl4jOptimiser.Ours ours = new Dl4jOptimiser.Ours(spec);
        Dl4jSetup ourSetup = builtInSetup.withOptimiser(ours);
        try {
            ours.onConfiguration(
                    new NeuralNetConfiguration.Builder().list().layer(new OutputLayer.Builder().nIn(1).nOut(1)
                            .activation(Activation.IDENTITY).lossFunction(new LossMSE()).build()).build());
        } catch (IllegalArgumentException e) {
            return new Skip(Framework.DL4J, Subject.OPTIMISER, spec, "the DL4J adapter refuses it: " + e.getMessage());
        }
        return new Comparison(Framework.DL4J, "MLP " + HIDDEN + " tanh", Subject.OPTIMISER,
                host.builtInName() + "(lr=" + lr + ")", canonical, relation, dataset.get(), "LossMCXENT", host.note(),
                relation == Relation.TWIN ? TOLERANCE : Double.NaN,
                (d, s, p) -> Dl4jTrainer.run(d, builtInSetup, s, p), (d, s, p) -> Dl4jTrainer.run(d, ourSetup, s, p));
    }
}
