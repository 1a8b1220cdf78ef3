package io.github.unigrad.compare;

import io.github.unigrad.compare.dl4j.Dl4jCompare;
import io.github.unigrad.compare.tribuo.TribuoCompare;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.tribuo.Dataset;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "Compare on your own model and data" examples, run as written: the code between the
 * {@code README} markers below must be the README's code blocks, line for line.
 */
class ReadmeExampleTest {
    @TempDir
    Path folder;

    /** Four Gaussian features, three classes, as DL4J data (one-hot labels). */
    static DataSet blobs(int rows, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[rows][4];
        double[][] y = new double[rows][3];
        for (int i = 0; i < rows; i++) {
            int k = i % 3;
            for (int j = 0; j < 4; j++) {
                x[i][j] = (j == k ? 2 : 0) + r.nextGaussian();
            }
            y[i][k] = 1;
        }
        return new DataSet(Nd4j.create(x), Nd4j.create(y));
    }

    /** The same blobs as a Tribuo dataset. */
    static Dataset<Label> tribuoBlobs(int rows, long seed) {
        DataSet d = blobs(rows, seed);
        MutableDataset<Label> out = new MutableDataset<>(new SimpleDataSourceProvenance("blobs", new LabelFactory()),
                new LabelFactory());
        for (int i = 0; i < rows; i++) {
            out.add(new ArrayExample<>(new Label("c" + d.getLabels().getRow(i).argMax().getInt(0)),
                    new String[] {"f0", "f1", "f2", "f3"}, d.getFeatures().getRow(i).toDoubleVector()));
        }
        return out;
    }

    @Test
    void theDl4jExampleRunsAsWritten() {
        DataSet trainData = blobs(120, 1);
        DataSet testData = blobs(60, 2);
        Path folder = this.folder;
        // README dl4j begin
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42).updater(new Adam(0.01))
                .list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(16).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder().nIn(16).nOut(3).activation(Activation.SOFTMAX)
                        .lossFunction(new LossMCXENT()).build())
                .build();
        DataSetIterator train = new ListDataSetIterator<>(trainData.asList(), 16);   // your data
        DataSetIterator test = new ListDataSetIterator<>(testData.asList(), 16);

        Results results = Dl4jCompare.of(conf)
                .data(train, test)
                .epochs(5)
                .twins()                                          // every built-in loss and updater -> its twin
                .loss("softmax_focal(gamma=2)")                   // any catalogue spec you want to try
                .optimiser("adamw(lr=0.01, weightDecay=0.01)")
                .run();
        System.out.println(results);                              // the table
        results.writeReport(folder);                              // index.html, report.md, loss curves
        // README dl4j end
        assertThat(results.variant(Dl4jCompare.TWINS).status()).isEqualTo("parity ok");
        assertThat(results.results()).hasSize(3);
        assertThat(folder.resolve("index.html")).exists();
    }

    @Test
    void theTribuoExampleRunsAsWritten() {
        Dataset<Label> trainData = tribuoBlobs(120, 3);
        Dataset<Label> testData = tribuoBlobs(60, 4);
        // README tribuo begin
        var trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), 5, 42);
        Results results = TribuoCompare.of(trainer)
                .data(trainData, testData)
                .twins()
                .optimiser("adamw(lr=0.01)")
                .run();
        System.out.println(results);
        // README tribuo end
        assertThat(results.variant(TribuoCompare.TWINS).status()).isEqualTo("parity ok");
    }

    @Test
    void theReadmeShowsExactlyThisCode() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String self = Files.readString(Path.of("src/test/java/io/github/unigrad/compare/ReadmeExampleTest.java"));
        for (String name : new String[] {"dl4j", "tribuo"}) {
            Matcher m = Pattern.compile("// README " + name + " begin\\n(.*?)\\n\\s*// README " + name + " end", Pattern.DOTALL)
                    .matcher(self);
            assertThat(m.find()).isTrue();
            String code = m.group(1).stripIndent().strip();
            assertThat(readme).as("the README's %s example", name).contains(code);
        }
    }
}
