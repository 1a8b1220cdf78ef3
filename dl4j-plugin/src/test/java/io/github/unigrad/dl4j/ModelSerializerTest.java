package io.github.unigrad.dl4j;

import io.github.unigrad.optim.Optimisers;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For every optimiser of the catalogue: k steps, save with the updater, restore, m more steps gives
 * exactly the parameters and updater state of k+m uninterrupted steps (float network, so the
 * updater's float round trips are exercised too).
 */
class ModelSerializerTest {
    private static final int K = 3;
    private static final int M = 3;

    /** Specs for the optimisers that have no default for some argument. */
    private static final Map<String, String> EXPLICIT = Map.of(
            "gradient_descent", "gradient_descent(lr=0.05)",
            "momentum", "momentum(lr=0.05)",
            "nesterov", "nesterov(lr=0.05)",
            "pegasos", "pegasos(lr=0.05, lambda=0.01)",
            "averaging", "averaging(inner=adam)",
            "accumulate", "accumulate(inner=adam, every=2)",
            "lookahead", "lookahead(inner=adam)",
            "skip_nonfinite", "skip_nonfinite(inner=adam)",
            "chain", "chain(transforms=[scale_by_adam, scale_by_lr], lr=0.01)");

    /**
     * Every optimiser DL4J can run: all but those reading the parameters beyond one weight-decay term
     * ({@code ftrl}), which are refused at configuration time (UnigradUpdatersTest).
     */
    static List<String> specs() {
        return Optimisers.names().stream().map(n -> EXPLICIT.getOrDefault(n, n)).filter(s -> {
            var o = Optimisers.parse(s);
            return !o.needsParameters() || o.splitWeightDecay().filter(w -> !w.rest().needsParameters()).isPresent();
        }).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void saveRestoreAndContinueEqualsUninterruptedTraining(String spec, @TempDir Path dir) throws Exception {
        MultiLayerNetwork uninterrupted = net(spec);
        Nets.fit(uninterrupted, 0, K + M);

        MultiLayerNetwork first = net(spec);
        Nets.fit(first, 0, K);
        File file = dir.resolve("net.zip").toFile();
        ModelSerializer.writeModel(first, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        assertThat(restored.getLayerWiseConfigurations()).isEqualTo(first.getLayerWiseConfigurations());
        Nets.fit(restored, K, M);

        assertThat(restored.params()).isEqualTo(uninterrupted.params());
        if (uninterrupted.getUpdater().getStateViewArray() != null) {
            assertThat(restored.getUpdater().getStateViewArray()).isEqualTo(uninterrupted.getUpdater().getStateViewArray());
        }
    }

    @Test
    void netSaveAndLoadAndComputationGraphsKeepTheUpdaterStateToo(@TempDir Path dir) throws Exception {
        MultiLayerNetwork uninterrupted = net("adam(lr=0.01)");
        Nets.fit(uninterrupted, 0, K + M);
        MultiLayerNetwork first = net("adam(lr=0.01)");
        Nets.fit(first, 0, K);
        File file = dir.resolve("mln.bin").toFile();
        first.save(file, true);
        MultiLayerNetwork loaded = MultiLayerNetwork.load(file, true);
        Nets.fit(loaded, K, M);
        assertThat(loaded.params()).isEqualTo(uninterrupted.params());

        ComputationGraph graph = uninterrupted.toComputationGraph();
        ComputationGraph whole = graph.clone();
        for (int s = 0; s < K + M; s++) {
            whole.fit(Nets.batch(100 + s, 6, DataType.FLOAT));
        }
        ComputationGraph part = graph.clone();
        for (int s = 0; s < K; s++) {
            part.fit(Nets.batch(100 + s, 6, DataType.FLOAT));
        }
        File graphFile = dir.resolve("graph.zip").toFile();
        ModelSerializer.writeModel(part, graphFile, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(graphFile, true);
        for (int s = K; s < K + M; s++) {
            restored.fit(Nets.batch(100 + s, 6, DataType.FLOAT));
        }
        assertThat(restored.params()).isEqualTo(whole.params());
        assertThat(restored.getUpdater().getStateViewArray()).isEqualTo(whole.getUpdater().getStateViewArray());
    }

    private static MultiLayerNetwork net(String spec) {
        return Nets.init(UnigradUpdaters.configure(Nets.mlp(DataType.FLOAT, new UnigradLoss("l2"), b -> b), spec));
    }
}
