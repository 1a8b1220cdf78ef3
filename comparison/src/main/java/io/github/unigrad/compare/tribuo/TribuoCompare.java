package io.github.unigrad.compare.tribuo;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.Configurable;
import io.github.unigrad.compare.Comparison;
import io.github.unigrad.compare.ComparisonResult;
import io.github.unigrad.compare.ComparisonRunner;
import io.github.unigrad.compare.Framework;
import io.github.unigrad.compare.Meter;
import io.github.unigrad.compare.Metrics;
import io.github.unigrad.compare.ProgressBar;
import io.github.unigrad.compare.Relation;
import io.github.unigrad.compare.Results;
import io.github.unigrad.compare.RunResult;
import io.github.unigrad.compare.RunSettings;
import io.github.unigrad.compare.Skip;
import io.github.unigrad.compare.Subject;
import io.github.unigrad.compare.TrainingLog;
import io.github.unigrad.compare.Trial;
import io.github.unigrad.compare.data.Table;
import io.github.unigrad.compare.data.Task;
import io.github.unigrad.loss.Losses;
import io.github.unigrad.optim.Optimisers;
import io.github.unigrad.tribuo.UnigradLabelObjective;
import io.github.unigrad.tribuo.UnigradOptimiser;
import io.github.unigrad.tribuo.UnigradRegressionObjective;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.LabelObjective;
import org.tribuo.common.sgd.AbstractSGDTrainer;
import org.tribuo.common.sgd.SGDObjective;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.la.SGDVector;
import org.tribuo.regression.Regressor;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Compares a user's Tribuo SGD trainer (linear SGD or factorization machine, for labels or one regression
 * target) on the user's datasets: the trainer as configured, against copies of it that differ only in the
 * objective or the optimiser, trained side by side (same seed, hence the same initialisation and example
 * order; same epochs and minibatches):
 * <ul>
 *   <li>{@link #twins()}: the objective and the optimiser replaced by their Unigrad twins ({@link TribuoTwins});</li>
 *   <li>{@link #loss(String)}: the objective replaced by a catalogue loss;</li>
 *   <li>{@link #optimiser(String)}: the optimiser replaced by a catalogue optimiser.</li>
 * </ul>
 * Per variant: the training loss after every epoch (measured from the model's raw outputs with the catalogue
 * definition of the loss it trains, since Tribuo's objectives report unusable values), the wall time of every
 * epoch, the test metrics and the final parameters.
 *
 * <pre>{@code
 * Results r = TribuoCompare.of(new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), 5, 42))
 *         .data(train, test).twins().optimiser("adamw(lr=0.01)").run();
 * }</pre>
 *
 * <p>The copies are made as OLCUT makes a trainer from its configuration: the trainer class's no-argument
 * constructor, every {@code @Config} field copied, then {@code postConfig()}.
 */
public final class TribuoCompare {
    /** The largest parameter difference expected between a trainer and its twins. */
    public static final double TOLERANCE = 1e-6;
    /** The "ours" name of the twins variant. */
    public static final String TWINS = "Unigrad twins";
    private static final String AS_CONFIGURED = "as configured";

    static {
        Logger.getLogger("org.tribuo").setLevel(Level.WARNING);
    }

    private final AbstractSGDTrainer<?, ?, ?, ?> trainer;
    private Dataset<?> train;
    private Dataset<?> test;
    private String dataName = "your data";
    private boolean twins;
    private final Set<String> losses = new LinkedHashSet<>();
    private final Set<String> optimisers = new LinkedHashSet<>();
    private ProgressBar progress = new ProgressBar(null, 1);

    private TribuoCompare(AbstractSGDTrainer<?, ?, ?, ?> trainer) {
        this.trainer = trainer;
    }

    /** Compares variants of {@code trainer} (which is not changed): any Tribuo SGD trainer, linear or FM. */
    public static TribuoCompare of(AbstractSGDTrainer<?, ?, ?, ?> trainer) {
        return new TribuoCompare(trainer);
    }

    /** The training data, and test data to score the final models on (null for none: no metrics). */
    public TribuoCompare data(Dataset<?> train, Dataset<?> test) {
        this.train = train;
        this.test = test;
        return this;
    }

    /** The name the report gives the data (default "your data"). */
    public TribuoCompare dataName(String name) {
        this.dataName = name;
        return this;
    }

    /** Adds the variant with the objective and the optimiser replaced by their Unigrad twins. */
    public TribuoCompare twins() {
        this.twins = true;
        return this;
    }

    /** Adds the variant with the objective replaced by catalogue loss {@code spec}. */
    public TribuoCompare loss(String spec) {
        Losses.parse(spec);
        losses.add(spec);
        return this;
    }

    /** Adds the variant with the optimiser replaced by catalogue optimiser {@code spec}. */
    public TribuoCompare optimiser(String spec) {
        Optimisers.parse(spec);
        optimisers.add(spec);
        return this;
    }

    /** Where to show progress (default: nowhere). */
    public TribuoCompare progress(ProgressBar bar) {
        this.progress = bar;
        return this;
    }

    /** Trains the trainer as configured and every variant asked for. */
    public Results run() {
        if (train == null) {
            throw new IllegalStateException("no training data: call data(train, test) first");
        }
        if (!twins && losses.isEmpty() && optimisers.isEmpty()) {
            throw new IllegalStateException("nothing to compare: ask for twins(), a loss(spec) or an optimiser(spec)");
        }
        long start = System.nanoTime();
        boolean labels = objective() instanceof LabelObjective;
        Table truth = truth(train, labels);
        int outputs = labels ? 1 : truth.outputs();
        String ownMeter = TribuoTwins.measure(objective(), outputs).orElse(null);
        var objectiveTwin = TribuoTwins.objective(objective(), outputs);
        String model = trainer.getClass().getSimpleName();
        List<Comparison> comparisons = new ArrayList<>();
        List<Skip> skips = new ArrayList<>();
        Trial asConfigured = ownMeter == null ? null : trial(objective(), optimiser(), ownMeter, labels).once();
        if (asConfigured == null) {
            skips.add(new Skip(Framework.TRIBUO, Subject.LOSS, AS_CONFIGURED, "the trainer's objective "
                    + objective().getClass().getSimpleName() + " has no catalogue twin to measure its loss with"));
            return new Results("TribuoCompare on " + dataName, "", List.of(), skips, 0);
        }
        if (twins) {
            twinsVariant(model, objectiveTwin, ownMeter, labels, asConfigured, comparisons, skips);
        }
        for (String spec : losses) {
            alternative(Subject.LOSS, Losses.parse(spec).spec().toString(),
                    () -> trial(objective(spec, labels), optimiser(), spec, labels), model, asConfigured, comparisons, skips);
        }
        for (String spec : optimisers) {
            alternative(Subject.OPTIMISER, Optimisers.parse(spec).spec().toString(),
                    () -> trial(objective(), new UnigradOptimiser(spec), ownMeter, labels), model, asConfigured,
                    comparisons, skips);
        }
        int epochs = intField("epochs");
        List<ComparisonResult> results = new ComparisonRunner(new RunSettings(epochs, 0, 1, 1), name -> null, 0)
                .run(comparisons, progress);
        String setup = String.format(Locale.ROOT, "%d epochs (the trainer's), minibatches of %d, seed %d; %s.", epochs,
                intField("minibatchSize"), (long) field("seed"), test == null ? "no test data" : "metrics on the test data");
        return new Results("TribuoCompare on " + dataName, setup, results, skips, (System.nanoTime() - start) / 1e9);
    }

    /** The variant with every component that has a twin replaced by it, or why there is none. */
    private void twinsVariant(String model, Optional<String> objectiveTwin, String meter, boolean labels, Trial asConfigured,
                              List<Comparison> comparisons, List<Skip> skips) {
        List<String> replaced = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        SGDObjective<?> objective = objective();
        if (objectiveTwin.isPresent()) {
            objective = objective(objectiveTwin.get(), labels);
            replaced.add(objective().getClass().getSimpleName() + " → " + objectiveTwin.get());
        } else {
            kept.add(objective().getClass().getSimpleName() + " (" + TribuoTwins.HINGE_SCALES + ")");
        }
        StochasticGradientOptimiser optimiser = optimiser();
        Optional<String> twin = TribuoTwins.optimiser(optimiser()).or(() -> TribuoTwins.intendedAdam(optimiser()));
        if (twin.isPresent()) {
            optimiser = new UnigradOptimiser(twin.get());
            replaced.add(optimiser().getClass().getSimpleName() + " → " + twin.get());
        } else {
            kept.add(optimiser().getClass().getSimpleName());
        }
        if (replaced.isEmpty()) {
            skips.add(new Skip(Framework.TRIBUO, Subject.BOTH, TWINS, "neither the objective nor the optimiser has a "
                    + "Unigrad twin: " + String.join("; ", kept)));
            return;
        }
        boolean exact = TribuoTwins.exact(optimiser());
        String note = "replaced: " + String.join("; ", replaced) + (kept.isEmpty() ? "" : ". Kept (no twin): "
                + String.join("; ", kept)) + (exact ? "" : ". " + (twin.isPresent() && twin.get().startsWith("adam")
                ? TribuoTwins.ADAM_DEFECT : TribuoTwins.PEGASOS_PROJECTS));
        comparisons.add(new Comparison(Framework.TRIBUO, model, Subject.BOTH, AS_CONFIGURED, TWINS, Relation.TWIN,
                dataName, "", note, exact && kept.isEmpty() ? TOLERANCE : Double.NaN, asConfigured,
                trial(objective, optimiser, meter, labels)));
    }

    private static SGDObjective<?> objective(String spec, boolean labels) {
        return labels ? new UnigradLabelObjective(spec) : new UnigradRegressionObjective(spec);
    }

    private SGDObjective<?> objective() {
        return (SGDObjective<?>) configField(SGDObjective.class);
    }

    private StochasticGradientOptimiser optimiser() {
        return (StochasticGradientOptimiser) configField(StochasticGradientOptimiser.class);
    }

    /**
     * Adds the comparison of the trainer as configured with {@code variant} (one named objective or optimiser), or a
     * skip saying why that variant cannot be made.
     */
    private void alternative(Subject subject, String canonical, Supplier<Trial> variant, String model,
                             Trial asConfigured, List<Comparison> comparisons, List<Skip> skips) {
        try {
            comparisons.add(new Comparison(Framework.TRIBUO, model, subject, AS_CONFIGURED, canonical,
                    Relation.ALTERNATIVE, dataName, "as configured", "", Double.NaN, asConfigured, variant.get()));
        } catch (IllegalArgumentException e) {
            skips.add(new Skip(Framework.TRIBUO, subject, canonical, e.getMessage()));
        }
    }

    private Trial trial(SGDObjective<?> objective, StochasticGradientOptimiser optimiser, String meterSpec, boolean labels) {
        return (data, settings, onEpoch) -> {
            boolean bias = (boolean) field("addBias");
            SGDVector[] features = features(train, bias);
            int batch = intField("minibatchSize");
            int stepsPerEpoch = (train.size() + batch - 1) / batch;
            TrainingLog log = new TrainingLog(settings.epochs(), onEpoch);
            EpochRecorder recorder = new EpochRecorder(optimiser, features, truth(train, labels), Meter.of(meterSpec),
                    stepsPerEpoch, log);
            Model<?> model;
            try {
                model = copy(objective, recorder).train(cast(train));
            } catch (EpochRecorder.Diverged diverged) {
                return log.result(null, recorder.lastParameters());
            }
            return log.result(test == null ? null : metrics(model, labels), recorder.lastParameters());
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Dataset cast(Dataset<?> d) {
        return d;
    }

    /** The trainer's copy with another objective and optimiser, made as OLCUT makes a configured trainer. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private AbstractSGDTrainer copy(SGDObjective<?> objective, StochasticGradientOptimiser optimiser) {
        try {
            var constructor = trainer.getClass().getDeclaredConstructor();
            constructor.setAccessible(true);
            Object copy = constructor.newInstance();
            for (Class<?> k = trainer.getClass(); k != Object.class; k = k.getSuperclass()) {
                for (Field f : k.getDeclaredFields()) {
                    if (f.isAnnotationPresent(Config.class)) {
                        f.setAccessible(true);
                        Object v = f.get(trainer);
                        if (v instanceof SGDObjective) {
                            v = objective;
                        } else if (v instanceof StochasticGradientOptimiser) {
                            v = optimiser;
                        }
                        f.set(copy, v);
                    }
                }
            }
            ((Configurable) copy).postConfig();
            return (AbstractSGDTrainer) copy;
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException | InvocationTargetException
                 | java.io.IOException e) {
            throw new IllegalStateException("cannot copy " + trainer.getClass().getName() + " (" + e + ")", e);
        }
    }

    private Object configField(Class<?> type) {
        for (Class<?> k = trainer.getClass(); k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (f.isAnnotationPresent(Config.class) && type.isAssignableFrom(f.getType())) {
                    return read(f);
                }
            }
        }
        throw new IllegalArgumentException(trainer.getClass().getName() + " has no configured " + type.getSimpleName());
    }

    private Object field(String name) {
        for (Class<?> k = trainer.getClass(); k != Object.class; k = k.getSuperclass()) {
            try {
                return read(k.getDeclaredField(name));
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new IllegalArgumentException(trainer.getClass().getName() + " has no field " + name);
    }

    private int intField(String name) {
        return (int) field(name);
    }

    private Object read(Field f) {
        try {
            f.setAccessible(true);
            return f.get(trainer);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + f, e);
        }
    }

    /** The feature vectors the trainer builds from {@code d}, in the dataset's order. */
    private static SGDVector[] features(Dataset<?> d, boolean addBias) {
        ImmutableFeatureMap map = d.getFeatureIDMap();
        SGDVector[] out = new SGDVector[d.size()];
        int i = 0;
        for (Example<?> e : d) {
            out[i++] = DenseVector.createDenseVector(e, map, addBias);
        }
        return out;
    }

    /**
     * {@code d}'s targets as a table: class indices in the training set's numbering (the trainer's score
     * order), or the values of a one-dimensional regression target.
     */
    @SuppressWarnings("unchecked")
    private Table truth(Dataset<?> d, boolean labels) {
        double[] y = new double[d.size()];
        double[][] none = new double[d.size()][0];
        if (labels) {
            ImmutableOutputInfo<Label> ids = (ImmutableOutputInfo<Label>) train.getOutputIDInfo();
            List<String> classes = new ArrayList<>();
            for (int id = 0; id < ids.size(); id++) {
                classes.add(ids.getOutput(id).getLabel());
            }
            int i = 0;
            for (Example<?> e : d) {
                y[i++] = ids.getID((Label) e.getOutput());
            }
            return new Table(dataName, Task.CLASSIFICATION, none, y, classes);
        }
        int i = 0;
        for (Example<?> e : d) {
            double[] v = ((Regressor) e.getOutput()).getValues();
            if (v.length != 1) {
                throw new IllegalArgumentException("TribuoCompare measures one regression target; the data has " + v.length);
            }
            y[i++] = v[0];
        }
        return new Table(dataName, Task.REGRESSION, none, y, List.of());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Metrics metrics(Model<?> model, boolean labels) {
        List<? extends Prediction<?>> predictions = ((Model) model).predict((Dataset) test);
        Table truth = truth(test, labels);
        if (labels) {
            int[] predicted = new int[predictions.size()];
            for (int i = 0; i < predicted.length; i++) {
                predicted[i] = truth.classes().indexOf(((Label) predictions.get(i).getOutput()).getLabel());
            }
            return Metrics.classification(truth, predicted);
        }
        double[] values = new double[predictions.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = ((Regressor) predictions.get(i).getOutput()).getValues()[0];
        }
        return Metrics.regression(truth, values);
    }
}
