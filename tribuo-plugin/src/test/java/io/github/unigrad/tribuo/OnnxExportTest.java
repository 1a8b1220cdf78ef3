package io.github.unigrad.tribuo;

import ai.onnxruntime.OrtSession;
import com.oracle.labs.mlrg.olcut.util.Pair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.ONNXExportable;
import org.tribuo.Output;
import org.tribuo.OutputFactory;
import org.tribuo.Prediction;
import org.tribuo.VariableIDInfo;
import org.tribuo.VariableInfo;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.fm.FMClassificationTrainer;
import org.tribuo.interop.onnx.DenseTransformer;
import org.tribuo.interop.onnx.LabelTransformer;
import org.tribuo.interop.onnx.MultiLabelTransformer;
import org.tribuo.interop.onnx.ONNXExternalModel;
import org.tribuo.interop.onnx.OutputTransformer;
import org.tribuo.interop.onnx.RegressorTransformer;
import org.tribuo.multilabel.MultiLabel;
import org.tribuo.multilabel.MultiLabelFactory;
import org.tribuo.multilabel.sgd.fm.FMMultiLabelTrainer;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.fm.FMRegressionTrainer;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * ONNX export ({@code exportONNXModel} / {@code saveONNXModel}, tribuo-onnx 4.3.2) of linear-SGD and factorization-machine
 * models trained with Unigrad objectives and optimisers: the exported graph, run by ONNX Runtime through
 * {@link ONNXExternalModel}, predicts what the Tribuo model predicts, each score within float precision (ONNX Runtime
 * computes in float32: relative error ≤ 1e-5, absolute ≤ 1e-5 near zero), and the same label. The objective decides the
 * exported normaliser: softmax for softmax cross-entropy, none for margin losses, sigmoid for binary cross-entropy.
 * Measured: the largest relative score difference is 1e-7 to 4e-7 for every model here.
 */
class OnnxExportTest {
    private static final double FLOAT = 1e-5;

    @TempDir
    Path dir;

    private <T extends Output<T>> void assertOnnxMatches(String what, Model<T> model, Dataset<T> data, OutputFactory<T> factory,
                                                         OutputTransformer<T> transformer, Function<T, double[]> scores)
            throws Exception {
        Path file = dir.resolve(what.replaceAll("[^a-z0-9]", "_") + ".onnx");
        ((ONNXExportable) model).saveONNXModel("io.github.unigrad.test", 1, file);
        Map<String, Integer> features = new HashMap<>();
        for (VariableInfo f : model.getFeatureIDMap()) {
            features.put(f.getName(), ((VariableIDInfo) f).getID());
        }
        Map<T, Integer> outputs = new HashMap<>();
        for (Pair<Integer, T> p : model.getOutputIDInfo()) {
            outputs.put(p.getB(), p.getA());
        }
        try (ONNXExternalModel<T> onnx = ONNXExternalModel.createOnnxModel(factory, features, outputs, new DenseTransformer(),
                transformer, new OrtSession.SessionOptions(), file, "input")) {
            List<Prediction<T>> expected = model.predict(data);
            List<Prediction<T>> actual = onnx.predict(data);
            double worst = 0;
            for (int i = 0; i < expected.size(); i++) {
                double[] e = scores.apply(expected.get(i).getOutput());
                double[] a = scores.apply(actual.get(i).getOutput());
                assertThat(a).as("%s, example %d", what, i).hasSameSizeAs(e);
                for (int k = 0; k < e.length; k++) {
                    assertThat(a[k]).as("%s, example %d, output %d", what, i, k).isCloseTo(e[k], within(FLOAT * Math.max(1, Math.abs(e[k]))));
                    worst = Math.max(worst, Math.abs(a[k] - e[k]) / Math.max(1, Math.abs(e[k])));
                }
                if (expected.get(i).getOutput() instanceof Label l) {
                    assertThat(((Label) actual.get(i).getOutput()).getLabel()).as("%s, example %d", what, i).isEqualTo(l.getLabel());
                } else if (expected.get(i).getOutput() instanceof MultiLabel m) {
                    assertThat(((MultiLabel) actual.get(i).getOutput()).getLabelString()).as("%s, example %d", what, i)
                            .isEqualTo(m.getLabelString());
                }
            }
            System.out.printf("ONNX %s: largest relative score difference %.2e over %d examples%n", what, worst, expected.size());
        }
    }

    /** Every label's score, in the model's label order. */
    private static double[] labelScores(Prediction<Label> p, Model<Label> model) {
        double[] s = new double[model.getOutputIDInfo().size()];
        for (Pair<Integer, Label> e : model.getOutputIDInfo()) {
            s[e.getA()] = p.getOutputScores().get(e.getB().getLabel()).getScore();
        }
        return s;
    }

