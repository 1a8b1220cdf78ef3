package io.github.unigrad.bench;

import io.github.unigrad.tribuo.SyntheticData;
import io.github.unigrad.tribuo.UnigradOptimiser;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.common.sgd.AbstractSGDModel;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.la.Tensor;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.GZIPOutputStream;

/**
 * Sparse models for Tribuo users, measured: {@code LinearSGDTrainer} (logistic regression, minibatch 1)
 * on seeded synthetic sparse data whose label depends on the first {@code relevant} of its
 * {@code features} features ({@link SyntheticData}), with Tribuo's AdaGrad against Unigrad's
 * {@code ftrl(l1=...)} and chains ending in {@code prox_l1}. For each: held-out accuracy, the fraction of
 * weights exactly 0, the model's protobuf size on disk (Tribuo stores the weights dense, so it does
 * not shrink) and gzip-compressed (it does), and the training time of the second of two runs (not a
 * benchmark: one JVM, one measured run each).
 *
 * <p>Arguments (all optional): examples, features, active features per example, relevant features,
 * epochs; defaults 50000 100000 20 10000 3 (two relevant features per example on average). 80% of
 * the examples train, 20% test.
 */
public final class SparseModels {
    /** Held here: a logger only referenced inside {@code main} may be collected, and its level with it. */
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

    private SparseModels() {
    }

    public static void main(String[] args) throws IOException {
        int examples = arg(args, 0, 50000);
        int features = arg(args, 1, 100000);
        int active = arg(args, 2, 20);
        int relevant = arg(args, 3, 10000);
        int epochs = arg(args, 4, 3);
        TRIBUO_LOG.setLevel(Level.WARNING);
        Dataset<Label> all = SyntheticData.classification(42L, examples, features, active, 2, relevant);
        MutableDataset<Label> train = split(all, 0, examples * 4 / 5);
        MutableDataset<Label> test = split(all, examples * 4 / 5, examples);
        System.out.printf("%d train / %d test examples, %d features (%d active per example, label from the first %d),"
                + " 2 classes, %d epochs%n", train.size(), test.size(), features, active, relevant, epochs);
        Map<String, Supplier<StochasticGradientOptimiser>> variants = new LinkedHashMap<>();
        variants.put("Tribuo AdaGrad(lr=0.1, eps=1e-6)", () -> new AdaGrad(0.1, 1e-6));
        variants.put("adagrad(lr=0.1, eps=1e-6)", () -> new UnigradOptimiser("adagrad(lr=0.1, eps=1e-6)"));
        for (String l1 : new String[] {"1", "3", "10"}) {
            String spec = "ftrl(lr=0.1, l1=" + l1 + ")";
            variants.put(spec, () -> new UnigradOptimiser(spec));
        }
        for (String l1 : new String[] {"1e-5", "3e-5", "1e-4"}) {
            String spec = "chain(transforms=[scale_by_adagrad(eps=1e-6), scale_by_lr, prox_l1(l1=" + l1 + ")], lr=0.1)";
            variants.put(spec, () -> new UnigradOptimiser(spec));
        }
        System.out.printf("%-90s %9s %7s %12s %12s %9s%n", "optimiser", "accuracy", "zeros", "bytes", "gzip bytes", "train s");
        for (var v : variants.entrySet()) {
            LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), v.getValue().get(), epochs, 1L);
            trainer.train(train);
            long start = System.nanoTime();
            Model<Label> model = trainer.train(train);
            double seconds = (System.nanoTime() - start) / 1e9;
            double accuracy = new LabelEvaluator().evaluate(model, test).accuracy();
            System.out.printf("%-90s %9.4f %7.4f %12d %12d %9.2f%n", v.getKey(), accuracy, zeroFraction(model),
                    size(model, false), size(model, true), seconds);
        }
    }

    private static int arg(String[] args, int i, int def) {
        return args.length > i ? Integer.parseInt(args[i]) : def;
    }

    private static MutableDataset<Label> split(Dataset<Label> all, int from, int to) {
        MutableDataset<Label> part = new MutableDataset<>(new SimpleDataSourceProvenance("synthetic[" + from + ", " + to + ")",
                all.getOutputFactory()), all.getOutputFactory());
        for (int i = from; i < to; i++) {
            Example<Label> e = all.getExample(i);
            part.add(e);
        }
        return part;
    }

    /** The fraction of the model's weights (biases included) that are exactly 0. */
    private static double zeroFraction(Model<Label> model) {
        long zeros = 0;
        long count = 0;
        for (Tensor t : ((AbstractSGDModel<?>) model).getModelParameters().get()) {
            for (double[] row : ((DenseMatrix) t).toArray()) {
                for (double w : row) {
                    zeros += w == 0 ? 1 : 0;
                    count++;
                }
            }
        }
        return (double) zeros / count;
    }

    /** The bytes of the model's protobuf serialisation, gzip-compressed or not. */
    private static long size(Model<Label> model, boolean gzip) throws IOException {
        Counter counter = new Counter();
        if (gzip) {
            try (GZIPOutputStream out = new GZIPOutputStream(counter)) {
                model.serializeToStream(out);
            }
        } else {
            model.serializeToStream(counter);
        }
        return counter.bytes;
    }

    /** An output stream that only counts. */
    private static final class Counter extends OutputStream {
        private long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
