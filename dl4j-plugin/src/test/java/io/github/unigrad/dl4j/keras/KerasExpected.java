package io.github.unigrad.dl4j.keras;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * One model of {@code src/test/resources/keras/expected.json} (written with the {@code .h5} files by
 * {@code write_keras_models.py} from Keras's published formulas): its file, data, Keras's score and the gradient of
 * that score with respect to every weight.
 */
record KerasExpected(String name, JsonNode node) {
    private static final JsonNode ALL = load();
    /** Float network, float64 reference: relative and absolute tolerance of a comparison. */
    static final double REL = 2e-5;
    static final double ABS = 2e-6;

    private static JsonNode load() {
        try (InputStream in = KerasExpected.class.getResourceAsStream("/keras/expected.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static KerasExpected of(String name) {
        JsonNode node = ALL.get(name);
        assertThat(node).as("expected.json has no model %s", name).isNotNull();
        return new KerasExpected(name, node);
    }

    static List<String> names(String kind) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = ALL.fieldNames(); it.hasNext(); ) {
            String n = it.next();
            if (ALL.get(n).get("kind").asText().equals(kind)) {
                names.add(n);
            }
        }
        return names;
    }

    String path() {
        try {
            return Paths.get(KerasExpected.class.getResource("/keras/" + node.get("file").asText()).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    String loss() {
        return node.get("loss").asText();
    }

    double score() {
        return node.get("score").asDouble();
    }

    INDArray x() {
        return matrix(node.get("x"));
    }

    /** The targets of the output (Keras layer) {@code layer}. */
    INDArray y(String layer) {
        return matrix(node.get("y").get(layer));
    }

    List<String> outputs() {
        List<String> out = new ArrayList<>();
        node.get("outputs").forEach(n -> out.add(n.asText()));
        return out;
    }

    DataSet dataSet() {
        return new DataSet(x(), y("dense_1"));
    }

    MultiDataSet multiDataSet() {
        List<String> outputs = outputs();
        INDArray[] labels = new INDArray[outputs.size()];
        for (int k = 0; k < labels.length; k++) {
            labels[k] = y(outputs.get(k));
        }
        return new MultiDataSet(new INDArray[] {x()}, labels);
    }

    /** Keras's d(score)/d(kernel) or d(score)/d(bias) of a Keras layer. */
    INDArray gradient(String layer, String which) {
        return matrix(node.get("gradients").get(layer).get(which));
    }

    static INDArray matrix(JsonNode n) {
        if (!n.get(0).isArray()) {
            double[] v = new double[n.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = n.get(i).asDouble();
            }
            return Nd4j.createFromArray(v).castTo(DataType.FLOAT).reshape(1, v.length);
        }
        double[][] v = new double[n.size()][n.get(0).size()];
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v[i].length; j++) {
                v[i][j] = n.get(i).get(j).asDouble();
            }
        }
        return Nd4j.createFromArray(v).castTo(DataType.FLOAT);
    }

    /** The imported model's score on this model's data (the mean over the batch; the sum over outputs). */
    double scoreOf(Model model) {
        if (model instanceof MultiLayerNetwork net) {
            return net.score(dataSet());
        }
        return ((ComputationGraph) model).score(multiDataSet());
    }

    static void assertClose(double actual, double expected, String what) {
        assertThat(actual).as(what).isCloseTo(expected, within(ABS + REL * Math.abs(expected)));
    }

    static void assertClose(INDArray actual, INDArray expected, String what) {
        double[] a = actual.castTo(DataType.DOUBLE).reshape(actual.length()).toDoubleVector();
        double[] e = expected.castTo(DataType.DOUBLE).reshape(expected.length()).toDoubleVector();
        assertThat(a).as(what + " size").hasSameSizeAs(e);
        double scale = 0;
        for (double v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int k = 0; k < e.length; k++) {
            assertThat(a[k]).as("%s[%d] (Keras %s, DL4J %s)", what, k, e[k], a[k])
                    .isCloseTo(e[k], within(ABS + REL * scale * 5));
        }
    }
}
