package io.github.unigrad.compare.dl4j;

import io.github.unigrad.compare.Comparison;
import io.github.unigrad.compare.ComparisonResult;
import io.github.unigrad.compare.ComparisonRunner;
import io.github.unigrad.compare.Framework;
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
import io.github.unigrad.compare.data.Task;
import io.github.unigrad.dl4j.UnigradLoss;
import io.github.unigrad.dl4j.UnigradUpdater;
import io.github.unigrad.dl4j.UnigradUpdaters;
import io.github.unigrad.loss.Losses;
import io.github.unigrad.optim.Optimisers;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.evaluation.regression.RegressionEvaluation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.lossfunctions.ILossFunction;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Compares a user's DL4J network on the user's data: the network as configured, against variants trained
 * side by side from the same configuration (so the same seed, hence the same initial weights) on the same
 * iterators (reset before every epoch, so the same minibatches in the same order, as long as the iterator
 * itself does not reshuffle differently on each reset):
 * <ul>
 *   <li>{@link #twins()}: every built-in loss and updater replaced by its Unigrad twin ({@link Dl4jTwins});
 *       built-ins without a twin are kept and named in the row's note. Twins should end within
 *       {@link #DOUBLE_TOLERANCE} (double networks) or {@link #FLOAT_TOLERANCE} (float) of the original;</li>
 *   <li>{@link #loss(String)}: every output layer's loss replaced by a catalogue loss;</li>
 *   <li>{@link #optimiser(String)}: every layer's updater replaced by a catalogue optimiser (its weight decay,
 *       if any, through DL4J's regularisation, as {@link UnigradUpdaters} does).</li>
 * </ul>
 * For each it records the training loss after every epoch (the network's own score, averaged over the
 * training minibatches, outside the timed part), the wall time of every epoch, the test metrics
 * (accuracy and macro F1, or RMSE and R², averaged over the outputs) and the final parameters.
 *
 * <pre>{@code
 * Results r = Dl4jCompare.of(conf).data(train, test).epochs(10)
 *         .twins().loss("huber(delta=0.5)").optimiser("adamw(lr=0.01, weightDecay=0.01)").run();
 * System.out.println(r);
 * r.writeReport(Path.of("report"));
 * }</pre>
 *
 * <p>It needs an ND4J backend on the classpath (e.g. {@code nd4j-native} for your platform); this module does
 * not bring one.
 */
public final class Dl4jCompare {
    /** The largest parameter difference expected between a double network and its twins. */
    public static final double DOUBLE_TOLERANCE = 1e-6;
    /** The largest parameter difference expected between a float network and its twins. */
    public static final double FLOAT_TOLERANCE = 1e-3;
    static final String AS_CONFIGURED = "as configured";
    /** The "ours" name of the twins variant. */
    public static final String TWINS = "Unigrad twins";

    private final String json;
    private final boolean graph;
    private DataSetIterator train;
    private DataSetIterator test;
    private String dataName = "your data";
    private int epochs = 10;
    private Task task;
    private boolean twins;
    private final Set<String> losses = new LinkedHashSet<>();
    private final Set<String> optimisers = new LinkedHashSet<>();
    private ProgressBar progress = new ProgressBar(null, 1);

    private Dl4jCompare(String json, boolean graph) {
        this.json = json;
        this.graph = graph;
    }

    /** Compares variants of a multi-layer network (the configuration is copied; it is not changed). */
    public static Dl4jCompare of(MultiLayerConfiguration conf) {
        return new Dl4jCompare(conf.toJson(), false);
    }

    /** Compares variants of a computation graph with one input and one output (the configuration is copied). */
    public static Dl4jCompare of(ComputationGraphConfiguration conf) {
        return new Dl4jCompare(conf.toJson(), true);
    }

    /** The training data, and test data to score the final models on (null for none: no metrics). */
    public Dl4jCompare data(DataSetIterator train, DataSetIterator test) {
        this.train = train;
        this.test = test;
        return this;
    }

    /** The name the report gives the data (default "your data"). */
    public Dl4jCompare dataName(String name) {
        this.dataName = name;
        return this;
    }

    /** Epochs per variant (default 10); the first is left out of the time per epoch. */
    public Dl4jCompare epochs(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + n);
        }
        this.epochs = n;
        return this;
    }

    /** Which metrics to report; by default classification when every training label is 0 or 1, else regression. */
    public Dl4jCompare task(Task t) {
        this.task = t;
        return this;
    }

    /** Adds the variant with every built-in loss and updater replaced by its Unigrad twin. */
    public Dl4jCompare twins() {
        this.twins = true;
        return this;
    }

    /** Adds the variant with every output layer's loss replaced by catalogue loss {@code spec}. */
    public Dl4jCompare loss(String spec) {
        Losses.parse(spec);
        losses.add(spec);
        return this;
    }

    /** Adds the variant with every layer's updater replaced by catalogue optimiser {@code spec}. */
    public Dl4jCompare optimiser(String spec) {
        Optimisers.parse(spec);
        optimisers.add(spec);
        return this;
    }

    /** Where to show progress (default: nowhere). */
    public Dl4jCompare progress(ProgressBar bar) {
        this.progress = bar;
        return this;
    }

    /** How many epochs {@link #run()} will train in all (for a progress bar). */
    public long totalEpochs() {
        return 2L * epochs * Math.max(1, variants());
    }

    private int variants() {
        return (twins ? 1 : 0) + losses.size() + optimisers.size();
    }

    /**
     * Trains the network as configured and every variant asked for; a variant that cannot be made is listed
     * in {@link Results#skips()}, one that throws while training is reported in its row.
     */
    public Results run() {
        if (train == null) {
            throw new IllegalStateException("no training data: call data(train, test) first");
        }
        if (variants() == 0) {
            throw new IllegalStateException("nothing to compare: ask for twins(), a loss(spec) or an optimiser(spec)");
        }
        long start = System.nanoTime();
        Task t = task != null ? task : inferTask();
        DataType type = build(json).params().dataType();
        String model = describeModel();
        Trial asConfigured = trial(json, t).once();
        List<Comparison> comparisons = new ArrayList<>();
        List<Skip> skips = new ArrayList<>();
        if (twins) {
            Twinned tw = twin();
            if (tw.replaced().isEmpty()) {
                skips.add(new Skip(Framework.DL4J, Subject.BOTH, TWINS, "no built-in of this network has a Unigrad twin: "
                        + String.join("; ", tw.kept())));
            } else {
                double tolerance = type == DataType.DOUBLE ? DOUBLE_TOLERANCE : FLOAT_TOLERANCE;
                comparisons.add(new Comparison(Framework.DL4J, model, Subject.BOTH, AS_CONFIGURED, TWINS, Relation.TWIN,
                        dataName, "", note(tw), tolerance, asConfigured, trial(tw.json(), t)));
            }
        }
        for (String spec : losses) {
            alternative(Subject.LOSS, Losses.parse(spec).spec().toString(), () -> withLoss(spec), model, asConfigured,
                    t, comparisons, skips);
        }
        for (String spec : optimisers) {
            alternative(Subject.OPTIMISER, Optimisers.parse(spec).spec().toString(), () -> withOptimiser(spec), model,
                    asConfigured, t, comparisons, skips);
        }
        RunSettings settings = new RunSettings(epochs, 0, 1, 1);
        List<ComparisonResult> results = new ComparisonRunner(settings, name -> null, 0).run(comparisons, progress);
        String setup = String.format(Locale.ROOT, "%d epochs per variant, %s, %s network; every variant starts from the "
                + "configuration's seed and sees the same minibatches in the same order.", epochs,
                test == null ? "no test data" : "metrics on the test data", type.name().toLowerCase(Locale.ROOT));
        return new Results("Dl4jCompare on " + dataName, setup, results, skips, (System.nanoTime() - start) / 1e9);
    }

    private static String note(Twinned tw) {
        String note = "replaced: " + String.join("; ", tw.replaced());
        return tw.kept().isEmpty() ? note : note + ". Kept (no twin): " + String.join("; ", tw.kept());
    }

    /** The configuration with every built-in replaced by its twin, and what was replaced or kept. */
    private record Twinned(String json, List<String> replaced, List<String> kept) {
    }

    private Twinned twin() {
        List<String> replaced = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        String out = edit(layers -> {
            for (Named n : layers) {
                if (n.layer() instanceof BaseLayer b) {
                    for (boolean bias : new boolean[] {false, true}) {
                        var u = bias ? b.getBiasUpdater() : b.getIUpdater();
                        if (u == null || u instanceof UnigradUpdater) {
                            continue;
                        }
                        String what = n.name() + (bias ? " bias updater " : " updater ") + u.getClass().getSimpleName();
                        var spec = Dl4jTwins.updater(u);
                        if (spec.isPresent()) {
                            UnigradUpdater ours = new UnigradUpdater(spec.get());
                            if (bias) {
                                b.setBiasUpdater(ours);
                            } else {
                                b.setIUpdater(ours);
                            }
                            replaced.add(what + " → " + spec.get());
                        } else {
                            kept.add(what);
                        }
                    }
                }
                ILossFunction loss = lossOf(n.layer());
                if (loss != null && !(loss instanceof UnigradLoss)) {
                    String what = n.name() + " loss " + loss.getClass().getSimpleName();
                    var spec = Dl4jTwins.loss(loss, ((BaseLayer) n.layer()).getActivationFn());
                    if (spec.isPresent()) {
                        setLoss(n.layer(), new UnigradLoss(spec.get()));
                        replaced.add(what + " → " + spec.get());
                    } else {
                        kept.add(what);
                    }
                }
            }
        });
        return new Twinned(out, List.copyOf(new LinkedHashSet<>(replaced)), List.copyOf(new LinkedHashSet<>(kept)));
    }

    /**
     * Adds the comparison of the network as configured with {@code variant} (the configuration with one named loss or
     * optimiser), or a skip saying why that variant cannot be made.
     */
    private void alternative(Subject subject, String canonical, Supplier<String> variant, String model,
                             Trial asConfigured, Task t, List<Comparison> comparisons, List<Skip> skips) {
        try {
            String conf = variant.get();
            comparisons.add(new Comparison(Framework.DL4J, model, subject, AS_CONFIGURED, canonical,
                    Relation.ALTERNATIVE, dataName, "as configured", "", Double.NaN, asConfigured, trial(conf, t)));
        } catch (IllegalArgumentException e) {
            skips.add(new Skip(Framework.DL4J, subject, canonical, e.getMessage()));
        }
    }

    private String withLoss(String spec) {
        int[] outputs = {0};
        String out = edit(layers -> {
            for (Named n : layers) {
                if (lossOf(n.layer()) != null) {
                    setLoss(n.layer(), new UnigradLoss(spec));
                    outputs[0]++;
                }
            }
        });
        if (outputs[0] == 0) {
            throw new IllegalArgumentException("the network has no output or loss layer to take the loss");
        }
        return out;
    }

    private String withOptimiser(String spec) {
        if (graph) {
            return UnigradUpdaters.configure(ComputationGraphConfiguration.fromJson(json), spec).toJson();
        }
        return UnigradUpdaters.configure(MultiLayerConfiguration.fromJson(json), spec).toJson();
    }

    private record Named(String name, Layer layer) {
    }

    /** A fresh copy of the configuration, changed by {@code change} layer by layer, as JSON. */
    private String edit(java.util.function.Consumer<List<Named>> change) {
        List<Named> layers = new ArrayList<>();
        if (graph) {
            ComputationGraphConfiguration c = ComputationGraphConfiguration.fromJson(json);
            for (var e : c.getVertices().entrySet()) {
                GraphVertex v = e.getValue();
                if (v instanceof LayerVertex lv) {
                    layers.add(new Named("vertex '" + e.getKey() + "'", lv.getLayerConf().getLayer()));
                }
            }
            change.accept(layers);
            return c.toJson();
        }
        MultiLayerConfiguration c = MultiLayerConfiguration.fromJson(json);
        int i = 0;
        for (NeuralNetConfiguration nc : c.getConfs()) {
            layers.add(new Named("layer " + i++, nc.getLayer()));
        }
        change.accept(layers);
        return c.toJson();
    }

    private static ILossFunction lossOf(Layer layer) {
        if (layer instanceof BaseOutputLayer o) {
            return o.getLossFn();
        }
        return layer instanceof LossLayer l ? l.getLossFn() : null;
    }

    private static void setLoss(Layer layer, ILossFunction loss) {
        if (layer instanceof BaseOutputLayer o) {
            o.setLossFn(loss);
        } else {
            ((LossLayer) layer).setLossFn(loss);
        }
    }

    private String describeModel() {
        if (graph) {
            return "graph of " + ComputationGraphConfiguration.fromJson(json).getVertices().size() + " vertices";
        }
        List<String> kinds = new ArrayList<>();
        for (NeuralNetConfiguration nc : MultiLayerConfiguration.fromJson(json).getConfs()) {
            Layer l = nc.getLayer();
            String kind = l.getClass().getSimpleName().replace("Layer", "");
            IActivation a = l instanceof BaseLayer b ? b.getActivationFn() : null;
            kinds.add(kind + (a == null ? "" : "(" + a.toString().toLowerCase(Locale.ROOT) + ")"));
        }
        return String.join("-", kinds);
    }

    private NeuralNetwork build(String conf) {
        NeuralNetwork net = graph ? new ComputationGraph(ComputationGraphConfiguration.fromJson(conf))
                : new MultiLayerNetwork(MultiLayerConfiguration.fromJson(conf));
        net.init();
        return net;
    }

    /** Classification when every label of the first training minibatch is 0 or 1. */
    private Task inferTask() {
        train.reset();
        if (!train.hasNext()) {
            throw new IllegalArgumentException("the training iterator is empty");
        }
        INDArray labels = train.next().getLabels();
        train.reset();
        for (double v : labels.ravel().toDoubleVector()) {
            if (v != 0 && v != 1) {
                return Task.REGRESSION;
            }
        }
        return Task.CLASSIFICATION;
    }

    private Trial trial(String conf, Task t) {
        return (data, settings, onEpoch) -> train(conf, t, settings.epochs(), onEpoch);
    }

    private RunResult train(String conf, Task t, int n, IntConsumer onEpoch) {
        NeuralNetwork net = build(conf);
        TrainingLog log = new TrainingLog(n, onEpoch);
        for (int e = 0; e < n; e++) {
            train.reset();
            long start = System.nanoTime();
            net.fit(train);
            long nanos = System.nanoTime() - start;
            if (!log.epochEnded(meanScore(net), nanos)) {
                break;
            }
        }
        double[] params = net.params().toDoubleVector();
        return log.result(log.divergedAt() > 0 || test == null ? null : metrics(net, t), params);
    }

    /** The network's score averaged over the training minibatches, weighted by their sizes. */
    private double meanScore(NeuralNetwork net) {
        train.reset();
        double sum = 0;
        long n = 0;
        while (train.hasNext()) {
            DataSet d = train.next();
            org.nd4j.linalg.dataset.DataSet ds = (org.nd4j.linalg.dataset.DataSet) d;
            double s = net instanceof MultiLayerNetwork m ? m.score(ds) : ((ComputationGraph) net).score(ds);
            sum += s * d.numExamples();
            n += d.numExamples();
        }
        return sum / n;
    }

    private Metrics metrics(NeuralNetwork net, Task t) {
        test.reset();
        if (t == Task.CLASSIFICATION) {
            Evaluation e = net.doEvaluation(test, new Evaluation())[0];
            return new Metrics(Task.CLASSIFICATION, e.accuracy(),
                    e.f1(org.nd4j.evaluation.EvaluationAveraging.Macro));
        }
        RegressionEvaluation e = net.doEvaluation(test, new RegressionEvaluation())[0];
        return new Metrics(Task.REGRESSION, e.averagerootMeanSquaredError(), e.averageRSquared());
    }
}