    private void labels(String what, Model<Label> model, Dataset<Label> data, boolean probabilities) throws Exception {
        assertOnnxMatches(what, model, data, new LabelFactory(), new LabelTransformer(probabilities), l -> new double[] {l.getScore()});
        // every label's score, not only the winner's
        Path file = dir.resolve("all_" + what.replaceAll("[^a-z0-9]", "_") + ".onnx");
        ((ONNXExportable) model).saveONNXModel("io.github.unigrad.test", 1, file);
        Map<String, Integer> features = new HashMap<>();
        for (VariableInfo f : model.getFeatureIDMap()) {
            features.put(f.getName(), ((VariableIDInfo) f).getID());
        }
        Map<Label, Integer> outputs = new HashMap<>();
        for (Pair<Integer, Label> p : model.getOutputIDInfo()) {
            outputs.put(p.getB(), p.getA());
        }
        try (ONNXExternalModel<Label> onnx = ONNXExternalModel.createOnnxModel(new LabelFactory(), features, outputs,
                new DenseTransformer(), new LabelTransformer(probabilities), new OrtSession.SessionOptions(), file, "input")) {
            for (Example<Label> e : data) {
                double[] expected = labelScores(model.predict(e), model);
                double[] actual = labelScores(onnx.predict(e), model);
                for (int k = 0; k < expected.length; k++) {
                    assertThat(actual[k]).isCloseTo(expected[k], within(FLOAT * Math.max(1, Math.abs(expected[k]))));
                }
            }
        }
    }

    @Test
    void linearAndFmLabelModels() throws Exception {
        Dataset<Label> iris = TestData.iris();
        labels("linear softmax_cross_entropy", new org.tribuo.classification.sgd.linear.LinearSGDTrainer(
                new UnigradLabelObjective("softmax_cross_entropy(labelSmoothing=0.1)"), new UnigradOptimiser("adam(lr=0.05)"), 5, 1L)
                .train(iris), iris, true);
        labels("linear multi_margin", new org.tribuo.classification.sgd.linear.LinearSGDTrainer(
                new UnigradLabelObjective("multi_margin(p=2)"), new UnigradOptimiser("adagrad(lr=0.1)"), 5, 1L).train(iris), iris, false);
        labels("fm softmax_focal", new FMClassificationTrainer(new UnigradLabelObjective("softmax_focal(gamma=2)"),
                new UnigradOptimiser("adam(lr=0.02)"), 5, -1, 1, 1L, 4, 0.1).train(iris), iris, true);
    }

    @Test
    void linearAndFmRegressionModels() throws Exception {
        Dataset<Regressor> diabetes = TestData.diabetes();
        Function<Regressor, double[]> values = Regressor::getValues;
        assertOnnxMatches("linear huber", new org.tribuo.regression.sgd.linear.LinearSGDTrainer(
                new UnigradRegressionObjective("huber(delta=0.5)"), new UnigradOptimiser("adam(lr=0.02)"), 5, 1L).train(diabetes),
                diabetes, new RegressionFactory(), new RegressorTransformer(), values);
        assertOnnxMatches("fm log_cosh", new FMRegressionTrainer(new UnigradRegressionObjective("log_cosh"),
                new UnigradOptimiser("adagrad(lr=0.05)"), 5, -1, 1, 1L, 4, 0.1, false).train(diabetes),
                diabetes, new RegressionFactory(), new RegressorTransformer(), values);
    }

    @Test
    void linearAndFmMultiLabelModels() throws Exception {
        Dataset<MultiLabel> data = TestData.irisMultiLabel();
        int labels = data.getOutputIDInfo().size();
        Function<MultiLabel, double[]> scores = m -> m.getLabelSet().stream().mapToDouble(Label::getScore).sorted().toArray();
        assertOnnxMatches("linear binary_cross_entropy", new org.tribuo.multilabel.sgd.linear.LinearSGDTrainer(
                new UnigradMultiLabelObjective("binary_cross_entropy(posWeight=[" + "1.5, ".repeat(labels - 1) + "1])"),
                new UnigradOptimiser("adam(lr=0.05)"), 5, 1L).train(data), data, new MultiLabelFactory(),
                new MultiLabelTransformer(0.5, true), scores);
        assertOnnxMatches("fm focal", new FMMultiLabelTrainer(new UnigradMultiLabelObjective("focal(gamma=1)"),
                new UnigradOptimiser("adagrad(lr=0.1)"), 5, -1, 1, 1L, 4, 0.1).train(data), data, new MultiLabelFactory(),
                new MultiLabelTransformer(0.5, true), scores);
    }
}
