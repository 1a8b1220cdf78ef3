package io.github.unigrad.compare.tribuo;

import io.github.unigrad.compare.Metrics;
import io.github.unigrad.compare.RunResult;
import io.github.unigrad.compare.RunSettings;
import io.github.unigrad.compare.TrainingLog;
import io.github.unigrad.compare.data.Split;
import io.github.unigrad.compare.data.Table;
import io.github.unigrad.compare.data.Task;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Output;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.LabelObjective;
import org.tribuo.classification.sgd.fm.FMClassificationTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.la.SGDVector;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.RegressionObjective;
import org.tribuo.regression.sgd.fm.FMRegressionTrainer;

import java.util.List;
import java.util.function.IntConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Trains a Tribuo linear SGD or factorization-machine model on a {@link Split}, with the trainer's
 * own loop (shuffling and initialisation from the seed), measuring the training loss after each
 * epoch through an {@link EpochRecorder}, and the test metric at the end.
 */
public final class TribuoTrainer {
    /** Feature names, zero-padded so that Tribuo's sorted feature map keeps the columns' order. */
    private static final String FEATURE = "f%03d";
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

    static {
        TRIBUO_LOG.setLevel(Level.WARNING);
    }

    private TribuoTrainer() {
    }

    /** The trainer {@code setup} describes, for {@code task}, with logging off. */
    @SuppressWarnings("unchecked")
    public static Trainer<?> trainer(TribuoSetup setup, StochasticGradientOptimiser optimiser, Task task,
                                     RunSettings s) {
        int epochs = s.epochs();
        int batch = s.tribuoBatch();
        long seed = s.seed();
        if (task == Task.CLASSIFICATION) {
            LabelObjective o = (LabelObjective) setup.objective();
            return setup.kind() == ModelKind.LINEAR
                    ? new org.tribuo.classification.sgd.linear.LinearSGDTrainer(o, optimiser, epochs, -1, batch, seed)
                    : new FMClassificationTrainer(o, optimiser, epochs, -1, batch, seed, ModelKind.FM_FACTORS,
                            ModelKind.FM_VARIANCE);
        }
        RegressionObjective o = (RegressionObjective) setup.objective();
        return setup.kind() == ModelKind.LINEAR
                ? new org.tribuo.regression.sgd.linear.LinearSGDTrainer(o, optimiser, epochs, -1, batch, seed)
                : new FMRegressionTrainer(o, optimiser, epochs, -1, batch, seed, ModelKind.FM_FACTORS,
                        ModelKind.FM_VARIANCE, false);
    }

    /** Trains and scores one setup; a diverging run is stopped and flagged. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static RunResult run(Split data, TribuoSetup setup, RunSettings settings, IntConsumer onEpoch) {
        Dataset<?> train = dataset(data.train());
        SGDVector[] features = features(train, setup.kind().addsBias());
        int stepsPerEpoch = (train.size() + settings.tribuoBatch() - 1) / settings.tribuoBatch();
        TrainingLog log = new TrainingLog(settings.epochs(), onEpoch);
        EpochRecorder recorder = new EpochRecorder(setup.optimiser(), features, inTribuoOrder(data.train(), train),
                setup.meter(), stepsPerEpoch, log);
        Trainer trainer = trainer(setup, recorder, data.task(), settings);
        Model<?> model;
        try {
            model = trainer.train(train);
        } catch (EpochRecorder.Diverged diverged) {
            return log.result(null, recorder.lastParameters());
        }
        return log.result(evaluate(model, data.test()), recorder.lastParameters());
    }

    /**
     * The table with its classes numbered as Tribuo numbers them in {@code d} (by first appearance, not
     * sorted), so that the meter reads score j as the class Tribuo put there.
     */
    @SuppressWarnings("unchecked")
    static Table inTribuoOrder(Table table, Dataset<?> d) {
        if (table.task() != Task.CLASSIFICATION) {
            return table;
        }
        ImmutableOutputInfo<Label> ids = (ImmutableOutputInfo<Label>) d.getOutputIDInfo();
        List<String> classes = new java.util.ArrayList<>();
        for (int id = 0; id < ids.size(); id++) {
            classes.add(ids.getOutput(id).getLabel());
        }
        double[] y = new double[table.rows()];
        for (int i = 0; i < y.length; i++) {
            y[i] = classes.indexOf(table.classes().get(table.label(i)));
        }
        return new Table(table.name(), table.task(), table.x(), y, classes);
    }

    /** A Tribuo dataset of {@code table}: features {@code f000...}, a Label or a Regressor {@code y}. */
    public static Dataset<?> dataset(Table table) {
        SimpleDataSourceProvenance provenance = new SimpleDataSourceProvenance(table.name(), outputFactory(table.task()));
        if (table.task() == Task.CLASSIFICATION) {
            MutableDataset<Label> d = new MutableDataset<>(provenance, new LabelFactory());
            for (int i = 0; i < table.rows(); i++) {
                d.add(example(new Label(table.classes().get(table.label(i))), table.x()[i]));
            }
            return d;
        }
        MutableDataset<Regressor> d = new MutableDataset<>(provenance, new RegressionFactory());
        for (int i = 0; i < table.rows(); i++) {
            d.add(example(new Regressor("y", table.y()[i]), table.x()[i]));
        }
        return d;
    }

    private static org.tribuo.OutputFactory<?> outputFactory(Task task) {
        return task == Task.CLASSIFICATION ? new LabelFactory() : new RegressionFactory();
    }

    private static <T extends Output<T>> Example<T> example(T output, double[] x) {
        String[] names = new String[x.length];
        for (int j = 0; j < x.length; j++) {
            names[j] = String.format(FEATURE, j);
        }
        return new ArrayExample<>(output, names, x.clone());
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

    /** Accuracy and macro F1, or RMSE and R², of {@code model} on {@code test}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Metrics evaluate(Model<?> model, Table test) {
        List<? extends Prediction<?>> predictions = ((Model) model).predict((Dataset) dataset(test));
        if (test.task() == Task.REGRESSION) {
            double[] values = new double[predictions.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = ((Regressor) predictions.get(i).getOutput()).getValues()[0];
            }
            return Metrics.regression(test, values);
        }
        int[] classes = new int[predictions.size()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = test.classes().indexOf(((Label) predictions.get(i).getOutput()).getLabel());
        }
        return Metrics.classification(test, classes);
    }
}
