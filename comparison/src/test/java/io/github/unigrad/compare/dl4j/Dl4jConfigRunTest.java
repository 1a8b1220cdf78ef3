package io.github.unigrad.compare.dl4j;

import io.github.unigrad.compare.data.Datasets;
import io.github.unigrad.compare.data.Split;
import io.github.unigrad.compare.data.Table;
import io.github.unigrad.compare.data.Task;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --dl4j-config} with a computation graph: its input and output sizes are checked against the data. */
class Dl4jConfigRunTest {

    static Split regression(int features) {
        double[][] x = new double[20][features];
        double[] y = new double[20];
        for (int i = 0; i < 20; i++) {
            x[i][0] = i;
            y[i] = 2 * i;
        }
        return Datasets.split(new Table("line", Task.REGRESSION, x, y, List.of()), 0.25, 1);
    }

    static ComputationGraphConfiguration graph(int in, int out) {
        return new NeuralNetConfiguration.Builder().seed(1).graphBuilder().addInputs("x")
                .addLayer("h", new DenseLayer.Builder().nIn(in).nOut(4).activation(Activation.TANH).build(), "x")
                .addLayer("y", new OutputLayer.Builder().nIn(4).nOut(out).activation(Activation.IDENTITY)
                        .lossFunction(new LossMSE()).build(), "h")
                .setOutputs("y").build();
    }

    @Test
    void aGraphThatFitsTheDataIsReadyToRun(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("graph.json");
        Files.writeString(json, graph(2, 1).toJson());
        Dl4jConfigRun run = Dl4jConfigRun.load(json, regression(2), 8, 2, List.of(), List.of());
        assertThat(run.compare().totalEpochs()).isEqualTo(4);
    }

    @Test
    void aGraphThatDoesNotFitIsRefusedWithItsSizes(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("graph.json");
        Files.writeString(json, graph(3, 1).toJson());
        assertThatThrownBy(() -> Dl4jConfigRun.load(json, regression(2), 8, 2, List.of(), List.of()))
                .hasMessageContaining("3 inputs").hasMessageContaining("2 feature columns");
        Files.writeString(json, graph(2, 2).toJson());
        assertThatThrownBy(() -> Dl4jConfigRun.load(json, regression(2), 8, 2, List.of(), List.of()))
                .hasMessageContaining("2 outputs").hasMessageContaining("regression target needs 1");
    }
}
