package io.github.unigrad.tribuo;

import com.oracle.labs.mlrg.olcut.config.Option;
import com.oracle.labs.mlrg.olcut.config.Options;
import org.tribuo.Trainer;

/**
 * Command-line options, in Tribuo's style, that pick a Unigrad loss and optimiser by spec and build
 * a {@code LinearSGDTrainer} (or, with {@code --unigrad-fm-factors}, a factorization machine) for
 * labels, regression or multi-label outputs:
 * <pre>{@code
 * UnigradOptions o = new UnigradOptions();
 * new ConfigurationManager(args, o);      // --unigrad-objective 'huber(delta=2)' --unigrad-optimiser 'adagrad(lr=0.1)'
 * Trainer<Regressor> trainer = o.regressionTrainer();
 * }</pre>
 * The specs are checked when a trainer or component is built, with the same messages as in XML
 * configuration. Without {@code --unigrad-objective}, each output type gets its usual loss
 * ({@value #DEFAULT_LABEL_LOSS}, {@value #DEFAULT_REGRESSION_LOSS}, {@value #DEFAULT_MULTI_LABEL_LOSS}).
 */
public final class UnigradOptions implements Options {
    public static final String DEFAULT_LABEL_LOSS = "softmax_cross_entropy";
    public static final String DEFAULT_REGRESSION_LOSS = "mse";
    public static final String DEFAULT_MULTI_LABEL_LOSS = "binary_cross_entropy";

    @Option(longName = "unigrad-objective", usage = "The loss, as a Unigrad spec, e.g. 'softmax_focal(gamma=2)'. Defaults to "
            + DEFAULT_LABEL_LOSS + " (labels), " + DEFAULT_REGRESSION_LOSS + " (regression), " + DEFAULT_MULTI_LABEL_LOSS
            + " (multi-label).")
    public String loss;

    @Option(longName = "unigrad-optimiser", usage = "The optimiser, as a Unigrad spec, e.g. 'adam(lr=0.01)'.")
    public String optimiser = "adam(lr=0.01)";

    @Option(longName = "unigrad-epochs", usage = "Number of SGD epochs.")
    public int epochs = 5;

    @Option(longName = "unigrad-minibatch", usage = "Minibatch size.")
    public int minibatchSize = 1;

    @Option(longName = "unigrad-logging-interval", usage = "Log the loss every this many steps (-1 for never).")
    public int loggingInterval = -1;

    @Option(longName = "unigrad-seed", usage = "Seed of the shuffling (and FM initialisation) RNG.")
    public long seed = Trainer.DEFAULT_SEED;

    @Option(longName = "unigrad-fm-factors", usage = "If > 0, train a factorization machine with this many factors"
            + " instead of a linear model.")
    public int fmFactors = 0;

    @Option(longName = "unigrad-fm-variance", usage = "Variance of the factorization machine's initial factors.")
    public double fmVariance = 0.1;

    /** The label objective the options name. */
    public UnigradLabelObjective labelObjective() {
        return new UnigradLabelObjective(loss != null ? loss : DEFAULT_LABEL_LOSS);
    }

    /** The regression objective the options name. */
    public UnigradRegressionObjective regressionObjective() {
        return new UnigradRegressionObjective(loss != null ? loss : DEFAULT_REGRESSION_LOSS);
    }

    /** The multi-label objective the options name. */
    public UnigradMultiLabelObjective multiLabelObjective() {
        return new UnigradMultiLabelObjective(loss != null ? loss : DEFAULT_MULTI_LABEL_LOSS);
    }

    /** The optimiser the options name. */
    public UnigradOptimiser optimiser() {
        return new UnigradOptimiser(optimiser);
    }

    /** A classification trainer with the named loss and optimiser. */
    public Trainer<org.tribuo.classification.Label> labelTrainer() {
        return fmFactors > 0
                ? new org.tribuo.classification.sgd.fm.FMClassificationTrainer(labelObjective(), optimiser(), epochs,
                        loggingInterval, minibatchSize, seed, fmFactors, fmVariance)
                : new org.tribuo.classification.sgd.linear.LinearSGDTrainer(labelObjective(), optimiser(), epochs,
                        loggingInterval, minibatchSize, seed);
    }

    /** A regression trainer with the named loss and optimiser. */
    public Trainer<org.tribuo.regression.Regressor> regressionTrainer() {
        return fmFactors > 0
                ? new org.tribuo.regression.sgd.fm.FMRegressionTrainer(regressionObjective(), optimiser(), epochs,
                        loggingInterval, minibatchSize, seed, fmFactors, fmVariance, false)
                : new org.tribuo.regression.sgd.linear.LinearSGDTrainer(regressionObjective(), optimiser(), epochs,
                        loggingInterval, minibatchSize, seed);
    }

    /** A multi-label trainer with the named loss and optimiser. */
    public Trainer<org.tribuo.multilabel.MultiLabel> multiLabelTrainer() {
        return fmFactors > 0
                ? new org.tribuo.multilabel.sgd.fm.FMMultiLabelTrainer(multiLabelObjective(), optimiser(), epochs,
                        loggingInterval, minibatchSize, seed, fmFactors, fmVariance)
                : new org.tribuo.multilabel.sgd.linear.LinearSGDTrainer(multiLabelObjective(), optimiser(), epochs,
                        loggingInterval, minibatchSize, seed);
    }
}
