package io.github.unigrad.dl4j;

import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's DL4J example, as written there (on synthetic data): it configures, trains, saves and restores. */
class ReadmeExampleTest {

    @Test
    void readmeExampleRuns(@TempDir Path dir) throws Exception {
        List<DataSet> batches = new ArrayList<>();
        for (int s = 0; s < 8; s++) {
            DataSet d = Nets.batch(s, 16, DataType.FLOAT);
            batches.add(new DataSet(d.getFeatures(), d.getLabels()));
        }
        DataSetIterator train = new ListDataSetIterator<>(batches, 1);
        int nIn = Nets.IN;
        int classes = Nets.OUT;
        File file = dir.resolve("model.zip").toFile();

        // --- README example starts here
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(nIn).nOut(64).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder().nIn(64).nOut(classes)
                        .activation(Activation.SOFTMAX)   // fused with the loss: stable log-softmax on the logits
                        .lossFunction(new UnigradLoss("softmax_cross_entropy(labelSmoothing=0.1)"))
                        .build())
                .build();
        // AdamW with a warm-up + cosine schedule: the updater, plus DL4J's WeightDecay(0.01, applyLR=true)
        // on every layer for the decoupled decay, in one call
        UnigradUpdaters.configure(conf, "adamw(lr=cosine(1e-3, steps=10000, warmup=500), weightDecay=0.01)");

        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.fit(train, 5);                                   // 5 epochs

        ModelSerializer.writeModel(net, file, true);        // true: save the updater state too
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        restored.fit(train);                                 // continues exactly where net stopped
        // --- README example ends here

        assertThat(restored.getIterationCount()).isEqualTo(6 * 8);
        assertThat(net.getLayerWiseConfigurations().toJson()).contains("softmax_cross_entropy(labelSmoothing=0.1")
                .contains("WeightDecay").contains("cosine(");
        net.fit(train);
        assertThat(restored.params()).isEqualTo(net.params());
    }
}
