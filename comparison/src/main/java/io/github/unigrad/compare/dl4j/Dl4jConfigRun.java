package io.github.unigrad.compare.dl4j;

import io.github.unigrad.compare.data.Split;
import io.github.unigrad.compare.data.Table;
import io.github.unigrad.compare.data.Task;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The command line's {@code --dl4j-config}: a network read from its JSON, and a {@link Dl4jCompare} of it on
 * a split of the user's CSV, with its input and output sizes checked against the data before anything trains.
 *
 * @param compare the comparison, ready to run
 */
public record Dl4jConfigRun(Dl4jCompare compare) {

    /**
     * Reads the network in {@code json}, checks it against {@code data} (the number of inputs must be the number
     * of features; the number of outputs the number of classes, 1 for two classes with a single probability, or
     * 1 for regression), and prepares the twins comparison plus the named specs.
     *
     * @throws IllegalArgumentException when the file cannot be read as a DL4J configuration or does not fit the data
     */
    public static Dl4jConfigRun load(Path json, Split data, int batch, int epochs, List<String> losses,
                                     List<String> optimisers) {
        String text;
        try {
            text = Files.readString(json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the file (" + e.getMessage() + ")");
        }
        Dl4jCompare compare;
        int in;
        int out;
        try {
            if (text.contains("\"vertices\"")) {
                ComputationGraphConfiguration g = ComputationGraphConfiguration.fromJson(text);
                if (g.getNetworkInputs().size() != 1 || g.getNetworkOutputs().size() != 1) {
                    throw new IllegalArgumentException("a graph with one input and one output is needed, this one has "
                            + g.getNetworkInputs().size() + " inputs and " + g.getNetworkOutputs().size() + " outputs");
                }
                in = firstLayerInputs(g);
                out = size(((LayerVertex) g.getVertices().get(g.getNetworkOutputs().get(0))).getLayerConf().getLayer(), false);
                compare = Dl4jCompare.of(g);
            } else {
                MultiLayerConfiguration m = MultiLayerConfiguration.fromJson(text);
                List<NeuralNetConfiguration> confs = m.getConfs();
                in = size(confs.get(0).getLayer(), true);
                out = size(confs.get(confs.size() - 1).getLayer(), false);
                compare = Dl4jCompare.of(m);
            }
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException && e.getMessage() != null && e.getMessage().startsWith("a graph")) {
                throw e;
            }
            throw new IllegalArgumentException("not a DL4J network configuration (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")");
        }
        Table train = data.train();
        if (in > 0 && in != train.features()) {
            throw new IllegalArgumentException("the network takes " + in + " inputs, the data has " + train.features()
                    + " feature columns");
        }
        Targets targets = targets(train, out);
        compare.data(iterator(train, targets, batch), iterator(data.test(), targets, batch)).dataName(data.name())
                .epochs(epochs).task(train.task()).twins();
        losses.forEach(compare::loss);
        optimisers.forEach(compare::optimiser);
        return new Dl4jConfigRun(compare);
    }

    private static int firstLayerInputs(ComputationGraphConfiguration g) {
        String input = g.getNetworkInputs().get(0);
        for (var e : g.getVertexInputs().entrySet()) {
            if (e.getValue().contains(input) && g.getVertices().get(e.getKey()) instanceof LayerVertex lv) {
                return size(lv.getLayerConf().getLayer(), true);
            }
        }
        return 0;
    }

    /** The layer's nIn or nOut, or 0 when it has none (the check is then left to DL4J). */
    private static int size(Layer layer, boolean in) {
        if (layer instanceof FeedForwardLayer f) {
            return (int) (in ? f.getNIn() : f.getNOut());
        }
        return 0;
    }

    /** How the labels are encoded for a network with {@code outputs} outputs. */
    private static Targets targets(Table t, int outputs) {
        if (t.task() == Task.REGRESSION) {
            if (outputs > 1) {
                throw new IllegalArgumentException("the network has " + outputs + " outputs, a regression target needs 1");
            }
            return Targets.VALUE;
        }
        if (outputs == 1 && t.isBinary()) {
            return Targets.ZERO_ONE;
        }
        if (outputs > 0 && outputs != t.outputs()) {
            throw new IllegalArgumentException("the network has " + outputs + " outputs, the data has " + t.outputs()
                    + " classes (" + String.join(", ", t.classes()) + ")");
        }
        return Targets.ONE_HOT;
    }

    private static ListDataSetIterator<DataSet> iterator(Table t, Targets targets, int batch) {
        DataSet all = new DataSet(Nd4j.create(t.x()), Nd4j.create(targets.encode(t)));
        return new ListDataSetIterator<>(all.asList(), batch);
    }
}
